/**
 * The store across processes: a child killed with SIGKILL in the middle of a burst of writes loses nothing it
 * acknowledged, and a data directory is used by one process at a time.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { StoreLockedError } from '../../src/store/store.ts';
import { exited, spawnFixture, tempDir, waitForLine } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

describe('crash in the middle of a burst of writes', () => {
  it('every acknowledged write is on disk after SIGKILL, and every file parses', async () => {
    const acks: string[] = [];
    let stderr = '';
    const child = spawnFixture('writer.ts', [dir, '100000'], (line) => {
      acks.push(line);
      if (acks.length === 400) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const { signal } = await exited(child);
    expect(signal, stderr).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(400);

    for (const sub of ['tickets', 'records']) {
      for (const name of await readdir(join(dir, sub))) {
        if (name.endsWith('.tmp')) continue; // an interrupted write's temp file: removed at the next start
        const text = await readFile(join(dir, sub, name), 'utf8');
        expect(() => JSON.parse(text), name).not.toThrow();
      }
    }

    const logs: string[] = [];
    const store = await openLowdbStore({ dataDir: dir, log: (m) => logs.push(m) });
    try {
      expect(logs.join('\n')).toMatch(/stale lock/);
      const created = new Set<string>();
      const longest = new Map<string, number>();
      for (const line of acks) {
        const [kind, a, b] = line.split(' ');
        if (kind === 'T') created.add(a!);
        if (kind === 'E') longest.set(a!, Math.max(longest.get(a!) ?? 0, Number(b)));
      }
      expect(created.size).toBeGreaterThan(50);
      for (const number of created) expect(await store.getTicket(number), number).toBeDefined();
      for (const [number, length] of longest) {
        expect((await store.getTicket(number))!.history.length, number).toBeGreaterThanOrEqual(length);
      }
      for (const line of acks.filter((l) => l.startsWith('K '))) {
        expect(await store.getRecord('sessions', line.slice(2)), line).toBeDefined();
      }
      expect((await readdir(join(dir, 'tickets'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('one process per data directory', () => {
  it('refuses a second process while a child holds the directory, and opens after it closes', async () => {
    const child = spawnFixture('holder.ts', [dir], () => undefined);
    await waitForLine(child, /^ready$/);
    const error = await openLowdbStore({ dataDir: dir, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLockedError);
    expect((error as Error).message).toContain(`pid ${child.pid}`);
    expect((error as Error).message).toMatch(/since \d{4}-\d{2}-\d{2}T/);
    expect((error as Error).message).toContain('one Huiyin process per data directory');
    const closed = waitForLine(child, /^closed$/);
    child.stdin.end();
    await closed;
    await exited(child);
    const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    await store.close();
  });

  it('a child is refused while this process holds the directory', async () => {
    const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    try {
      const child = spawnFixture('holder.ts', [dir], () => undefined);
      const line = await waitForLine(child, /^locked /);
      expect(line).toContain(`pid ${process.pid}`);
      expect(line).toContain('one Huiyin process per data directory');
      expect((await exited(child)).code).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('takes over a stale lock left by a killed process, with a log line', async () => {
    const child = spawnFixture('holder.ts', [dir], () => undefined);
    await waitForLine(child, /^ready$/);
    child.kill('SIGKILL');
    await exited(child);
    expect(await readdir(dir)).toContain('huiyin.lock');
    const logs: string[] = [];
    const store = await openLowdbStore({ dataDir: dir, log: (m) => logs.push(m) });
    expect(logs.join('\n')).toContain(`stale lock on ${dir} left by pid ${child.pid}`);
    await store.close();
    expect(await readdir(dir)).not.toContain('huiyin.lock');
  });

  describe('a lock naming a pid that is alive but is not Huiyin (pid reuse after a crash or a container restart)', () => {
    /** An unrelated live process: the pid the lock will name. */
    async function unrelated(): Promise<{ pid: number; stop: () => void }> {
      const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
      await new Promise((done) => sleeper.once('spawn', done));
      return { pid: sleeper.pid!, stop: () => sleeper.kill('SIGKILL') };
    }

    it('a lock from a killed Huiyin whose pid now names another process is taken over, with a log line', async () => {
      const child = spawnFixture('holder.ts', [dir], () => undefined);
      await waitForLine(child, /^ready$/);
      child.kill('SIGKILL');
      await exited(child);
      const lockFile = join(dir, 'huiyin.lock');
      const written = JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number; startTicks?: number; bootId?: string };
      expect(written.pid).toBe(child.pid);
      expect(written.startTicks).toEqual(expect.any(Number));
      expect(written.bootId).toEqual(expect.any(String));
      const other = await unrelated();
      try {
        // The kernel gave the dead holder's pid to the unrelated process: same lock, live pid, other process.
        await writeFile(lockFile, JSON.stringify({ ...written, pid: other.pid }));
        const logs: string[] = [];
        const store = await openLowdbStore({ dataDir: dir, log: (m) => logs.push(m) });
        expect(logs.join('\n')).toContain(`stale lock on ${dir} left by pid ${other.pid}`);
        expect(logs.join('\n')).toMatch(/is now another process \(sleep 60\), started at another time/);
        await store.close();
        expect(await readdir(dir)).not.toContain('huiyin.lock');
      } finally {
        other.stop();
      }
    });

    it('an older lock without a start time: taken over when the live process started after it, refused otherwise', async () => {
      const other = await unrelated();
      const lockFile = join(dir, 'huiyin.lock');
      try {
        const { hostname } = await import('node:os');
        await writeFile(lockFile, JSON.stringify({ pid: other.pid, host: hostname(), since: new Date(Date.now() - 3_600_000).toISOString() }));
        const logs: string[] = [];
        const store = await openLowdbStore({ dataDir: dir, log: (m) => logs.push(m) });
        expect(logs.join('\n')).toMatch(/pid \d+ is now another process \(sleep 60\), started at .*after the lock was written/);
        await store.close();

        // The same pid with a lock written after it started could be the writer: the directory stays locked.
        await writeFile(lockFile, JSON.stringify({ pid: other.pid, host: hostname(), since: new Date(Date.now() + 60_000).toISOString() }));
        const error = await openLowdbStore({ dataDir: dir, log: () => undefined }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(StoreLockedError);
        expect((error as Error).message).toContain(`pid ${other.pid}`);
      } finally {
        other.stop();
      }
    });
  });
});
