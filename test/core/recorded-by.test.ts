import { afterEach, beforeEach, expect, it } from 'vitest';
import { RecordedBy } from '../../src/core/recorded-by.ts';
import type { IncomingMessage } from '../../src/messages.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';
import { tempDir } from '../store/helpers.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  store = await openLowdbStore({ dataDir: t.dir, log: () => undefined });
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

const message = (id: string, at: string): IncomingMessage => ({
  id,
  chat: { platform: 'console', id: 'owners', kind: 'group' },
  sender: { id: 'o1', displayName: '业主' },
  text: '确认',
  mentionsBot: false,
  at: new Date(at),
  attachments: [],
});

it('one record per conversation; entries kept under the old single key are still found, then dropped', async () => {
  const old = message('m1', '2026-11-27T01:00:00Z');
  await store.putRecord('recorded-by', 'recent', {
    'console:owners:o1': { messageId: 'm1', at: old.at.toISOString(), number: 'R0001', recordedAt: Date.parse('2026-11-27T01:00:01Z') },
  });
  const recordedBy = new RecordedBy(store);
  expect(await recordedBy.find('console:owners:o1', old)).toBe('R0001');
  await recordedBy.remember('console:owners:o2', message('m2', '2026-11-27T02:00:00Z'), 'R0002', new Date('2026-11-27T02:00:01Z'));
  const stored = await store.listRecords('recorded-by');
  // The old key is gone; its entry, still within the day, is a record of its own.
  expect(stored.map(([key]) => key).sort()).toEqual(['console:owners:o1', 'console:owners:o2']);
  // A new process reads the per-conversation records.
  expect(await new RecordedBy(store).find('console:owners:o2', message('m2', '2026-11-27T02:00:00Z'))).toBe('R0002');
});

it('entries older than a day are deleted with the next one', async () => {
  const recordedBy = new RecordedBy(store);
  await recordedBy.remember('a', message('m1', '2026-11-25T00:00:00Z'), 'R0001', new Date('2026-11-25T00:00:01Z'));
  await recordedBy.remember('b', message('m2', '2026-11-27T00:00:00Z'), 'R0002', new Date('2026-11-27T00:00:01Z'));
  expect((await store.listRecords('recorded-by')).map(([key]) => key)).toEqual(['b']);
});

/** RecordedBy as it was before it kept a bound on its oldest entry (issue 17 item 5): the definition of what is pruned. */
class Reference {
  private recent: Map<string, { messageId: string; at: string; number: string; recordedAt: number }> | undefined;
  constructor(private readonly records: Map<string, unknown>) {}
  remember(sessionKey: string, message: IncomingMessage, number: string, now: Date): void {
    if (!this.recent) this.recent = new Map([...this.records] as Array<[string, { messageId: string; at: string; number: string; recordedAt: number }]>);
    const cutoff = now.getTime() - 24 * 3_600_000;
    const expired: string[] = [];
    this.recent.forEach((entry, key) => {
      if (entry.recordedAt < cutoff && key !== sessionKey) expired.push(key);
    });
    const entry = { messageId: message.id, at: message.at.toISOString(), number, recordedAt: now.getTime() };
    this.records.set(sessionKey, entry);
    for (const key of expired) this.records.delete(key);
    for (const key of expired) this.recent.delete(key);
    this.recent.set(sessionKey, entry);
  }
}

/** Just what RecordedBy asks of a store, in memory. */
function memoryStore(records: Map<string, unknown>): Store {
  return {
    listRecords: async () => [...records].map(([k, v]) => [k, structuredClone(v)]),
    putRecords: async (_ns: string, entries: ReadonlyArray<readonly [string, unknown]>) => {
      for (const [k, v] of entries) records.set(k, structuredClone(v));
    },
    deleteRecord: async (_ns: string, key: string) => {
      records.delete(key);
    },
  } as unknown as Store;
}

it('prunes exactly what looking through every entry at every ticket pruned, over random days of tickets', async () => {
  let s = 7;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32);
  for (let round = 0; round < 20; round++) {
    const start = Date.parse('2026-11-20T00:00:00Z');
    // Some conversations recorded before this process started, one without a time (written before recordedAt).
    const saved = new Map<string, unknown>();
    for (let i = 0; i < Math.floor(next() * 6); i++) saved.set(`old${i}`, { messageId: `o${i}`, at: new Date(start).toISOString(), number: 'R0001', recordedAt: start - Math.floor(next() * 48) * 3_600_000 });
    if (next() < 0.5) saved.set('untimed', { messageId: 'u', at: new Date(start).toISOString(), number: 'R0002' });
    const mine = new Map(saved);
    const theirs = new Map(saved);
    const recordedBy = new RecordedBy(memoryStore(mine));
    const reference = new Reference(theirs);
    let now = start;
    for (let i = 0; i < 200; i++) {
      // Mostly minutes apart, sometimes hours or more than a day.
      now += next() < 0.9 ? Math.floor(next() * 30) * 60_000 : Math.floor(next() * 40) * 3_600_000;
      const key = `c${Math.floor(next() * 12)}`;
      const m = { ...message(`m${round}-${i}`, new Date(now).toISOString()), chat: { platform: 'console' as const, id: key, kind: 'group' as const } };
      if (next() < 0.1) {
        // A ticket whose write failed: planned, never done.
        await recordedBy.plan(key, m, new Date(now));
        continue;
      }
      await recordedBy.remember(key, m, `R${i}`, new Date(now));
      reference.remember(key, m, `R${i}`, new Date(now));
      expect([...mine.keys()].sort()).toEqual([...theirs.keys()].sort());
    }
  }
});
