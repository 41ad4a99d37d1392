/**
 * The Store contract: what every implementation must do, run against each (contract-lowdb.test.ts,
 * contract-pg.test.ts). Implementation details (files, partitions, backups, locks) are tested beside each store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TicketEvent } from '../../src/domain/events.ts';
import { TransitionError } from '../../src/domain/state-machine.ts';
import type { Store } from '../../src/store/store.ts';
import { UnknownTicketError } from '../../src/store/store.ts';
import { JOB_RUNS_NAMESPACE, withJobRuns } from '../../src/jobs/job-runs.ts';
import { coordinationOf } from '../../src/store/coordination.ts';
import { newTicket, tick } from './helpers.ts';

export interface StoreHarness {
  /** Prepares a new, empty place for the store (a directory, a database) for one test. */
  fresh(): Promise<void>;
  /** Opens a store on the current place; called again after `close` to read what the last one wrote. */
  open(): Promise<Store>;
  /** Removes the place. */
  cleanup(): Promise<void>;
}

const staff = { kind: 'staff' as const, platform: 'telegram' as const, id: '501', name: '张工' };
const staff2 = { kind: 'staff' as const, platform: 'telegram' as const, id: '503', name: '王师傅' };
const confirmed = (): TicketEvent => ({ at: tick(), by: { kind: 'system', name: 'huiyin' }, type: 'confirmed' });
const nudge = () => ({ type: 'nudged' as const, reason: 'first_response' as const, at: tick(), by: { kind: 'system' as const, name: 'huiyin' } });
const accept = (by: typeof staff): TicketEvent => ({ at: tick(), by, type: 'accepted', handler: { platform: by.platform, id: by.id, name: by.name } });

export function storeContract(harness: StoreHarness): void {
  const open: Store[] = [];
  async function openStore(): Promise<Store> {
    const store = await harness.open();
    open.push(store);
    return store;
  }
  async function reopen(store: Store): Promise<Store> {
    await store.close();
    return openStore();
  }
  beforeEach(async () => {
    await harness.fresh();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await harness.cleanup();
  });

  describe('tickets', () => {
    it('numbers each ledger from 0001 and continues after reopening', async () => {
      let store = await openStore();
      expect((await store.createTicket(newTicket('repair'))).number).toBe('R0001');
      expect((await store.createTicket(newTicket('valid'))).number).toBe('C0001');
      expect((await store.createTicket(newTicket('consult'))).number).toBe('S0001');
      expect((await store.createTicket(newTicket('repair'))).number).toBe('R0002');
      expect((await store.createTicket(newTicket('paid_service'))).number).toBe('S0002');
      store = await reopen(store);
      expect((await store.createTicket(newTicket('repair'))).number).toBe('R0003');
      expect((await store.createTicket(newTicket('excessive'))).number).toBe('C0002');
    });

    it('creates, gets and appends; a new instance reads the same', async () => {
      let store = await openStore();
      const created = await store.createTicket(newTicket('repair'));
      expect(created).toMatchObject({ number: 'R0001', status: 'open', estate: 'sunshine', history: [{ type: 'created' }] });
      expect(await store.getTicket('R0001')).toEqual(created);
      const after = await store.appendEvent('R0001', confirmed());
      expect(after.history.map((e) => e.type)).toEqual(['created', 'confirmed']);
      const accepted = await store.appendEvent('R0001', accept(staff));
      expect(accepted.status).toBe('accepted');
      store = await reopen(store);
      expect(await store.getTicket('R0001')).toEqual(accepted);
    });

    it('records the events given with the creation in the same write', async () => {
      const store = await openStore();
      const ticket = await store.createTicket({ ...newTicket('repair'), then: [confirmed()] });
      expect(ticket.history.map((e) => e.type)).toEqual(['created', 'confirmed']);
      expect((await store.getTicket(ticket.number))!.confirmedAt).toBeDefined();
    });

    it('writes the records given with the creation in the same write: set, removed, and the number known', async () => {
      let store = await openStore();
      await store.putRecord('sessions', 'o1', { step: 'confirm' });
      await store.putRecord('sessions', 'o2', { step: 'room' });
      const ticket = await store.createTicket({
        ...newTicket('repair'),
        records: (t) => [
          { namespace: 'recorded-by', key: 'o1', value: { number: t.number } },
          { namespace: 'sessions', key: 'o1', deleted: true },
          { namespace: 'sessions', key: 'never-there', deleted: true },
        ],
      });
      store = await reopen(store);
      expect((await store.getTicket(ticket.number))?.number).toBe('R0001');
      expect(await store.getRecord('recorded-by', 'o1')).toEqual({ number: 'R0001' });
      expect(await store.getRecord('sessions', 'o1')).toBeUndefined();
      expect(await store.getRecord('sessions', 'o2')).toEqual({ step: 'room' });
    });

    it('a record that cannot be stored refuses the creation: no ticket, no number used, the session kept', async () => {
      const store = await openStore();
      await store.putRecord('sessions', 'o1', { step: 'confirm' });
      await expect(
        store.createTicket({ ...newTicket('repair'), records: () => [{ namespace: 'sessions', key: 'o1', deleted: true }, { namespace: 'owners', key: 'o1', value: () => 1 }] }),
      ).rejects.toThrow(/owners\/o1/);
      expect(await store.listTickets()).toEqual([]);
      expect(await store.getRecord('sessions', 'o1')).toEqual({ step: 'confirm' });
      expect((await store.createTicket(newTicket('repair'))).number).toBe('R0001');
    });

    it('hands out frozen tickets, so nobody can change the store memory in place', async () => {
      const store = await openStore();
      const ticket = await store.createTicket(newTicket('repair'));
      expect(() => (ticket.history as unknown[]).push({})).toThrow();
      expect(Object.isFrozen((await store.getTicket('R0001'))!.owner)).toBe(true);
    });

    it('refuses unknown tickets', async () => {
      const store = await openStore();
      await store.createTicket(newTicket('repair'));
      expect(await store.getTicket('R0002')).toBeUndefined();
      expect(await store.getTicket('X12')).toBeUndefined();
      await expect(store.appendEvent('R0002', confirmed())).rejects.toBeInstanceOf(UnknownTicketError);
      await expect(store.appendEvent('C0001', confirmed())).rejects.toBeInstanceOf(UnknownTicketError);
    });

    it('writes nothing when the state machine refuses a move, and goes on after', async () => {
      let store = await openStore();
      await store.createTicket(newTicket('repair'));
      const error = await store.appendEvent('R0001', { at: tick(), by: staff, type: 'completed', result: '修好了' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransitionError);
      expect((await store.getTicket('R0001'))!.history).toHaveLength(1);
      expect((await store.appendEvent('R0001', confirmed())).history).toHaveLength(2);
      store = await reopen(store);
      expect((await store.getTicket('R0001'))!.history).toHaveLength(2);
    });

    it('a refused creation does not use up a number', async () => {
      const store = await openStore();
      await store.createTicket(newTicket('repair'));
      const bad = { ...newTicket('repair'), then: [{ at: tick(), by: staff, type: 'completed', result: 'x' } as TicketEvent] };
      await expect(store.createTicket(bad)).rejects.toBeInstanceOf(TransitionError);
      expect((await store.createTicket(newTicket('repair'))).number).toBe('R0002');
    });

    it('rejects an invalid event without writing', async () => {
      const store = await openStore();
      await store.createTicket(newTicket('repair'));
      const bad = { at: 'yesterday', by: staff, type: 'confirmed' } as unknown as TicketEvent;
      await expect(store.appendEvent('R0001', bad)).rejects.toThrow();
      expect((await store.getTicket('R0001'))!.history).toHaveLength(1);
    });

    it('appendEvents writes all or nothing', async () => {
      const store = await openStore();
      await store.createTicket(newTicket('repair'));
      await expect(store.appendEvents('R0001', [nudge(), { at: tick(), by: staff, type: 'completed', result: 'x' }])).rejects.toBeInstanceOf(TransitionError);
      expect((await store.getTicket('R0001'))!.history).toHaveLength(1);
      expect((await store.appendEvents('R0001', [nudge(), nudge()])).history).toHaveLength(3);
    });

    it('lists by estate, status, unit, owner and creation time, oldest first across ledgers', async () => {
      const store = await openStore();
      const other = { platform: 'telegram' as const, id: '42', displayName: '李女士' };
      await store.createTicket(newTicket('repair', { at: '2026-11-01T01:00:00Z' }));
      await store.createTicket(newTicket('valid', { at: '2026-11-02T01:00:00Z', owner: other }));
      await store.createTicket(newTicket('consult', { at: '2026-11-03T01:00:00+08:00', estate: 'riverside' }));
      await store.createTicket(newTicket('repair', { at: '2026-11-04T01:00:00Z', owner: other }));
      await store.appendEvent('R0002', { at: '2026-11-05T01:00:00Z', by: staff, type: 'accepted', handler: { platform: 'telegram', id: '501', name: '张工' } });

      const numbers = async (q?: Parameters<Store['listTickets']>[0]) => (await store.listTickets(q)).map((t) => t.number);
      expect(await numbers()).toEqual(['R0001', 'C0001', 'S0001', 'R0002']);
      expect(await numbers({ estate: 'riverside' })).toEqual(['S0001']);
      expect(await numbers({ status: ['accepted'] })).toEqual(['R0002']);
      expect(await numbers({ status: ['open', 'completed'] })).toEqual(['R0001', 'C0001', 'S0001']);
      expect(await numbers({ unit: 'office_head' })).toEqual(['C0001']);
      expect(await numbers({ owner: { platform: 'telegram', id: '42' } })).toEqual(['C0001', 'R0002']);
      expect(await numbers({ createdFrom: '2026-11-02T01:00:00Z', createdTo: '2026-11-04T01:00:00Z' })).toEqual(['C0001', 'S0001']);
      expect(await numbers({ createdFrom: '2026-11-02T09:00:00+08:00', createdTo: '2026-11-02T09:00:00.001+08:00' })).toEqual(['C0001']);
    });

    it('tickets created at the same instant are listed by ledger, then number', async () => {
      const store = await openStore();
      const at = '2026-11-10T02:00:00Z';
      for (const c of ['repair', 'consult', 'repair', 'valid'] as const) await store.createTicket(newTicket(c, { at }));
      expect((await store.listTickets()).map((t) => t.number)).toEqual(['C0001', 'R0001', 'R0002', 'S0001']);
    });

    it('concurrent writes from one process: unique numbers, all durable', async () => {
      let store = await openStore();
      const made = await Promise.all(Array.from({ length: 40 }, (_, i) => store.createTicket(newTicket(i % 2 ? 'repair' : 'consult'))));
      const numbers = made.map((t) => t.number);
      expect(new Set(numbers).size).toBe(40);
      expect(numbers.filter((n) => n.startsWith('R')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `R${String(i + 1).padStart(4, '0')}`));
      await Promise.all(made.map((t) => store.appendEvent(t.number, confirmed())));
      store = await reopen(store);
      const all = await store.listTickets();
      expect(all).toHaveLength(40);
      expect(all.every((t) => t.history.length === 2)).toBe(true);
    });

    it('two staff accepting one ticket at once: one wins, the other is refused, nothing is lost', async () => {
      const store = await openStore();
      await store.createTicket(newTicket('repair'));
      const results = await Promise.allSettled([store.appendEvent('R0001', accept(staff)), store.appendEvent('R0001', accept(staff2))]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(TransitionError);
      const ticket = (await store.getTicket('R0001'))!;
      expect(ticket.history.map((e) => e.type)).toEqual(['created', 'accepted']);
      expect(ticket.handler!.id).toBe((won[0] as PromiseFulfilledResult<{ handler: { id: string } }>).value.handler.id);
    });

    it('refuses calls after close', async () => {
      const store = await openStore();
      await store.close();
      await expect(store.createTicket(newTicket('repair'))).rejects.toThrow(/closed/);
      await expect(store.getTicket('R0001')).rejects.toThrow(/closed/);
    });
  });

  describe('batch writes for jobs', () => {
    it("appendEventsMany applies each ticket's events, leaves out a refused one, and persists the rest", async () => {
      let store = await openStore();
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
      expect(refused[1]!.error).toBeInstanceOf(UnknownTicketError);
      store = await reopen(store);
      expect((await store.getTicket(a.number))?.history).toHaveLength(3);
      expect((await store.getTicket(c.number))?.history).toHaveLength(1);
    });

    it('putRecords writes several records of a namespace at once', async () => {
      let store = await openStore();
      await store.putRecords('reminders-2026-11', [
        ['R0001', ['a']],
        ['R0002', ['b', 'c']],
      ]);
      store = await reopen(store);
      expect(await store.listRecords('reminders-2026-11')).toEqual([
        ['R0001', ['a']],
        ['R0002', ['b', 'c']],
      ]);
    });
  });

  describe('records', () => {
    it('put, get, list and delete, persisted per namespace', async () => {
      let store = await openStore();
      await store.putRecord('sessions', 'telegram:1:2', { step: 'ask_room', n: 1 });
      await store.putRecord('sessions', 'wechat:r@chatroom:9', { step: 'confirm' });
      await store.putRecord('seen/ids..', '__proto__', true);
      expect(await store.getRecord('sessions', 'telegram:1:2')).toEqual({ step: 'ask_room', n: 1 });
      expect(await store.getRecord('sessions', 'nope')).toBeUndefined();
      expect(await store.getRecord('nothing', 'nope')).toBeUndefined();
      const value = await store.getRecord<{ step: string }>('sessions', 'telegram:1:2');
      value!.step = 'changed by caller';
      expect(await store.getRecord('sessions', 'telegram:1:2')).toEqual({ step: 'ask_room', n: 1 });
      // What was put is the store's own from the put on: the caller's later edits (nested too) change nothing.
      const put = { step: 'confirm', draft: { room: '502' }, list: [1] };
      await store.putRecord('sessions', 'edited', put);
      put.step = 'x';
      put.draft.room = 'y';
      put.list.push(2);
      expect(await store.getRecord('sessions', 'edited')).toEqual({ step: 'confirm', draft: { room: '502' }, list: [1] });
      await store.putRecord('misc', 'text', 'plain');
      expect(await store.getRecord('misc', 'text')).toBe('plain');
      await store.deleteRecord('misc', 'text');
      await store.deleteRecord('sessions', 'edited');
      // A nested key such as "__proto__" comes back as the value's own, in every copy handed out.
      await store.putRecord('sessions', 'odd', JSON.parse('{"a":{"__proto__":{"x":1}}}'));
      const odd = await store.getRecord<{ a: object }>('sessions', 'odd');
      expect(Object.hasOwn(odd!.a, '__proto__') && JSON.stringify(odd)).toBe('{"a":{"__proto__":{"x":1}}}');
      await store.deleteRecord('sessions', 'odd');
      await store.deleteRecord('sessions', 'telegram:1:2');
      await store.deleteRecord('sessions', 'never-there');
      await expect(store.putRecord('sessions', 'bad', undefined)).rejects.toThrow(TypeError);
      store = await reopen(store);
      expect(await store.listRecords('sessions')).toEqual([['wechat:r@chatroom:9', { step: 'confirm' }]]);
      expect(await store.getRecord('seen/ids..', '__proto__')).toBe(true);
      expect(await store.listNamespaces()).toEqual(['seen/ids..', 'sessions']);
      await store.deleteRecord('seen/ids..', '__proto__');
      expect(await store.listNamespaces()).toEqual(['sessions']);
    });

    it('overwrites a record and keeps unicode and nested values exactly', async () => {
      let store = await openStore();
      const value = { text: '报修:5栋2单元502 厨房\u0001漏水 🚰', list: [1, 2.5, null, { deep: ['x'] }], flag: false };
      await store.putRecord('misc', 'k', { old: true });
      await store.putRecord('misc', 'k', value);
      store = await reopen(store);
      expect(await store.getRecord('misc', 'k')).toEqual(value);
      expect(await store.listRecords('misc')).toEqual([['k', value]]);
    });
  });

  // The job-runs key (job name + slot, src/jobs/job-runs.ts, f2eb70b): each scheduled job runs once per slot, kept in
  // the store, over the store's own coordination (PostgreSQL's locks and job_runs table; lowdb's `single`), as
  // app/main.ts wraps it.
  describe('job runs, once per job and slot', () => {
    const slot = (day: number) => new Date(Date.UTC(2026, 11, day, 10)).toISOString();
    const counter = () => {
      let runs = 0;
      return { run: async () => ++runs, runs: () => runs };
    };

    it('a slot runs once, also when asked twice at once, and is still known after reopening', async () => {
      let store = await openStore();
      const digest = counter();
      const jobs = withJobRuns(store, coordinationOf(store));
      const both = await Promise.all([jobs.once('daily-digest', slot(7), digest.run), jobs.once('daily-digest', slot(7), digest.run)]);
      expect(both.filter((r) => r.ran)).toEqual([{ ran: true, value: 1 }]);
      expect((await jobs.once('daily-digest', slot(7), digest.run)).ran).toBe(false);
      // Another job's same slot is its own.
      expect((await jobs.once('reminders', slot(7), digest.run)).ran).toBe(true);
      expect(await store.getRecord(JOB_RUNS_NAMESPACE, 'daily-digest')).toEqual({ slots: [slot(7)] });

      store = await reopen(store);
      const again = withJobRuns(store, coordinationOf(store));
      expect((await again.once('daily-digest', slot(7), digest.run)).ran).toBe(false);
      expect(await again.once('daily-digest', slot(8), digest.run)).toEqual({ ran: true, value: 3 });
      expect(digest.runs()).toBe(3);
    });

    it('a run that fails records no slot: the next tick runs it again', async () => {
      const store = await openStore();
      const jobs = withJobRuns(store, coordinationOf(store));
      await expect(jobs.once('monthly-report', slot(1), async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
      expect(await store.getRecord(JOB_RUNS_NAMESPACE, 'monthly-report')).toBeUndefined();
      expect(await jobs.once('monthly-report', slot(1), async () => 'sent')).toEqual({ ran: true, value: 'sent' });
    });

    it('keeps the last 64 slots of a job', async () => {
      const store = await openStore();
      const jobs = withJobRuns(store, coordinationOf(store));
      for (let day = 1; day <= 66; day += 1) await jobs.once('reminders', new Date(Date.UTC(2026, 0, day)).toISOString(), async () => day);
      const kept = (await store.getRecord<{ slots: string[] }>(JOB_RUNS_NAMESPACE, 'reminders'))!.slots;
      expect(kept).toHaveLength(64);
      expect(kept[0]).toBe(new Date(Date.UTC(2026, 0, 3)).toISOString());
    });
  });
}
