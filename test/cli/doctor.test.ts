/**
 * `huiyin doctor` (issue 9, item 4) on good and broken set-ups in temporary directories; Telegram only against a
 * local Bot API server on 127.0.0.1.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../app/platforms.ts';
import { runDoctorCommand } from '../../src/cli/doctor.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';
import { SAMPLE_CONFIG } from '../helpers/transcript.ts';
import { newTicket } from '../store/helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-doctor-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A config like the sample with its data (and optionally rules) somewhere of our choosing. */
async function configWith(name: string, dataDir: string, extra = ''): Promise<string> {
  const file = join(dir, `${name}.yaml`);
  const sample = await readFile(SAMPLE_CONFIG, 'utf8');
  await writeFile(file, `${sample.replace('dataDir: ./data', `dataDir: ${JSON.stringify(dataDir)}`)}\n${extra}`);
  return file;
}

async function doctor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await runDoctorCommand(args, { stdout: sink, stderr: sink, env }, PLATFORMS);
  return { code, out };
}

const line = (out: string, check: string) => out.split('\n').find((l) => new RegExp(`^(ok|problem) +${check}:`).test(l)) ?? `(no ${check} line)`;

describe('huiyin doctor', () => {
  it('a fresh set-up: every check ok, the data directory will be created, exit 0', async () => {
    const config = await configWith('fresh', join(dir, 'fresh', 'data'));
    const { code, out } = await doctor(['--config', config]);
    expect(out).toContain(`ok       config: ${config}: 1 estate(s), 5 chat(s), 5 staff`);
    expect(line(out, 'rules')).toMatch(/^ok +rules: .*rules: \d+ rule\(s\)/);
    expect(line(out, 'data')).toMatch(/^ok +data: .* does not exist yet; it will be created at the first start/);
    expect(line(out, 'disk')).toMatch(/^ok +disk: \d+ MB free/);
    expect(line(out, 'platforms')).toMatch(/^ok +platforms: none enabled/);
    expect(out).toContain('all checks passed');
    expect(code).toBe(0);
  });

  it('a data directory in use: files at the current schema, backups, a stale lock left by a killed process', async () => {
    const data = join(dir, 'used');
    const store = await openLowdbStore({ dataDir: data, log: () => undefined });
    const n = (await store.createTicket(newTicket('repair'))).number;
    await store.appendEvent(n, { type: 'nudged', reason: 'first_response', target: '工程班', at: new Date().toISOString(), by: { kind: 'system', name: '回音' } });
    await store.putRecord('sessions', 'k', { a: 1 });
    await store.close();
    // A second run changes a file that exists: that run's backup directory gets a copy first.
    const again = await openLowdbStore({ dataDir: data, log: () => undefined });
    await again.putRecord('sessions', 'k', { a: 2 });
    await again.close();
    const config = await configWith('used', data);

    // Nobody holds it.
    let run = await doctor(['--config', config]);
    expect(line(run.out, 'data')).toBe(`ok       data: ${data} exists and is writable`);
    expect(line(run.out, 'lock')).toMatch(/not in use/);
    expect(line(run.out, 'schema')).toMatch(/^ok +schema: \d+ data file\(s\), all at schema version ≤ 1/);
    expect(line(run.out, 'backups')).toMatch(/^ok +backups: 1 run\(s\) in .*backups, newest \d{4}-/);
    expect(run.code).toBe(0);

    // A lock whose process is gone: the next start takes it over, so it is no problem.
    await writeFile(join(data, 'huiyin.lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), since: '2026-11-27T01:00:00.000Z' }));
    run = await doctor(['--config', config]);
    expect(line(run.out, 'lock')).toMatch(/stale: left by pid 4194311 .* no longer running; the next start takes it over/);
    expect(run.code).toBe(0);

    // A live process (this one) holds it.
    const since = new Date().toISOString();
    await writeFile(join(data, 'huiyin.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since }));
    run = await doctor(['--config', config]);
    expect(line(run.out, 'lock')).toMatch(new RegExp(`in use by a running Huiyin \\(pid ${process.pid}, since ${since.slice(0, 10)}`));
    expect(run.code).toBe(0);

    // The same live pid in a lock written before that process started: the pid was reused, the lock is stale.
    await writeFile(join(data, 'huiyin.lock'), JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-27T01:00:00.000Z' }));
    run = await doctor(['--config', config]);
    expect(line(run.out, 'lock')).toMatch(new RegExp(`stale: left by pid ${process.pid} .*is now another process .*after the lock was written; the next start takes it over`));
    expect(run.code).toBe(0);

    // Another machine holds it: we cannot tell whether it runs.
    await writeFile(join(data, 'huiyin.lock'), JSON.stringify({ pid: 1234, host: 'other-host', since: '2026-11-27T01:00:00.000Z' }));
    run = await doctor(['--config', config]);
    expect(line(run.out, 'lock')).toMatch(/^problem +lock: held by pid 1234 on another host \(other-host\)/);
    expect(run.out).toMatch(/→ stop Huiyin on other-host; if it is surely gone, delete .*huiyin\.lock/);
    expect(run.code).toBe(1);
  });

  it('a broken config: names the file, the field and the problem; exit 1', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, (await readFile(SAMPLE_CONFIG, 'utf8')).replace('id: engineering, estate: sunshine', 'id: engineering, estate: moonlight'));
    const { code, out } = await doctor(['--config', bad]);
    expect(line(out, 'config')).toBe(`problem  config: ${bad}: chats[1].estate: unknown estate "moonlight" (known: sunshine)`);
    expect(out).toMatch(/→ fix the field named above/);
    expect(line(out, 'rules')).toMatch(/^problem +rules: not checked/);
    expect(code).toBe(1);
    const missing = await doctor(['--config', join(dir, 'nope.yaml')]);
    expect(line(missing.out, 'config')).toContain('nope.yaml: file not found');
    expect(missing.code).toBe(1);
  });

  it('broken rules: names the rule file; exit 1', async () => {
    const rules = join(dir, 'rules-broken');
    await mkdir(rules, { recursive: true });
    await writeFile(join(rules, 'repair.yaml'), 'rules:\n  - id: x\n    label: nonsense\n    weight: many\n');
    const config = await configWith('rules', join(dir, 'rules-data'), `rulesDir: ${JSON.stringify(rules)}\n`);
    const { code, out } = await doctor(['--config', config]);
    expect(line(out, 'rules')).toMatch(/^problem +rules: .*repair\.yaml/);
    expect(code).toBe(1);
  });

  it('a data directory that cannot be created, and data files that are corrupt or from a newer Huiyin', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'not a directory');
    let run = await doctor(['--config', await configWith('under-file', join(file, 'data'))]);
    expect(line(run.out, 'data')).toMatch(/^problem +data: .* does not exist and cannot be created/);
    expect(run.code).toBe(1);
    run = await doctor(['--config', await configWith('is-file', file)]);
    expect(line(run.out, 'data')).toMatch(/is a file, not a directory/);

    const data = join(dir, 'damaged');
    const store = await openLowdbStore({ dataDir: data, log: () => undefined });
    await store.createTicket(newTicket('repair'));
    await store.putRecord('sessions', 'k', { a: 1 });
    await store.close();
    const config = await configWith('damaged', data);
    await writeFile(join(data, 'records', 'sessions.json'), '{"schemaVersion":1,"kind":"rec');
    run = await doctor(['--config', config]);
    expect(line(run.out, 'schema')).toMatch(/^problem +schema: 1 data file\(s\) cannot be read: records\/sessions\.json/);
    expect(run.out).toMatch(/→ restore each from the newest copy under .*backups/);
    expect(run.code).toBe(1);
    const partition = join(data, 'tickets', 'R-0000.json');
    await writeFile(join(data, 'records', 'sessions.json'), '{"schemaVersion":1,"kind":"records","namespace":"sessions","records":{}}');
    await writeFile(partition, (await readFile(partition, 'utf8')).replace('"schemaVersion":1', '"schemaVersion":7'));
    run = await doctor(['--config', config]);
    expect(line(run.out, 'schema')).toMatch(/^problem +schema: tickets\/R-0000\.json has schema version 7, but this Huiyin knows only up to version 1/);
    expect(run.code).toBe(1);
  });

  it('the journal: empty after a clean stop; whole entries after a crash; a damaged entry followed by whole ones is named', async () => {
    const data = join(dir, 'journal');
    const store = await openLowdbStore({ dataDir: data, log: () => undefined });
    await store.createTicket(newTicket('repair'));
    const journal = join(data, 'journal.log');
    // As a crash leaves it: the entries written since the last checkpoint, before close empties the journal.
    const written = await readFile(journal);
    await store.close();
    const config = await configWith('journal', data);
    expect(line((await doctor(['--config', config])).out, 'journal')).toBe('ok       journal: empty: every change is in the data files');

    await writeFile(journal, Buffer.concat([written, Buffer.from('0000abcd {"v":1,"chan')]));
    let run = await doctor(['--config', config]);
    expect(line(run.out, 'journal')).toMatch(/^ok +journal: 1 write\(s\) since the last checkpoint .*; the last 21 byte\(s\) are a write cut short/);

    const damaged = Buffer.from(written);
    damaged[12] = damaged[12] === 0x41 ? 0x42 : 0x41;
    await writeFile(journal, Buffer.concat([damaged, written]));
    run = await doctor(['--config', config]);
    expect(line(run.out, 'journal')).toMatch(/^problem +journal: .*journal\.log.*byte 0 is damaged/);
    expect(run.out).toMatch(/→ start-up refuses until this is resolved: keep a copy of .*journal\.log/);
    expect(run.code).toBe(1);
  });

  describe('platforms', () => {
    let api: FakeBotApi;
    const token = '123456:SECRET-token-value';
    beforeAll(async () => {
      api = new FakeBotApi(token);
      await api.start();
    });
    afterAll(async () => {
      await api.close();
    });

    it('telegram: signs in at the configured Bot API server; a wrong token or an unreachable server is a problem; the token is never printed', async () => {
      const config = await configWith('tg', join(dir, 'tg-data'));
      let run = await doctor(['--config', config], { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: api.apiRoot });
      expect(line(run.out, 'telegram')).toBe(`ok       telegram: signed in as @huiyin_test_bot at ${api.apiRoot}`);
      expect(api.calls.map((c) => c.method)).toEqual(['getMe']);
      expect(run.code).toBe(0);

      run = await doctor(['--config', config], { TELEGRAM_BOT_TOKEN: '123456:wrong', TELEGRAM_API_ROOT: api.apiRoot });
      expect(line(run.out, 'telegram')).toMatch(/^problem +telegram: .* rejected the token \(401/);
      expect(run.out).toContain('@BotFather');
      expect(run.out).not.toContain('wrong');
      expect(run.code).toBe(1);

      // A port nobody listens on.
      const free = createServer();
      await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
      const port = (free.address() as { port: number }).port;
      await new Promise<void>((r) => free.close(() => r()));
      run = await doctor(['--config', config], { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
      expect(line(run.out, 'telegram')).toMatch(new RegExp(`^problem +telegram: cannot reach http://127.0.0.1:${port}: .*ECONNREFUSED`));
      expect(run.out).not.toContain('SECRET');
      expect(run.code).toBe(1);
    });

    it('wechat: the puppet package must be installed, and the service puppet needs its token', async () => {
      const config = await configWith('wx', join(dir, 'wx-data'));
      // Only the package here (the mock never offers a QR code); the started puppet: test/wechat/doctor-probe.test.ts.
      let run = await doctor(['--config', config], { WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_DOCTOR_SECONDS: '0' });
      expect(line(run.out, 'wechat')).toMatch(/^ok +wechat: puppet wechaty-puppet-mock \d+\.\d+\.\d+ is installed/);
      expect(run.code).toBe(0);
      run = await doctor(['--config', config], { WECHATY_PUPPET: 'wechaty-puppet-not-there' });
      expect(line(run.out, 'wechat')).toBe('problem  wechat: puppet "wechaty-puppet-not-there" is not installed');
      expect(run.out).toContain('→ npm install wechaty-puppet-not-there');
      expect(run.code).toBe(1);
      run = await doctor(['--config', config], { WECHATY_PUPPET: 'wechaty-puppet-service' });
      expect(line(run.out, 'wechat')).toMatch(/needs WECHATY_PUPPET_SERVICE_TOKEN/);
      expect(run.code).toBe(1);
    });
  });
});
