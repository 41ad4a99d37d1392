/**
 * `huiyin migrate`: a lowdb data directory into a real PostgreSQL server (test/helpers/postgres.ts) and back out to
 * a new lowdb directory, through the command itself (runMigrateCommand, as main.ts calls it).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runMigrateCommand } from '../../src/cli/migrate.ts';
import { SeenMessages } from '../../src/inbound/seen-messages.ts';
import type { TicketEvent } from '../../src/domain/events.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/pg-store.ts';
import { StoreLockedError, type Store } from '../../src/store/store.ts';
import { findPostgres, NO_POSTGRES, type PgServer, startPostgres } from '../helpers/postgres.ts';
import { newTicket, tick } from './helpers.ts';

const available = findPostgres() !== undefined;
if (!available) console.warn(NO_POSTGRES);

const staff = { kind: 'staff' as const, platform: 'telegram' as const, id: '501', name: '张工' };
const confirmed = (): TicketEvent => ({ at: tick(), by: { kind: 'system', name: 'huiyin' }, type: 'confirmed' });
const accept = (): TicketEvent => ({ at: tick(), by: staff, type: 'accepted', handler: { platform: 'telegram', id: '501', name: '张工' } });
const nudge = (): TicketEvent => ({ type: 'nudged', reason: 'first_response', at: tick(), by: { kind: 'system', name: 'huiyin' } });

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}

async function migrate(args: string[], url: string, env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out = capture();
  const err = capture();
  const code = await runMigrateCommand(args, { stdout: out.stream, stderr: err.stream, env: { HUIYIN_DATABASE_URL: url, ...env } });
  return { code, out: out.text(), err: err.text() };
}

/** A lowdb directory as a running bot leaves it: tickets in all three ledgers, sessions, an unsent outbox, seen ids. */
async function fillLowdb(dir: string): Promise<void> {
  const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  try {
    for (let i = 0; i < 5; i += 1) {
      const t = await store.createTicket({ ...newTicket('repair'), then: [confirmed()] });
      if (i % 2 === 0) await store.appendEvents(t.number, [accept(), nudge()]);
    }
    await store.createTicket(newTicket('valid', { estate: 'lakeside', owner: { platform: 'telegram', id: '77', displayName: '刘先生' } }));
    await store.createTicket(newTicket('consult'));
    await store.putRecord('sessions', 'telegram:1:2', { step: 'confirm', draft: { text: '报修 5栋502 漏水' } });
    await store.putRecord('owners', 'wechat:wx-owner-1', { displayName: '王先生', cardShown: true });
    await store.putRecord('owners', 'telegram:77', { displayName: '刘先生' });
    await store.putRecord('reminders-2026-11', 'R0001', ['R0001|first_response|x']);
    await store.putRecord('outbox-telegram', 'm-1', { id: 'm-1', seq: 1, message: { chat: { platform: 'telegram', id: '-100' }, text: '待发' }, attempts: 0, notBefore: 0 });
    // Seen ids as a version before hour buckets left them (one `ids` record) and as hour buckets (`h<hour index>`).
    await store.putRecord('seen-telegram-42', 'ids', { '1001': Date.parse('2026-11-20T01:00:00Z'), '1002': Date.parse('2026-11-20T01:01:00Z') });
    await store.putRecord('seen-telegram-42', `h${Math.floor(Date.parse('2026-11-20T01:30:00Z') / 3_600_000)}`, { '1004': Date.parse('2026-11-20T01:30:00Z') });
  } finally {
    await store.close();
  }
}

let server: PgServer;

describe.skipIf(!available)('huiyin migrate', () => {
  let dir: string;
  let url: string;
  const open: Array<Store | PgStore> = [];
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'huiyin-migrate-'));
    url = await server.createDatabase();
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function pg(): Promise<PgStore> {
    const s = await openPgStore({ url, log: () => undefined, instance: 'check' });
    open.push(s);
    return s;
  }
  async function lowdb(at: string): Promise<Store> {
    const s = await openLowdbStore({ dataDir: at, log: () => undefined, backups: 0 });
    open.push(s);
    return s;
  }

  it('copies every ticket, record, outbox and seen id into PostgreSQL and says what it checked', async () => {
    const from = join(dir, 'data');
    await fillLowdb(from);
    const result = await migrate(['--from', from], url, { HUIYIN_INSTANCE: 'estate-a' });
    expect(result.err).not.toMatch(/Error/);
    expect(result.code).toBe(0);
    expect(result.out).toContain('tickets: 7 (R 5, C 1, S 1): 7 copied, 0 with new events appended, 0 already there');
    expect(result.out).toContain('checked: all 7 tickets are in the database and each, rebuilt from its events, equals the source');
    expect(result.out).toContain('outbox: 1 unsent message(s) of outbox-telegram now in outbox-telegram@estate-a');

    const source = await lowdb(from);
    const target = await pg();
    expect(await target.listTickets()).toEqual(await source.listTickets());
    expect(await target.listRecords('sessions')).toEqual(await source.listRecords('sessions'));
    expect(await target.listRecords('owners')).toEqual(await source.listRecords('owners'));
    expect(await target.getRecord('reminders-2026-11', 'R0001')).toEqual(['R0001|first_response|x']);
    expect((await target.listRecords('outbox-telegram@estate-a')).map(([k]) => k)).toEqual(['m-1']);
    expect(await target.listRecords('outbox-telegram')).toEqual([]);
    // Seen ids become rows: the same message offered again is not new; another is.
    const at = new Date('2026-11-20T02:00:00Z');
    expect(await target.coordination.firstSeen('seen-telegram-42', '1001', at, 86_400_000)).toBe(false);
    expect(await target.coordination.firstSeen('seen-telegram-42', '1004', at, 86_400_000)).toBe(false);
    expect(await target.coordination.firstSeen('seen-telegram-42', '1003', at, 86_400_000)).toBe(true);
    // New tickets continue each ledger after the copied numbers.
    expect((await target.createTicket(newTicket('repair'))).number).toBe('R0006');
    expect((await target.createTicket(newTicket('excessive'))).number).toBe('C0002');
  });

  it('is idempotent, appends events added since, and refuses a ticket changed in both places without writing anything', async () => {
    const from = join(dir, 'data');
    await fillLowdb(from);
    expect((await migrate(['--from', from], url)).code).toBe(0);
    const again = await migrate(['--from', from], url);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 copied, 0 with new events appended, 7 already there');
    const target = await pg();
    const events = async () => Number((await target.pool.query<{ n: string }>('SELECT count(*) AS n FROM ticket_events')).rows[0]!.n);
    const before = await events();

    // The old directory was used a little longer: R0002 got accepted there.
    let source = await lowdb(from);
    await source.appendEvent('R0002', accept());
    await source.close();
    const more = await migrate(['--from', from], url);
    expect(more.out).toContain('0 copied, 1 with new events appended, 6 already there');
    expect(await events()).toBe(before + 1);
    expect((await target.getTicket('R0002'))?.status).toBe('accepted');

    // R0004 changed differently in each store: a conflict, and the copy of R0003's new event is not written either.
    await target.appendEvent('R0004', nudge());
    source = await lowdb(from);
    await source.appendEvent('R0004', accept());
    await source.appendEvent('R0003', nudge());
    await source.close();
    await expect(migrate(['--from', from], url)).rejects.toThrow(/1 ticket\(s\) already in the database have a different history from the copy: R0004/);
    expect((await target.getTicket('R0003'))?.history).toHaveLength(4); // created, confirmed, accepted, nudged: not the 5th
    expect(await events()).toBe(before + 2);
  });

  it('the check fails when a ticket replayed from its events is not what the source says', async () => {
    const from = join(dir, 'data');
    await fillLowdb(from);
    // A source ticket whose stored fields disagree with its own history (a hand edit, a bug): R0003 says closed.
    const file = join(from, 'tickets', 'R-0000.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as { tickets: Array<{ number: string; status: string }> };
    doc.tickets.find((t) => t.number === 'R0003')!.status = 'closed';
    await writeFile(file, JSON.stringify(doc));
    await expect(migrate(['--from', from], url)).rejects.toThrow(/R0003 replayed from its events differs from the source/);
  });

  it('refuses a data directory a running bot holds, and a directory that is not one', async () => {
    const from = join(dir, 'data');
    await fillLowdb(from);
    const running = await lowdb(from);
    await expect(migrate(['--from', from], url)).rejects.toBeInstanceOf(StoreLockedError);
    await running.close();
    await expect(migrate(['--from', join(dir, 'nothing')], url)).rejects.toThrow(/is not a Huiyin data directory/);
    expect((await migrate(['--from', from, '--to', dir], url)).code).toBe(2);
    expect((await migrate(['--from', from], '')).code).toBe(2);
  });

  it('copies the database back out to a new lowdb directory, whole or one estate, and checks it', async () => {
    const from = join(dir, 'data');
    await fillLowdb(from);
    expect((await migrate(['--from', from], url, { HUIYIN_INSTANCE: 'estate-a' })).code).toBe(0);
    const target = await pg();
    await target.appendEvent('R0004', accept()); // a change made while on the database comes back out too

    const whole = join(dir, 'out');
    const out = await migrate(['--to', whole, '--instance', 'estate-a'], url);
    expect(out.code).toBe(0);
    expect(out.out).toContain('checked: all 7 tickets are in');
    const back = await lowdb(whole);
    expect(await back.listTickets()).toEqual(await target.listTickets());
    expect((await back.getTicket('R0004'))?.status).toBe('accepted');
    expect(await back.listRecords('sessions')).toEqual(await target.listRecords('sessions'));
    expect((await back.listRecords('outbox-telegram')).map(([k]) => k)).toEqual(['m-1']);
    expect(Object.keys((await back.getRecord<Record<string, number>>('seen-telegram-42', 'ids'))!).sort()).toEqual(['1001', '1002', '1004']);
    // …and the bot reads them there: ids from both kinds of record are not new.
    const seenBack = new SeenMessages(back, 'telegram-42');
    const soon = new Date('2026-11-20T03:00:00Z');
    expect([await seenBack.firstTime('1001', soon), await seenBack.firstTime('1004', soon), await seenBack.firstTime('1005', soon)]).toEqual([false, false, true]);
    expect((await back.createTicket(newTicket('repair'))).number).toBe('R0006');
    await back.close();
    open.splice(open.indexOf(back), 1);

    // Into a directory that already holds data: refused, nothing touched.
    await expect(migrate(['--to', whole], url)).rejects.toThrow(/already holds Huiyin data/);

    // One estate leaving: its tickets, their reminder marks and their owners' profiles only.
    const lakeside = join(dir, 'lakeside');
    const one = await migrate(['--to', lakeside, '--estate', 'lakeside'], url);
    expect(one.code).toBe(0);
    expect(one.out).toContain('tickets: 1 (R 0, C 1, S 0) of estate lakeside');
    expect(one.out).toMatch(/not copied: .*sessions \(1\)/);
    const small = await lowdb(lakeside);
    expect((await small.listTickets()).map((t) => t.number)).toEqual(['C0001']);
    expect(await small.listRecords('owners')).toEqual([['telegram:77', { displayName: '刘先生' }]]);
    expect(await small.listRecords('sessions')).toEqual([]);
  });
});
