import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { PuppetService } from 'wechaty-puppet-service';
import { platformParts } from '../../app/compose.ts';
import { WECHAT_MAX_AGE_MS, WECHAT_OUTBOX, wechatFromEnv } from '../../adapters/wechat/from-env.ts';
import { WechatAdapter } from '../../adapters/wechat/wechat-adapter.ts';
import { systemClock } from '../../src/clock.ts';
import { parseConfig, type ResolvedConfig } from '../../src/config/load.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Issue 18: the real puppets' failure paths, all on 127.0.0.1. wechaty-puppet-wechat4u reaches WeChat through axios,
 * which honours HTTPS_PROXY: a proxy on 127.0.0.1 that counts and drops every connection stands in for "no network"
 * and measures how often the puppet tries. wechaty-puppet-service gets an endpoint that refuses (a closed port) or
 * that accepts and never answers.
 */

const ROOT = join(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'config/sample.yaml');
let dir: string;
let store: Store;
let config: ResolvedConfig;

/** A TCP server that counts connections; `answer: false` keeps them open and silent, otherwise they are dropped. */
async function tcpServer(answer: 'drop' | 'silent'): Promise<{ server: Server; port: number; connections: number[]; close(): Promise<void> }> {
  const connections: number[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    connections.push(Date.now());
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    if (answer === 'drop') socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    connections,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function closedPort(): Promise<number> {
  const s = await tcpServer('drop');
  await s.close();
  return s.port;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-restarts-'));
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  config = { ...parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir), dataDir: dir };
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('wechaty-puppet-wechat4u without network', () => {
  it('tries to log in a bounded number of times a minute (paced restarts), not in a tight loop', async () => {
    const proxy = await tcpServer('drop');
    const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxy.port}`;
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxy.port}`;
    process.env.NO_PROXY = '';
    const logs: string[] = [];
    const alerts: string[] = [];
    const baseMs = 1000;
    const adapter = await wechatFromEnv(
      { WECHATY_PUPPET: 'wechaty-puppet-wechat4u', WECHAT_RESTART_BASE_MS: String(baseMs) },
      { store, config, log: (l) => void logs.push(l), onOffline: async (t) => void alerts.push(t), parts: platformParts('wechat', { store, clock: systemClock, log: (l) => void logs.push(l) }) },
    );
    try {
      await adapter!.start(async () => undefined);
      const from = Date.now();
      await new Promise((r) => setTimeout(r, 4000));
      const window = Date.now() - from;
      const attempts = proxy.connections.filter((t) => t >= from).length;
      // Every delay is at least half the base: at most one attempt per base/2, plus the one running at the start.
      const bound = Math.floor(window / (baseMs / 2)) + 1;
      expect(attempts).toBeGreaterThan(0);
      expect(attempts).toBeLessThanOrEqual(bound);
      expect(adapter!.restarts.starts).toBeLessThanOrEqual(bound + 1);
      // The same failure is logged once, then counted.
      expect(logs.filter((l) => l.startsWith('wechat: error:')).length).toBeLessThanOrEqual(3);
    } finally {
      await adapter!.stop();
      Object.assign(process.env, saved);
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
      await proxy.close();
    }
    const after = proxy.connections.length;
    await new Promise((r) => setTimeout(r, 1500));
    // Stopped means stopped: no orphaned login loop keeps trying.
    expect(proxy.connections.length).toBe(after);
  });
});

describe('wechaty-puppet-service with an endpoint on 127.0.0.1', () => {
  it('an endpoint that refuses, and one that never answers: start returns, managers hear once, the start is retried with backoff', async () => {
    const silent = await tcpServer('silent');
    const refusing = await closedPort();
    const run = (endpoint: string) => {
      const logs: string[] = [];
      const alerts: string[] = [];
      const puppet = new PuppetService({ token: 'insecure_00000000-0000-4000-8000-000000000000', endpoint, tls: { disable: true } });
      const adapter = new WechatAdapter({
        wechaty: WechatyBuilder.build({ puppet }),
        store,
        config,
        log: (l) => void logs.push(l),
        onOffline: async (t) => void alerts.push(t),
        parts: platformParts('wechat', { store, clock: systemClock, log: (l) => void logs.push(l) })({ outbox: WECHAT_OUTBOX, guard: { maxAgeMs: WECHAT_MAX_AGE_MS } }),
        restartBaseMs: 200,
        startProgressMs: 500,
        loginTimeoutMs: 0,
        random: () => 0,
      });
      return { adapter, logs, alerts };
    };
    const a = run(`127.0.0.1:${refusing}`);
    const b = run(`127.0.0.1:${silent.port}`);
    try {
      const started = Date.now();
      await Promise.all([a.adapter.start(async () => undefined), b.adapter.start(async () => undefined)]);
      expect(Date.now() - started).toBeLessThan(20_000);
      const until = Date.now() + 20_000;
      const restartAsked = () => b.logs.some((l) => l.includes('no QR code and no login'));
      while (Date.now() < until && (a.adapter.startAttempts < 2 || !restartAsked())) await new Promise((r) => setTimeout(r, 100));
      // Refused: the puppet stops itself inside Wechaty's start(); it is started again.
      expect(a.adapter.startAttempts).toBeGreaterThanOrEqual(2);
      expect(a.logs.some((l) => l.includes('puppet start failed') && l.includes('ECONNREFUSED'))).toBe(true);
      expect(a.alerts.filter((t) => t.includes('协议启动失败'))).toHaveLength(1);
      // Silent: the connection is made, nothing comes back; after the progress timeout it is restarted.
      expect(silent.connections.length).toBeGreaterThanOrEqual(1);
      // (Wechaty's own start gives up after 15 s and stopping a starting puppet takes as long: one restart is asked for.)
      expect(restartAsked()).toBe(true);
      expect(b.logs.some((l) => l.includes('next start in'))).toBe(true);
      expect(b.alerts.filter((t) => t.includes('协议启动失败'))).toHaveLength(1);
    } finally {
      await Promise.all([a.adapter.stop(), b.adapter.stop()]);
      await silent.close();
    }
  }, 90_000);

  it('`huiyin start` with a token no service knows does not crash with a TypeError (pinned @grpc/grpc-js)', async () => {
    const authority = `127.0.0.1:${await closedPort()}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WECHATY_PUPPET: 'wechaty-puppet-service',
      WECHATY_PUPPET_SERVICE_TOKEN: 'puppet_workpro_00000000-unknown',
      WECHATY_PUPPET_SERVICE_AUTHORITY: authority,
      WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      HUIYIN_DATA: join(dir, 'cli-data'),
    };
    delete env.TELEGRAM_BOT_TOKEN;
    const child = spawn(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let exited: number | null | undefined;
    child.on('exit', (code) => (exited = code));
    // Start-up loads the classifier (seconds on a loaded machine) before the puppet starts.
    const until = Date.now() + 100_000;
    while (Date.now() < until && !output.includes('puppet start failed') && exited === undefined) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    const alive = exited === undefined;
    child.kill('SIGTERM');
    if (alive) await once(child, 'exit');
    expect(output).not.toContain('TypeError');
    expect(output).toContain('does not exist');
    expect(alive).toBe(true);
    const session = await stat(join(dir, 'cli-data')).catch(() => undefined);
    expect(session?.isDirectory()).toBe(true);
  }, 130_000);
});
