/**
 * Group commit (issue 17, item 5): writes that arrive together share one flush, each resolves only once it is on
 * disk, a lone write waits for nobody, and a failed commit changes nothing. The flushes are counted through the
 * store's `io` seam, which does the real file operations and logs them in order.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DurableIo, nodeIo } from '../../src/store/durable-file.ts';
import { appendAndSync } from '../../src/store/journal.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';
import { newTicket, tempDir } from './helpers.ts';

type Step =
  | { op: 'appended'; text: string; alone?: boolean }
  | { op: 'written'; temp: string; content: string }
  | { op: 'renamed'; from: string; to: string }
  | { op: 'dirSynced'; dir: string };

const enospc = (what: string) => Object.assign(new Error(`ENOSPC: no space left on device, write '${what}'`), { code: 'ENOSPC' });

/**
 * The real operations, logged once each has completed; `fail` makes a journal entry or a file write whose text
 * matches fail like a full disk.
 */
function loggingIo(log: Step[], fail?: { match: RegExp }): DurableIo {
  return {
    async appendAndSync(handle, bytes, at, alone) {
      const text = Buffer.from(bytes).toString('utf8');
      if (fail?.match.test(text)) throw enospc('journal.log');
      await appendAndSync(handle, bytes, at, alone);
      // Zeros are the room made for entries (journal.ts), not an entry: not logged.
      if (bytes.some((b) => b !== 0)) log.push({ op: 'appended', text, alone });
    },
    async writeAndSync(temp, content) {
      if (fail?.match.test(content)) throw enospc(temp);
      await nodeIo.writeAndSync(temp, content);
      log.push({ op: 'written', temp, content });
    },
    async rename(from, to) {
      await nodeIo.rename(from, to);
      log.push({ op: 'renamed', from, to });
    },
    async syncDirectory(dir) {
      await nodeIo.syncDirectory(dir);
      log.push({ op: 'dirSynced', dir });
    },
    unlink: (path) => nodeIo.unlink(path),
  };
}

/** True when, by now, a flushed journal entry holds `needle`. */
const journalled = (log: readonly Step[], needle: string) => log.some((s) => s.op === 'appended' && s.text.includes(needle));

/** True when, by now, `file` was replaced by a flushed temp holding `needle` and its directory was flushed after. */
function durableIn(log: readonly Step[], file: string, needle: string): boolean {
  const renamed = log.findIndex(
    (s) => s.op === 'renamed' && s.to === file && log.some((w) => w.op === 'written' && w.temp === s.from && w.content.includes(needle)),
  );
  return renamed >= 0 && log.slice(renamed + 1).some((s) => s.op === 'dirSynced' && s.dir === dirname(file));
}

const count = (log: readonly Step[], op: Step['op']) => log.filter((s) => s.op === op).length;

let dir: string;
let cleanup: () => Promise<void>;
let store: Store | undefined;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  vi.useRealTimers();
  await store?.close();
  store = undefined;
  await cleanup();
});

describe('group commit', () => {
  it('40 concurrent writes share flushes, and each is on disk before its promise resolves', async () => {
    const log: Step[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: loggingIo(log) });
    const N = 40;
    const seenOnDisk: boolean[] = [];
    const writes = Array.from({ length: N }, (_, i) => {
      const ns = i % 2 === 0 ? 'outbox-console' : 'sessions';
      return store!.putRecord(ns, `key-${i}`, { n: i }).then(() => {
        seenOnDisk[i] = journalled(log, `"key":"key-${i}"`);
      });
    });
    await Promise.all(writes);
    expect(seenOnDisk).toEqual(Array.from({ length: N }, () => true));
    // One write each would be N journal flushes; the files wait for the checkpoint.
    expect(count(log, 'appended')).toBeLessThanOrEqual(4);
    expect(count(log, 'written')).toBe(0);
    await store.close();
    // The checkpoint at close wrote each file once, the last version of it.
    expect(count(log, 'written')).toBe(2);
    for (let i = 0; i < N; i += 1) {
      expect(durableIn(log, join(dir, 'records', `${i % 2 === 0 ? 'outbox-console' : 'sessions'}.json`), `"key-${i}"`)).toBe(true);
    }
    store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    expect(await store.listRecords('outbox-console')).toHaveLength(N / 2);
    expect(await store.listRecords('sessions')).toHaveLength(N / 2);
  });

  it('tickets created together get one flush per partition and consecutive numbers', async () => {
    const log: Step[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: loggingIo(log) });
    const made = await Promise.all(Array.from({ length: 10 }, () => store!.createTicket(newTicket('repair'))));
    expect(made.map((t) => t.number).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `R${String(i + 1).padStart(4, '0')}`));
    for (const t of made) expect(journalled(log, `"number":"${t.number}"`)).toBe(true);
    expect(count(log, 'appended')).toBeLessThan(10);
  });

  it('a lone write is flushed at once: one journal entry, no timer', async () => {
    const log: Step[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: loggingIo(log) });
    // With timers frozen, a write that waited for company on a timer would never resolve. (The queue does wait one turn
    // of the event loop, setImmediate, for the writes of messages handed over together: that is no delay.)
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    await store.putRecord('sessions', 'only', { n: 1 });
    expect(log.map((s) => s.op)).toEqual(['appended']);
    expect(journalled(log, '"key":"only"')).toBe(true);
  });

  it('writes of messages handed over together share one flush, however many steps each takes before writing', async () => {
    const log: Step[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: loggingIo(log) });
    // As bench:engine's batches: each message runs its own steps (awaits that need no disk) before its write. Before
    // the queue waited a turn of the loop, the first write was flushed alone and the later ones in further rounds.
    const message = async (steps: number, key: string) => {
      for (let i = 0; i < steps; i++) await undefined;
      await store!.putRecord('sessions', key, { steps });
    };
    await Promise.all([message(0, 'a'), message(20, 'b'), message(200, 'c')]);
    expect(log.filter((s) => s.op === 'appended')).toHaveLength(1);
    expect(await store.listRecords('sessions')).toHaveLength(3);
  });

  it('only a batch with nothing queued behind it may be flushed from the main thread; otherwise the thread pool', async () => {
    const log: Step[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: loggingIo(log) });
    await store.putRecord('sessions', 'first', { n: 1 });
    // More than one batch holds (128): the first batch commits with writes queued behind it, the last with none.
    await Promise.all(Array.from({ length: 130 }, (_, i) => store!.putRecord('sessions', `k${i}`, i)));
    await store.putRecord('sessions', 'last', { n: 2 });
    const appended = log.filter((s): s is Step & { op: 'appended' } => s.op === 'appended');
    expect(appended.map((s) => s.alone)).toEqual([true, false, true, true]);
    await store.close();
    store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    expect(await store.listRecords('sessions')).toHaveLength(132);
  });

  it('a refused write in a batch fails alone; the others are kept', async () => {
    store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    const results = await Promise.allSettled([
      store.putRecord('sessions', 'a', 1),
      store.appendEvent('R0042', { type: 'confirmed', at: '2026-11-10T02:00:00Z', by: { kind: 'system', name: 'huiyin' } }),
      store.putRecord('sessions', 'b', 2),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await store.close();
    const onDisk = JSON.parse(await readFile(join(dir, 'records', 'sessions.json'), 'utf8')) as { records: object };
    expect(onDisk.records).toEqual({ a: 1, b: 2 });
  });

  it('a batch whose commit fails rejects every write in it and leaves memory equal to disk', async () => {
    const log: Step[] = [];
    const io = loggingIo(log, { match: /outbox/ });
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io });
    await store.putRecord('sessions', 'before', 0);
    const results = await Promise.allSettled([store.putRecord('sessions', 'x', 1), store.putRecord('outbox-console', 'y', 2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await store.getRecord('sessions', 'x')).toBeUndefined();
    expect(await store.getRecord('outbox-console', 'y')).toBeUndefined();
    // The next write works and computes from what is durable.
    await store.putRecord('sessions', 'after', 3);
    expect((await store.listRecords('sessions')).map(([k]) => k).sort()).toEqual(['after', 'before']);
    // A crash now (the files never written): the journal alone gives back exactly the acknowledged writes.
    const journal = await readFile(join(dir, 'journal.log'));
    await store.close();
    const copy = await tempDir();
    try {
      await mkdir(join(copy.dir, 'records'), { recursive: true });
      await writeFile(join(copy.dir, 'journal.log'), journal);
      const replayed = await openLowdbStore({ dataDir: copy.dir, log: () => undefined });
      expect(await replayed.listRecords('sessions')).toEqual([['before', 0], ['after', 3]]);
      expect(await replayed.listRecords('outbox-console')).toEqual([]);
      await replayed.close();
    } finally {
      await copy.cleanup();
    }
    const onDisk = JSON.parse(await readFile(join(dir, 'records', 'sessions.json'), 'utf8')) as { records: object };
    expect(onDisk.records).toEqual({ before: 0, after: 3 });
  });
});
