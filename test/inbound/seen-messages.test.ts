/**
 * SeenMessages on the lowdb store: ids kept in one record per hour (`h<hour index>`), so a handled message writes its
 * hour's record only (issue 17 item 5), old hours deleted whole, a legacy `ids` record read as one more bucket.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeenMessages } from '../../src/inbound/seen-messages.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { StoreFullError, type Store } from '../../src/store/store.ts';

const HOUR = 3_600_000;
const NS = 'seen-tg';
const T = Date.parse('2026-11-27T10:20:00Z');
const at = (ms: number) => new Date(ms);
const hourKey = (ms: number) => `h${Math.floor(ms / HOUR)}`;

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-seen-'));
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

interface Write {
  op: 'put' | 'delete';
  key: string;
  value?: Record<string, number>;
  bytes: number;
  deferred: boolean;
}

/** The store with every record write of the seen namespace listed; `fail` makes puts refuse as a full disk does. */
function recording(inner: Store): { store: Store; writes: Write[]; full: { on: boolean } } {
  const writes: Write[] = [];
  const full = { on: false };
  const wrapped = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'putRecord')
        return (ns: string, key: string, value: unknown, options?: { deferred?: boolean }) => {
          if (ns === NS) writes.push({ op: 'put', key, value: structuredClone(value) as Record<string, number>, bytes: Buffer.byteLength(JSON.stringify(value)), deferred: !!options?.deferred });
          if (full.on) return Promise.reject(new StoreFullError('no space left on the disk'));
          return target.putRecord(ns, key, value, options);
        };
      if (prop === 'deleteRecord')
        return (ns: string, key: string, options?: { deferred?: boolean }) => {
          if (ns === NS) writes.push({ op: 'delete', key, bytes: 0, deferred: !!options?.deferred });
          return target.deleteRecord(ns, key, options);
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: wrapped, writes, full };
}

describe('seen message ids in hour buckets', () => {
  it('a restart keeps the ids of several hours and of a legacy ids record', async () => {
    // As a version before hour buckets left it: the whole map in one record.
    await store.putRecord(NS, 'ids', { old1: T - 20 * HOUR, old2: T - 2 * HOUR });
    const first = new SeenMessages(store, 'tg');
    for (const [id, ms] of [['a', T - 5 * HOUR], ['b', T - 3 * HOUR], ['__proto__', T - 3 * HOUR], ['c', T]] as const) expect(await first.firstTime(id, at(ms))).toBe(true);

    const again = new SeenMessages(store, 'tg');
    const now = at(T + 60_000);
    for (const id of ['old1', 'old2', 'a', 'b', '__proto__', 'c']) expect(await again.firstTime(id, now)).toBe(false);
    expect(await again.firstTime('d', now)).toBe(true);
    // The legacy record stays while some of it is younger than a day.
    expect((await store.listRecords(NS)).map(([key]) => key).sort()).toEqual(['ids', hourKey(T - 5 * HOUR), hourKey(T - 3 * HOUR), hourKey(T)].sort());
  });

  it('deletes an hour bucket, and a legacy ids record, once all of it is older than keepMs: its ids are new again', async () => {
    await store.putRecord(NS, 'ids', { legacy: T - 2 * HOUR });
    const { store: watched, writes } = recording(store);
    const seen = new SeenMessages(watched, 'tg');
    expect(await seen.firstTime('x', at(T))).toBe(true);
    expect(await seen.firstTime('y', at(T + HOUR))).toBe(true);

    // A day and a bit later: x's hour and the legacy record are wholly past a day; y's hour is not.
    const later = T + 24 * HOUR + 45 * 60_000;
    expect(await seen.firstTime('z', at(later))).toBe(true);
    expect((await store.listRecords(NS)).map(([key]) => key).sort()).toEqual([hourKey(T + HOUR), hourKey(later)].sort());
    expect(writes.filter((w) => w.op === 'delete').map((w) => [w.key, w.deferred])).toEqual(
      expect.arrayContaining([
        ['ids', true],
        [hourKey(T), true],
      ]),
    );
    expect(await seen.firstTime('y', at(later))).toBe(false);
    expect(await seen.firstTime('x', at(later))).toBe(true);
    expect(await new SeenMessages(store, 'tg').firstTime('legacy', at(later))).toBe(true);
    expect(await new SeenMessages(store, 'tg').firstTime('y', at(later))).toBe(false);
  });

  it('a handled message writes only its own hour, whatever the day holds', async () => {
    const seen = new SeenMessages(store, 'tg');
    for (let i = 0; i < 600; i += 1) await seen.firstTime(`earlier-${i}`, at(T - 23 * HOUR + i * 2 * 60_000));
    await seen.firstTime('this-hour-1', at(T));

    const { store: watched, writes } = recording(store);
    const restarted = new SeenMessages(watched, 'tg');
    expect(await restarted.firstTime('this-hour-2', at(T + 60_000))).toBe(true);
    expect(writes.map((w) => [w.op, w.key])).toEqual([['put', hourKey(T)]]);
    expect(Object.keys(writes[0]!.value!).sort()).toEqual(['this-hour-1', 'this-hour-2']);
    expect(await restarted.firstTime('earlier-0', at(T + 60_000))).toBe(false);
  });

  it('refuses an id while it is being handled, and takes it again when abandoned', async () => {
    const seen = new SeenMessages(store, 'tg');
    expect(await seen.begin('m', at(T))).toBe(true);
    expect(await seen.begin('m', at(T))).toBe(false);
    seen.abandon('m');
    expect(await new SeenMessages(store, 'tg').begin('m', at(T))).toBe(true);
    expect(await seen.begin('m', at(T))).toBe(true);
    await seen.handled('m', at(T));
    expect(await new SeenMessages(store, 'tg').begin('m', at(T))).toBe(false);
  });

  it('on a full disk keeps the id in memory only, logged, and writes it with the next handled message', async () => {
    const lines: string[] = [];
    const { store: watched, full } = recording(store);
    const seen = new SeenMessages(watched, 'tg', undefined, (line) => lines.push(line));
    full.on = true;
    expect(await seen.firstTime('p', at(T))).toBe(true);
    expect(lines.join('\n')).toContain('message p marked handled in memory only');
    expect(await seen.firstTime('p', at(T))).toBe(false);
    expect(await new SeenMessages(store, 'tg').begin('p', at(T))).toBe(true); // not on disk: a fresh reader takes it
    full.on = false;
    expect(await seen.firstTime('q', at(T))).toBe(true);
    const other = new SeenMessages(store, 'tg');
    expect([await other.begin('p', at(T)), await other.begin('q', at(T))]).toEqual([false, false]);
  });
});
