import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '../../src/clock.ts';
import { DraftSchema } from '../../src/conversation/intake.ts';
import { OFFER_TTL_MS, type OfferState } from '../../src/conversation/offer.ts';
import { SessionStore } from '../../src/conversation/sessions.ts';
import { nodeIo } from '../../src/store/durable-file.ts';
import { appendAndSync } from '../../src/store/journal.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

const WANG = { platform: 'console' as const, id: 'wang' };
const CHAT = { platform: 'console' as const, id: 'owners' };
const KEY = 'console:owners:wang';

let dir: string | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open() {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-sessions-'));
  store = await openLowdbStore({ dataDir: dir });
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  return { sessions: new SessionStore(store, clock), clock, store };
}

function offer(clock: ManualClock): OfferState {
  const verdict = { category: 'repair' as const, clause: '4.3.2' as NonNullable<OfferState['verdict']>['clause'], unit: 'engineering' as const, major: false };
  return { version: 1, kind: 'offer', verdict, text: '水管漏水', attachments: [], expiresAt: new Date(clock.now().getTime() + OFFER_TTL_MS).toISOString() };
}

describe('session store (issue 15, item 3)', () => {
  it('reads an open offer back, and an offer left past its time as gone and as declined by its owner', async () => {
    const { sessions, clock } = await open();
    await sessions.write(KEY, offer(clock));
    expect((await sessions.read(KEY, WANG))?.kind).toBe('offer');
    expect((await sessions.offerMemory(CHAT, WANG)).ownerDeclinedAt).toBeUndefined();
    clock.advance(OFFER_TTL_MS + MINUTE);
    expect(await sessions.read(KEY, WANG)).toBeUndefined();
    expect(await sessions.has(KEY)).toBe(false);
    expect((await sessions.offerMemory(CHAT, WANG)).ownerDeclinedAt).toBe(clock.now().toISOString());
  });

  it('an offer left past its time is ended and its owner marked as declining with no flush of their own; the next durable write carries both', async () => {
    dir = await mkdtemp(join(tmpdir(), 'huiyin-sessions-'));
    let appends = 0;
    store = await openLowdbStore({ dataDir: dir, io: { ...nodeIo, appendAndSync: (handle, bytes, at, alone) => ((appends += 1), appendAndSync(handle, bytes, at, alone)) } });
    const clock = new ManualClock('2026-11-27T09:00:00+08:00');
    const sessions = new SessionStore(store, clock);
    await sessions.write(KEY, offer(clock));
    clock.advance(OFFER_TTL_MS + MINUTE);
    appends = 0;
    expect(await sessions.read(KEY, WANG)).toBeUndefined();
    // Deferred writes (store.ts WriteOptions): in memory at once, no flush of their own.
    expect(appends).toBe(0);
    expect(await sessions.has(KEY)).toBe(false);
    expect((await sessions.offerMemory(CHAT, WANG)).ownerDeclinedAt).toBe(clock.now().toISOString());
    await sessions.write('console:owners:liu', offer(clock));
    expect(appends).toBe(1);
  });

  it('a sweep ends only sessions past their time, and one renewed meanwhile survives', async () => {
    const { sessions, clock } = await open();
    await sessions.write(KEY, offer(clock), '王女士');
    await sessions.write('console:owners:liu', { ...offer(clock), expiresAt: new Date(clock.now().getTime() + 60 * MINUTE).toISOString() });
    clock.advance(OFFER_TTL_MS + MINUTE);
    expect(await sessions.expiredKeys()).toEqual([KEY]);
    await sessions.write(KEY, { ...offer(clock) }, '王女士');
    expect(await sessions.endIfExpired(KEY)).toBeUndefined();
    clock.advance(OFFER_TTL_MS + MINUTE);
    expect(await sessions.endIfExpired(KEY)).toEqual({ key: KEY, kind: 'offer', name: '王女士' });
    expect(await sessions.has(KEY)).toBe(false);
    expect(await sessions.has('console:owners:liu')).toBe(true);
  });

  it('remembers an owner\'s room and phone, and writes nothing when nothing changed', async () => {
    const { sessions, store } = await open();
    const location = { kind: 'room' as const, building: '5栋', unit: '2单元', room: '502', text: '5栋2单元502' };
    const draft = DraftSchema.parse({ category: 'repair', clause: '4.3.2', unit: 'engineering', major: false, phone: '13800138000', location });
    await sessions.rememberOwner(WANG, '王女士', draft);
    expect(await sessions.owner(WANG)).toEqual({ displayName: '王女士', cardShown: true, phone: '13800138000', room: location });
    const writes: string[] = [];
    const put = store.putRecord.bind(store);
    store.putRecord = async (ns, key, value) => {
      writes.push(`${ns}/${key}`);
      await put(ns, key, value);
    };
    await sessions.rememberOwner(WANG, '王女士', draft);
    expect(writes).toEqual([]);
    await sessions.rememberOwner(WANG, '王女士', { ...draft, phone: '13900139000' });
    expect(writes).toEqual(['owners/console:wang']);
  });
});
