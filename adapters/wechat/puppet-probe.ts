/**
 * `huiyin doctor` starts the configured WeChat puppet for a few seconds and says what it saw (issue 18 §1): the
 * service reachable or not, the token known or not, a QR code offered (waiting for scan), logged in. The puppet runs
 * in a child process (puppet-probe-child.ts) under a session name in a new temporary directory, so the bot's data
 * directory and session file are never written, and the doctor can bound it by the clock and kill it.
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../src/paths.ts';
import type { ProbeEvent } from './puppet-probe-child.ts';

export interface ProbeResult {
  outcome: 'logged-in' | 'waiting-for-scan' | 'refused' | 'unknown-token' | 'no-answer' | 'failed';
  /** One line for the doctor. */
  detail: string;
  events: ProbeEvent[];
}

/** Seen this, the probe has its answer and stops before the window is over. */
const conclusive = (e: ProbeEvent) =>
  e.kind === 'login' || (e.kind === 'scan' && e.hasQr) || (e.kind === 'error' && (/ECONNREFUSED/.test(e.message) || /does not exist/.test(e.message)));

/**
 * Runs the puppet for at most `seconds` once Wechaty is loaded (loading: at most `loadTimeoutMs`; stopping: at most
 * 5 s, then the child is killed). `env` is the one `huiyin start` would see.
 * Never throws: whatever goes wrong is an outcome.
 */
export async function probePuppet(env: NodeJS.ProcessEnv, seconds: number, loadTimeoutMs = 30_000): Promise<ProbeResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'huiyin-doctor-wechat-'));
  const events: ProbeEvent[] = [];
  try {
    const self = fileURLToPath(import.meta.url);
    const ts = extname(self) === '.ts';
    const child = join(dirname(self), `puppet-probe-child${ts ? '.ts' : '.js'}`);
    const session = join(scratch, 'probe-session');
    // Sources run through the project's tsx runner; the compiled build runs the child's JavaScript directly.
    const proc = ts
      ? fork(join(PROJECT_ROOT, 'bin/run-ts.js'), [child, session], { env, stdio: ['ignore', 'pipe', 'ignore', 'ipc'] })
      : fork(child, [session], { env, stdio: ['ignore', 'pipe', 'ignore', 'ipc'] });
    let exited = false;
    const exit = new Promise<void>((r) => proc.once('exit', () => ((exited = true), r())));
    let wake: () => void = () => undefined;
    let onLoaded: () => void = () => undefined;
    const decided = new Promise<void>((r) => (wake = r));
    let buffer = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const event = JSON.parse(line) as ProbeEvent;
          events.push(event);
          if (event.kind === 'loaded') onLoaded();
          if (conclusive(event)) wake();
        } catch {
          // not one of ours (a puppet writing to stdout)
        }
      }
    });
    proc.on('error', () => wake());
    // Loading Wechaty takes seconds (more on a busy machine or through tsx): the window counts from the start of the
    // puppet, and the loading has its own cap.
    let timer: NodeJS.Timeout | undefined;
    const loaded = new Promise<void>((r) => (onLoaded = r));
    const sleep = (ms: number) => new Promise<void>((r) => (timer = setTimeout(r, ms)));
    await Promise.race([loaded, exit, sleep(loadTimeoutMs)]);
    clearTimeout(timer);
    if (events.some((e) => e.kind === 'loaded')) await Promise.race([decided, exit, sleep(seconds * 1000)]);
    clearTimeout(timer);
    if (!exited) {
      // A web puppet is stopped by the child (bounded); a service puppet is never stopped, only left (see the child).
      if (proc.connected) proc.send('stop', () => undefined);
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killer);
    }
    return { ...judge(events, env, seconds), events };
  } catch (error) {
    return { outcome: 'failed', detail: `the probe could not run: ${(error as Error).message}`, events };
  } finally {
    // Whatever the puppet wrote (a memory card, caches) was under the scratch directory.
    await rm(scratch, { recursive: true, force: true });
  }
}

function judge(events: ProbeEvent[], env: NodeJS.ProcessEnv, seconds: number): Omit<ProbeResult, 'events'> {
  const login = events.find((e) => e.kind === 'login');
  if (login) return { outcome: 'logged-in', detail: `logged in as ${login.name} (the puppet and its token work)` };
  const scan = events.find((e) => e.kind === 'scan' && e.hasQr);
  if (scan) return { outcome: 'waiting-for-scan', detail: 'reachable: it offers a login QR code (waiting for scan; `huiyin start` shows it and sends it to managers)' };
  if (!events.some((e) => e.kind === 'loaded')) return { outcome: 'failed', detail: 'Wechaty and the puppet did not load in time (the probe gave up before starting it)' };
  const errors = events.flatMap((e) => (e.kind === 'error' || e.kind === 'start-failed' ? [e.message] : []));
  const refused = errors.find((m) => /ECONNREFUSED/.test(m));
  if (refused) {
    const at = /ECONNREFUSED ([^\s)]+)/.exec(refused)?.[1];
    return { outcome: 'refused', detail: `cannot reach ${env.WECHATY_PUPPET === 'wechaty-puppet-service' ? 'the puppet service' : 'WeChat'}: connection refused${at ? ` at ${at}` : ''}` };
  }
  const unknown = errors.find((m) => /does not exist/.test(m));
  if (unknown) return { outcome: 'unknown-token', detail: 'the token does not exist for the service discovery (WECHATY_PUPPET_SERVICE_TOKEN unknown, or the authority unreachable)' };
  if (errors.length > 0) return { outcome: 'failed', detail: `no QR code and no login within ${seconds} s; the puppet said: ${errors.at(-1)}` };
  const started = events.some((e) => e.kind === 'started');
  return { outcome: 'no-answer', detail: `${started ? 'started, but ' : ''}no QR code, no login and no error within ${seconds} s (a service that does not answer, or no network)` };
}

/**
 * Asks the service discovery (`https://<authority>/v0/hosties/<token>`, what wechaty-token asks) about the token
 * itself: wechaty-token says "does not exist" both for an unknown token and for an authority it cannot reach.
 */
export function discoverToken(authority: string, token: string, timeoutMs = 5_000): Promise<'unknown' | 'known' | { unreachable: string }> {
  return new Promise((resolve) => {
    const req = get(`https://${authority}/v0/hosties/${encodeURIComponent(token)}`, { timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 400 && status < 500) return res.resume(), resolve('unknown');
      if (status < 200 || status >= 300) return res.resume(), resolve({ unreachable: `HTTP ${status}` });
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        // wechaty-token's test: an answer without host and port is "does not exist" too.
        try {
          const found = JSON.parse(body) as { host?: unknown; port?: unknown };
          resolve(found.host && found.port ? 'known' : 'unknown');
        } catch {
          resolve('unknown');
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on('error', (error) => resolve({ unreachable: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
}
