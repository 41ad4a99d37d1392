/**
 * A main-thread journal write that returned late goes to the thread pool for a while only if the thread was blocked
 * (the disk), not if it waited for a CPU (a busy machine): on a loaded 2-core machine the pool only added a second
 * wake-up, and one late write sent every write of the next minute there (bench:engine at load 6–12: 2,779 of 2,782).
 */
import { type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockedMs, parseSchedstat, type SchedReading, threadSchedReader } from '../../src/store/cpu-wait.ts';
import { createAppendAndSync, Journal } from '../../src/store/journal.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

/**
 * A journal whose appends see a clock that moves `wallMs` at each look (so a main-thread write takes `wallMs`), and
 * scheduler readings that move by `sched` at each reading; reports for each append whether it went to the thread pool.
 */
async function journalWith(wallMs: number, sched: SchedReading | undefined) {
  let clock = 0;
  let reading: SchedReading = { runNs: 0, waitNs: 0 };
  const now = () => (clock += wallMs);
  const readSched = () => {
    if (!sched) return undefined;
    const r = reading;
    reading = { runNs: r.runNs + sched.runNs, waitNs: r.waitNs + sched.waitNs };
    return r;
  };
  const inner = createAppendAndSync(readSched, now);
  const routes: Array<'main' | 'pool'> = [];
  const { journal } = await Journal.open(join(dir, 'journal.log'), async (handle: FileHandle, bytes, at, alone) => {
    const write = handle.write.bind(handle);
    let pooled = false;
    (handle as { write: unknown }).write = (...args: Parameters<FileHandle['write']>) => ((pooled = true), write(...args));
    await inner(handle, bytes, at, alone);
    routes.push(pooled ? 'pool' : 'main');
  });
  return { journal, routes };
}

describe('journal writes from the main thread', () => {
  it('a write slow because the thread waited for a CPU keeps the next writes on the main thread', async () => {
    // 15 ms of wall time, of which 14.8 waiting for a CPU: the disk took 0.2 ms.
    const { journal, routes } = await journalWith(15, { runNs: 50_000, waitNs: 14_750_000 });
    for (let i = 0; i < 3; i++) await journal.appendChanges([`{"n":${i}}`], true);
    await journal.close();
    expect(routes).toEqual(['main', 'main', 'main']);
  });

  it('a write slow because the thread was blocked sends the next writes to the thread pool', async () => {
    const { journal, routes } = await journalWith(15, { runNs: 50_000, waitNs: 100_000 });
    for (let i = 0; i < 3; i++) await journal.appendChanges([`{"n":${i}}`], true);
    await journal.close();
    expect(routes).toEqual(['main', 'pool', 'pool']);
  });

  it('without scheduler figures, a slow write counts as the disk', async () => {
    const { journal, routes } = await journalWith(15, undefined);
    for (let i = 0; i < 2; i++) await journal.appendChanges([`{"n":${i}}`], true);
    await journal.close();
    expect(routes).toEqual(['main', 'pool']);
  });
});

describe('scheduler figures', () => {
  it('reads the calling thread on Linux and nothing where the file is missing', () => {
    if (process.platform === 'linux') expect(threadSchedReader()()).toMatchObject({ runNs: expect.any(Number), waitNs: expect.any(Number) });
    expect(threadSchedReader(join(dir, 'missing'))()).toBeUndefined();
    expect(parseSchedstat('123 456 7\n')).toEqual({ runNs: 123, waitNs: 456 });
    expect(blockedMs(12, { runNs: 0, waitNs: 0 }, { runNs: 1e6, waitNs: 10e6 })).toBeCloseTo(1);
  });
});
