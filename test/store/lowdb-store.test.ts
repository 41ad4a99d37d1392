import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransitionError } from '../../src/domain/state-machine.ts';
import type { TicketEvent } from '../../src/domain/events.ts';
import { nodeIo } from '../../src/store/durable-file.ts';
import { type AppendAndSync, appendAndSync } from '../../src/store/journal.ts';
import { openLowdbStore, type LowdbStoreOptions } from '../../src/store/lowdb-store.ts';
import { MIN_PARTITIONS_FOR_WORKERS } from '../../src/store/partition-scan.ts';
import { seedTicketFiles } from '../../src/store/seed.ts';
import { type Store, StoreCorruptError, StoreLockedError, StoreVersionError } from '../../src/store/store.ts';
import { generateTickets, nextEvent, random } from './fixtures/generate.ts';
import { newTicket, tempDir, tick } from './helpers.ts';

const staff = { kind: 'staff' as const, platform: 'telegram' as const, id: '501', name: '张工' };
const confirmed = (): TicketEvent => ({ at: tick(), by: { kind: 'system', name: 'huiyin' }, type: 'confirmed' });

let dir: string;
let cleanup: () => Promise<void>;
const open: Store[] = [];

async function openStore(options: Partial<LowdbStoreOptions> = {}): Promise<Store> {
  const store = await openLowdbStore({ dataDir: dir, log: () => undefined, ...options });
  open.push(store);
  return store;
}

async function reopen(store: Store, options: Partial<LowdbStoreOptions> = {}): Promise<Store> {
  await store.close();
  return openStore(options);
}

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  await cleanup();
});

// What every store must do is in contract.ts (run on lowdb by contract-lowdb.test.ts); here, the files.
describe('tickets', () => {
  it('writes nothing when the state machine refuses a move', async () => {
    const store = await openStore();
    await store.createTicket(newTicket('repair'));
    // Writes go to the journal first (the partition file follows at a checkpoint).
    const file = join(dir, 'journal.log');
    const before = await readFile(file);
    const error = await store
      .appendEvent('R0001', { at: tick(), by: staff, type: 'completed', result: '修好了' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransitionError);
    // (Buffer.equals: the file holds the journal's zero-filled room, megabytes that toEqual compares byte by byte.)
    expect((await readFile(file)).equals(before)).toBe(true);
    expect((await store.getTicket('R0001'))!.history).toHaveLength(1);
    // and the queue keeps going after a refusal
    expect((await store.appendEvent('R0001', confirmed())).history).toHaveLength(2);
  });

  it('finds tickets across partitions and keeps numbering from the data, with few partitions in memory', async () => {
    const seeded = generateTickets(3000, { months: 6 });
    const partitions = await seedTicketFiles(dir, seeded);
    expect(partitions).toBeGreaterThanOrEqual(4);
    const last = (p: string) => seeded.filter((t) => t.number.startsWith(p)).length;
    let store = await openStore({ maxLoadedPartitions: 1 });
    expect((await store.listTickets()).length).toBe(3000);
    expect((await store.getTicket('R1000'))?.number).toBe('R1000');
    expect((await store.getTicket('R0999'))?.number).toBe('R0999');
    const next = await store.createTicket(newTicket('repair', { at: '2026-12-01T00:00:00Z' }));
    expect(next.number).toBe(`R${String(last('R') + 1).padStart(4, '0')}`);

    // Reads and writes on different partitions interleaved, with one partition in memory: nothing is lost.
    const rnd = random(7);
    const targets = seeded.filter((t) => t.status !== 'closed').slice(-30);
    const writes = targets.map(async (t) => {
      const event = nextEvent(t, Date.parse('2026-12-02T00:00:00Z'), rnd)!;
      const [after] = await Promise.all([store.appendEvent(t.number, event), store.getTicket('R0001'), store.getTicket('S0500')]);
      return after;
    });
    const written = await Promise.all(writes);
    store = await reopen(store, { maxLoadedPartitions: 1 });
    for (const t of written) expect((await store.getTicket(t.number))?.history).toHaveLength(t.history.length);
    // The summary caches were written at close and are used now; delete them and the result is the same.
    for (const f of await readdir(join(dir, 'tickets'))) if (f.endsWith('.summary.json')) await rm(join(dir, 'tickets', f));
    store = await reopen(store);
    expect((await store.listTickets()).length).toBe(3001);
    for (const t of written) expect((await store.getTicket(t.number))?.history).toHaveLength(t.history.length);
  });

  it("an owner's tickets are found in every partition, written before or after the first such query, and after a restart", async () => {
    const a = { platform: 'wechat' as const, id: 'wx-a', displayName: '甲' };
    const b = { platform: 'wechat' as const, id: 'wx-b', displayName: '乙' };
    let store = await openStore();
    await store.createTicket(newTicket('repair', { owner: a }));
    await store.createTicket(newTicket('valid', { owner: b }));
    await store.createTicket(newTicket('valid', { owner: a }));
    const mine = async (owner: typeof a) => (await store.listTickets({ owner })).map((t) => t.number);
    expect(await mine(a)).toEqual(['R0001', 'C0002']);
    // After the first owner query: a new partition (S), a known one (R), an owner not seen before.
    await store.createTicket(newTicket('consult', { owner: a }));
    await store.createTicket(newTicket('repair', { owner: b }));
    await store.createTicket(newTicket('consult', { owner: { ...a, id: 'wx-c' } }));
    expect(await mine(a)).toEqual(['R0001', 'C0002', 'S0001']);
    expect(await mine(b)).toEqual(['C0001', 'R0002']);
    expect(await mine({ ...a, id: 'wx-c' })).toEqual(['S0002']);
    expect(await mine({ ...a, id: 'nobody' })).toEqual([]);
    // A status query reads the rows as they are now: the owner's ticket that moved on is left out, the other owner's
    // ticket beside it in the same partition is never theirs.
    const open = async (owner: typeof a) => (await store.listTickets({ owner, status: ['open'] })).map((t) => t.number);
    await store.appendEvent('R0001', { at: tick(), by: staff, type: 'accepted', handler: { platform: 'telegram', id: '501', name: '张工' } });
    expect(await open(a)).toEqual(['C0002', 'S0001']);
    expect(await open(b)).toEqual(['C0001', 'R0002']);
    store = await reopen(store);
    expect(await mine(a)).toEqual(['R0001', 'C0002', 'S0001']);
    expect(await mine(b)).toEqual(['C0001', 'R0002']);
    expect(await open(a)).toEqual(['C0002', 'S0001']);
  });

  it('a failed write rejects and leaves memory equal to disk; the number is not used up', async () => {
    // The disk fills up half-way through each journal entry: the half entry must not survive to be replayed.
    let full = false;
    const appendAndSyncUnlessFull: AppendAndSync = async (handle, bytes, at) => {
      if (!full) return appendAndSync(handle, bytes, at);
      await handle.write(bytes, 0, bytes.length >> 1, at);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    let store = await openStore({ io: { ...nodeIo, appendAndSync: appendAndSyncUnlessFull } });
    await store.createTicket(newTicket('repair'));
    full = true;
    await expect(store.appendEvent('R0001', confirmed())).rejects.toThrow(/ENOSPC/);
    await expect(store.createTicket(newTicket('repair'))).rejects.toThrow(/ENOSPC/);
    expect((await store.getTicket('R0001'))!.history).toHaveLength(1);
    full = false;
    expect((await store.createTicket(newTicket('repair'))).number).toBe('R0002');
    expect((await store.appendEvent('R0001', confirmed())).history).toHaveLength(2);
    store = await reopen(store);
    expect((await store.getTicket('R0001'))!.history).toHaveLength(2);
    expect(await store.getTicket('R0003')).toBeUndefined();
  });

});

describe('records', () => {
  it('one file per namespace, its name escaped', async () => {
    const store = await openStore();
    await store.putRecord('sessions', 'wechat:r@chatroom:9', { step: 'confirm' });
    await store.putRecord('seen/ids..', '__proto__', true);
    await store.close();
    expect((await readdir(join(dir, 'records'))).sort()).toEqual(['seen%2Fids%2E%2E.json', 'sessions.json']);
  });
});

describe('damaged files', () => {
  async function expectRefused(file: string, pattern?: RegExp, options: Partial<LowdbStoreOptions> = {}): Promise<StoreCorruptError> {
    const before = await readFile(file);
    const error = await openLowdbStore({ dataDir: dir, log: () => undefined, ...options }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    const corrupt = error as StoreCorruptError;
    expect(corrupt.file).toBe(file);
    expect(corrupt.message).toContain(file);
    expect(corrupt.message).toMatch(/backup|move it out/);
    if (pattern) expect(corrupt.message).toMatch(pattern);
    // (Buffer.equals: the file holds the journal's zero-filled room, megabytes that toEqual compares byte by byte.)
    expect((await readFile(file)).equals(before)).toBe(true);
    return corrupt;
  }

  async function seedOneTicket(): Promise<void> {
    const store = await openStore();
    await store.createTicket(newTicket('repair'));
    await store.putRecord('sessions', 'a', 1);
    await store.close();
  }

  it('invalid JSON in a partition stops start-up, names the file and leaves it untouched', async () => {
    await seedOneTicket();
    const file = join(dir, 'tickets', 'R-0000.json');
    await writeFile(file, '{"schemaVersion":1,"kind":"tickets","ledger":"R","block":0,"tickets":[{"numb');
    await expectRefused(file, /not valid JSON/);
    // refused start-up released the lock: after moving the file away, the store opens
    await rename(file, `${file}.damaged`);
    const store = await openStore();
    expect(await store.getTicket('R0001')).toBeUndefined();
  });

  it('a valid JSON file with a bad envelope or a bad ticket stops start-up', async () => {
    await seedOneTicket();
    const file = join(dir, 'tickets', 'R-0000.json');
    const good = await readFile(file, 'utf8');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, kind: 'tickets', ledger: 'R', block: 0, tickets: 'none' }));
    await expectRefused(file, /envelope/);
    await writeFile(file, good.replace('"status":"open"', '"status":"lost"'));
    await expectRefused(file, /ticket/);
    await writeFile(file, JSON.stringify([1, 2, 3]));
    await expectRefused(file, /schemaVersion/);
  });

  it('a damaged records file stops start-up too', async () => {
    await seedOneTicket();
    const file = join(dir, 'records', 'sessions.json');
    await writeFile(file, '');
    await expectRefused(file);
    await writeFile(file, JSON.stringify({ schemaVersion: 1, kind: 'records', namespace: 'other', records: {} }));
    await expectRefused(file, /namespace/);
  });

  it('names the newest backup copy to restore', async () => {
    let store = await openStore();
    await store.createTicket(newTicket('repair'));
    store = await reopen(store);
    await store.appendEvent('R0001', confirmed()); // first overwrite in this run: backed up first
    await store.close();
    const file = join(dir, 'tickets', 'R-0000.json');
    await writeFile(file, 'garbage');
    const error = await expectRefused(file);
    const [run] = await readdir(join(dir, 'backups'));
    expect(error.message).toContain(join(dir, 'backups', run!, 'tickets', 'R-0000.json'));
  });

  it('many partitions are validated on worker threads: a bad ticket still stops start-up, file and field named', async () => {
    const seeded = generateTickets(9000, { months: 6 });
    // Threads from 20 partitions here (the default is MIN_PARTITIONS_FOR_WORKERS), so the test stays small.
    expect(MIN_PARTITIONS_FOR_WORKERS).toBeGreaterThan(20);
    expect(await seedTicketFiles(dir, seeded)).toBeGreaterThanOrEqual(20);
    const file = join(dir, 'tickets', 'R-0500.json');
    const good = await readFile(file, 'utf8');
    await writeFile(file, good.replace('"status":"closed"', '"status":"lost"'));
    const error = await expectRefused(file, /tickets\.\d+\.status/, { threadsFrom: 20 });
    expect(error.message).toMatch(/a ticket in it is invalid/);
    // Repaired, the same files open on the threads with every ticket and the numbering taken from the data.
    await writeFile(file, good);
    const logs: string[] = [];
    const store = await openStore({ log: (m) => logs.push(m), threadsFrom: 20 });
    expect(logs.join('\n')).toMatch(/derived the summaries of \d+ ticket partition\(s\) from their files on \d+ threads/);
    expect((await store.listTickets()).length).toBe(9000);
    const open = seeded.filter((t) => t.status !== 'closed').at(-1)!;
    expect(await store.getTicket(open.number)).toEqual(open);
    const last = seeded.filter((t) => t.number.startsWith('R')).length;
    expect((await store.createTicket(newTicket('repair', { at: '2026-12-01T00:00:00Z' }))).number).toBe(`R${String(last + 1).padStart(4, '0')}`);
  });

  it('a file from a newer Huiyin refuses start-up and is left alone', async () => {
    await seedOneTicket();
    const file = join(dir, 'records', 'sessions.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...doc, schemaVersion: 2 }));
    const before = await readFile(file);
    const error = await openLowdbStore({ dataDir: dir, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreVersionError);
    expect((error as Error).message).toMatch(/schema version 2.*newer Huiyin/);
    // (Buffer.equals: the file holds the journal's zero-filled room, megabytes that toEqual compares byte by byte.)
    expect((await readFile(file)).equals(before)).toBe(true);
  });

  it('a damaged summary cache is only a cache: rebuilt from the partition', async () => {
    await seedOneTicket();
    await writeFile(join(dir, 'tickets', 'R-0000.summary.json'), '{oops');
    const logs: string[] = [];
    const store = await openStore({ log: (m) => logs.push(m) });
    expect((await store.getTicket('R0001'))?.number).toBe('R0001');
    expect(logs.join('\n')).toMatch(/summary cache/);
  });
});

describe('backups', () => {
  it('copies each file before its first overwrite in a run and keeps the last N runs', async () => {
    let store = await openStore({ backups: 2 });
    await store.createTicket(newTicket('repair')); // a new file: nothing to back up
    expect(await readdir(join(dir, 'backups')).catch(() => [])).toEqual([]);
    const contents: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      store = await reopen(store, { backups: 2 });
      contents.push(await readFile(join(dir, 'tickets', 'R-0000.json'), 'utf8'));
      await store.appendEvent('R0001', { at: tick(), by: staff, type: 'nudged', reason: 'owner_chase' });
      await store.appendEvent('R0001', { at: tick(), by: staff, type: 'nudged', reason: 'owner_chase' });
      await new Promise((r) => setTimeout(r, 5)); // distinct run timestamps
    }
    // The files are overwritten (and backed up) at checkpoints; the last one of this run is at close.
    await store.close();
    const runs = (await readdir(join(dir, 'backups'))).sort();
    expect(runs).toHaveLength(2);
    // the newest backup is the file as it was when the last run started, not after its first write
    expect(await readFile(join(dir, 'backups', runs[1]!, 'tickets', 'R-0000.json'), 'utf8')).toBe(contents[2]);
    expect(await readFile(join(dir, 'backups', runs[0]!, 'tickets', 'R-0000.json'), 'utf8')).toBe(contents[1]);
  });
});

describe('one store per directory in a process', () => {
  it('refuses a second open in the same process and allows it after close', async () => {
    const store = await openStore();
    await expect(openLowdbStore({ dataDir: dir, log: () => undefined })).rejects.toBeInstanceOf(StoreLockedError);
    await store.close();
    await openStore();
  });

  it('creates the data directory if needed', async () => {
    const nested = join(dir, 'a', 'b');
    await mkdir(join(dir, 'a'));
    const store = await openLowdbStore({ dataDir: nested, log: () => undefined });
    open.push(store);
    expect((await store.createTicket(newTicket('consult'))).number).toBe('S0001');
  });
});
