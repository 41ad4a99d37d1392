import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { CreatedEvent } from '../../src/domain/events.ts';
import type { NewTicket } from '../../src/store/store.ts';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts `node bin/run-ts.js <fixture> args...` and hands each stdout line to `onLine`. */
export function spawnFixture(fixture: string, args: string[], onLine: (line: string) => void): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'test/store/fixtures', fixture), ...args], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  createInterface({ input: child.stdout }).on('line', onLine);
  return child;
}

export function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
}

/** Resolves with the first stdout line matching `pattern`. */
export function waitForLine(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const rl = createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      if (pattern.test(line)) done(line);
    });
    child.once('exit', (code) => fail(new Error(`child exited (${code}) before printing ${pattern}: ${stderr}`)));
  });
}

let clock = Date.parse('2026-11-20T01:00:00Z');
/** A strictly later instant on each call, so events never go back in time. */
export function tick(): string {
  clock += 60_000;
  return new Date(clock).toISOString();
}

export function newTicket(category: CreatedEvent['category'], overrides: Partial<NewTicket> & { at?: string } = {}): NewTicket {
  const unit = category === 'repair' ? 'engineering' : category === 'valid' ? 'office_head' : 'office';
  const owner = overrides.owner ?? { platform: 'wechat' as const, id: 'wx-owner-1', displayName: '王先生', room: '5栋2单元502' };
  return {
    estate: overrides.estate ?? 'sunshine',
    owner,
    created: {
      at: overrides.at ?? tick(),
      by: { kind: 'owner', platform: owner.platform, id: owner.id, name: owner.displayName },
      type: 'created',
      category,
      clause: '4.2.1.1',
      unit,
      description: '厨房水龙头漏水',
      major: false,
      channel: 'chat',
    },
  };
}
