/**
 * Issue 18 §1: `huiyin doctor` starts the configured WeChat puppet for a few seconds (a real child process) and says
 * what it saw, on 127.0.0.1 only: a service endpoint that refuses, and a token the service discovery does not know
 * (an HTTPS discovery answering 404, like the real one for an unknown token). The bot's data directory is not written.
 */
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { PuppetServer } from 'wechaty-puppet-service';
import { PLATFORMS } from '../../app/platforms.ts';
import { runDoctorCommand } from '../../src/cli/doctor.ts';
import { acquireLock } from '../../src/store/lock.ts';
import { SAMPLE_CONFIG } from '../helpers/transcript.ts';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let dataDir: string;
let config: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-doctor-probe-'));
  dataDir = join(dir, 'data');
  await mkdir(dataDir);
  config = join(dir, 'huiyin.yaml');
  const sample = await readFile(SAMPLE_CONFIG, 'utf8');
  await writeFile(config, sample.replace('dataDir: ./data', `dataDir: ${JSON.stringify(dataDir)}`));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await runDoctorCommand(['--config', config], { stdout: sink, stderr: sink, env: { ...process.env, ...env } }, PLATFORMS);
  return { code, out };
}

const wechatLine = (out: string) => out.split('\n').find((l) => /^(ok|problem) +wechat:/.test(l)) ?? '(no wechat line)';
const scratchDirs = async () => (await readdir(tmpdir())).filter((n) => n.startsWith('huiyin-doctor-wechat-'));

describe('huiyin doctor starts the WeChat puppet', () => {
  it('a service endpoint that refuses: "connection refused at" that address, within the bound; nothing left behind', async () => {
    const port = await closedPort();
    const before = await scratchDirs();
    const started = Date.now();
    const run = await doctor({
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_00000000-0000-4000-8000-000000000000',
      WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${port}`,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      WECHAT_DOCTOR_SECONDS: '8',
    });
    // Loading Wechaty (≤ 30 s cap) + the 8 s window + ≤ 5 s to stop.
    expect(Date.now() - started).toBeLessThan(45_000);
    expect(wechatLine(run.out)).toMatch(new RegExp(`^problem +wechat: puppet wechaty-puppet-service \\S+ is installed; started for ≤ 8 s: cannot reach the puppet service: connection refused at 127\\.0\\.0\\.1:${port}$`));
    expect(run.out).toContain('WECHATY_PUPPET_SERVICE_ENDPOINT');
    expect(run.code).toBe(1);
    // The session went to a scratch directory, removed afterwards; the data directory has no session file.
    expect(await scratchDirs()).toEqual(before);
    expect((await readdir(dataDir)).filter((n) => n.includes('memory-card') || n.includes('session'))).toEqual([]);
  }, 60_000);

  it('`huiyin doctor` (a real process) with a token the service discovery does not know says "token does not exist"', async () => {
    // A self-signed certificate for 127.0.0.1, trusted by the doctor through NODE_EXTRA_CA_CERTS (read at start-up).
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const asked: string[] = [];
    const discovery: HttpsServer = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (req, res) => {
      asked.push(req.url ?? '');
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((r) => discovery.listen(0, '127.0.0.1', r));
    const authority = `127.0.0.1:${(discovery.address() as { port: number }).port}`;
    const token = 'puppet_workpro_00000000-unknown';
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_EXTRA_CA_CERTS: cert,
        WECHATY_PUPPET: 'wechaty-puppet-service',
        WECHATY_PUPPET_SERVICE_TOKEN: token,
        WECHATY_PUPPET_SERVICE_AUTHORITY: authority,
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
        WECHAT_DOCTOR_SECONDS: '8',
      };
      delete env.TELEGRAM_BOT_TOKEN;
      const child = spawn(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'doctor', '--config', config], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(wechatLine(out)).toMatch(new RegExp(`^problem +wechat: puppet wechaty-puppet-service \\S+ is installed; started for ≤ 8 s: token does not exist: the service discovery at ${authority} does not know WECHATY_PUPPET_SERVICE_TOKEN$`));
      expect(out).toContain('check WECHATY_PUPPET_SERVICE_TOKEN with your puppet service provider');
      // Both the puppet (wechaty-token) and the doctor asked the discovery about this token.
      expect(asked.filter((u) => u === `/v0/hosties/${token}`).length).toBeGreaterThanOrEqual(2);
      expect(code).toBe(1);
    } finally {
      await new Promise((r) => discovery.close(r));
    }
  }, 120_000);

  it('a puppet service on 127.0.0.1 that knows the token: "reachable, offers a QR code", then "logged in as"', async () => {
    // wechaty-puppet-service's own server, serving a mock puppet: the client in the doctor's child is the real one.
    const mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    const port = await closedPort();
    const token = 'insecure_00000000-0000-4000-8000-00000000d0c7';
    const server = new PuppetServer({ endpoint: `127.0.0.1:${port}`, puppet, token, tls: { disable: true } });
    await server.start();
    const env = { WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: token, WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${port}`, WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true', WECHAT_DOCTOR_SECONDS: '10' };
    // The mock shows a code once the client has started it, as a real service does when nobody is logged in.
    let scanned = false;
    const showCode = setInterval(() => {
      if (scanned || !puppet.state.active()) return;
      scanned = true;
      mocker.scan('https://login.weixin.qq.com/l/doctor==', types.ScanStatus.Waiting);
    }, 100);
    try {
      const run = await doctor(env);
      expect(wechatLine(run.out)).toMatch(/^ok +wechat: .* started for ≤ 10 s: reachable: it offers a login QR code \(waiting for scan/);
      expect(run.code).toBe(0);
      clearInterval(showCode);
      mocker.login(mocker.createContact({ name: '回音机器人' }));
      const again = await doctor(env);
      expect(wechatLine(again.out)).toMatch(/^ok +wechat: .* started for ≤ 10 s: logged in as 回音机器人/);
      // The doctor never stopped the service's puppet (that would log the bot out): it still runs.
      expect(puppet.state.active()).toBe(true);
    } finally {
      clearInterval(showCode);
      await server.stop();
      await puppet.stop().catch(() => undefined);
    }
  }, 120_000);

  it('does not start a service puppet while Huiyin runs on the data directory (a second client could disconnect it)', async () => {
    const lock = await acquireLock(dataDir, () => undefined);
    try {
      const started = Date.now();
      const run = await doctor({ WECHATY_PUPPET: 'wechaty-puppet-service', WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_x', WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${await closedPort()}` });
      expect(wechatLine(run.out)).toMatch(/^ok +wechat: .* is installed; not started: Huiyin is running on this data directory/);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      await lock.release();
    }
  });
});
