import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TransitionError } from '../../src/domain/state-machine.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';
import { newTicket, tempDir, tick } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
let store: Store;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

const nudge = () => ({ type: 'nudged' as const, reason: 'first_response' as const, at: tick(), by: { kind: 'system' as const, name: 'huiyin' } });

describe('batch writes for jobs', () => {
  it('appendEventsMany applies each ticket\'s events, leaves out a refused one, and persists the rest', async () => {
    const a = await store.createTicket(newTicket('repair'));
    const b = await store.createTicket(newTicket('valid'));
    const c = await store.createTicket(newTicket('repair'));
    const { tickets, refused } = await store.appendEventsMany([
      { number: a.number, events: [nudge(), nudge()] },
      { number: b.number, events: [nudge()] },
      // Completing an unaccepted ticket is refused: c is left as it was.
      { number: c.number, events: [nudge(), { type: 'completed', result: 'x', at: tick(), by: { kind: 'system', name: 'huiyin' } }] },
      { number: 'R0999', events: [nudge()] },
    ]);
    expect(tickets.map((t) => [t.number, t.history.length])).toEqual([
      [a.number, 3],
      [b.number, 2],
    ]);
    expect(refused.map((r) => r.number)).toEqual([c.number, 'R0999']);
    expect(refused[0]!.error).toBeInstanceOf(TransitionError);
    await store.close();
    store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    expect((await store.getTicket(a.number))?.history).toHaveLength(3);
    expect((await store.getTicket(c.number))?.history).toHaveLength(1);
  });

  it('putRecords writes several records of a namespace at once', async () => {
    await store.putRecords('reminders-2026-11', [
      ['R0001', ['a']],
      ['R0002', ['b', 'c']],
    ]);
    await store.close();
    store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    expect(await store.listRecords('reminders-2026-11')).toEqual([
      ['R0001', ['a']],
      ['R0002', ['b', 'c']],
    ]);
  });
});
