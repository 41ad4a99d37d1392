/**
 * `huiyin migrate`: a lowdb data directory into PostgreSQL (a company outgrowing one process), and back out to a new
 * lowdb directory (a small estate leaving the group). Both check what they wrote before saying so: the ticket count
 * of each ledger, every ticket rebuilt from its events equal to the source, every record equal. Copying in is
 * idempotent (bulk.ts): run it again and what is already there is left as it is.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { replayTicket, type TransitionRules } from '../domain/state-machine.ts';
import type { Ticket } from '../domain/ticket.ts';
import { prefixOf } from '../domain/ticket-number.ts';
import { openLowdbStore } from './lowdb-store.ts';
import { exportSeen, importSeen, importTickets, plain, replayFromEvents } from './pg/bulk.ts';
import { openPgStore, type PgStore } from './pg/pg-store.ts';
import { seedTicketFiles } from './seed.ts';
import type { Store } from './store.ts';

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

interface Common {
  url: string;
  transitionRules?: TransitionRules;
  log: (line: string) => void;
}

/** What a migration did and checked, as lines for people. */
export interface MigrationSummary {
  tickets: number;
  records: number;
  lines: string[];
}

const SEEN = /^seen-/;
const LOWDB_OUTBOX = /^outbox-[^@]+$/;
const PG_OUTBOX = /^outbox-([^@]+)@(.+)$/;

async function isDataDir(dir: string): Promise<boolean> {
  return existsSync(join(dir, 'tickets')) || existsSync(join(dir, 'records'));
}

async function holdsData(dir: string): Promise<boolean> {
  for (const sub of ['tickets', 'records']) {
    if (!existsSync(join(dir, sub))) continue;
    if ((await readdir(join(dir, sub))).some((f) => f.endsWith('.json'))) return true;
  }
  return false;
}

function ledgerCounts(tickets: readonly Ticket[]): string {
  const n = { R: 0, C: 0, S: 0 };
  for (const t of tickets) n[prefixOf(t.number)] += 1;
  return `R ${n.R}, C ${n.C}, S ${n.S}`;
}

/**
 * The ids of a `seen-` namespace, from every record of it: one per hour (`h<hour index>`) and the legacy whole map
 * (`ids`) alike (src/inbound/seen-messages.ts); an id in several keeps its latest time.
 */
function mergeSeen(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, number> {
  const ids = Object.create(null) as Record<string, number>; // an id may be any string, `__proto__` too
  for (const [, value] of entries) {
    if (!value || typeof value !== 'object') continue;
    for (const [id, at] of Object.entries(value)) if (typeof at === 'number' && Number.isFinite(at) && at > (ids[id] ?? -Infinity)) ids[id] = at;
  }
  return ids;
}

/** Problems found when reading back; throws them (the first 10) if there are any. */
function verdict(problems: string[], what: string): void {
  if (problems.length === 0) return;
  throw new MigrationError(`the check after ${what} found ${problems.length} problem(s):\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? '\n  …' : ''}`);
}

/** Copies the lowdb data directory `from` into the database; `instance` names the process whose outbox it was. */
export async function copyIntoDatabase(args: Common & { from: string; instance: string }): Promise<MigrationSummary> {
  if (!(await isDataDir(args.from))) throw new MigrationError(`${args.from} is not a Huiyin data directory (no tickets/ or records/ in it)`);
  const source = await openLowdbStore({ dataDir: args.from, log: args.log, backups: 0, ...(args.transitionRules && { transitionRules: args.transitionRules }) });
  let target: PgStore | undefined;
  try {
    target = await openPgStore({ url: args.url, log: args.log, instance: 'migrate', ...(args.transitionRules && { transitionRules: args.transitionRules }) });
    const tickets = await source.listTickets();
    const done = await importTickets(target, tickets);
    const lines = [`tickets: ${tickets.length} (${ledgerCounts(tickets)}): ${done.inserted} copied, ${done.extended} with new events appended, ${done.unchanged} already there`];

    const rename = (ns: string) => (LOWDB_OUTBOX.test(ns) ? `${ns}@${args.instance}` : ns);
    let records = 0;
    let seen = 0;
    const expected: Array<[string, string, unknown]> = [];
    for (const ns of await source.listNamespaces()) {
      const entries = await source.listRecords<unknown>(ns);
      if (SEEN.test(ns)) {
        seen += await importSeen(target, ns, mergeSeen(entries));
        continue;
      }
      await target.putRecords(rename(ns), entries);
      records += entries.length;
      for (const [key, value] of entries) expected.push([rename(ns), key, value]);
      if (rename(ns) !== ns) lines.push(`outbox: ${entries.length} unsent message(s) of ${ns} now in ${rename(ns)}: start that process with HUIYIN_INSTANCE=${args.instance} (or the same HUIYIN_DATA) to send them`);
    }
    lines.push(`records: ${records} in ${new Set(expected.map(([ns]) => ns)).size} namespace(s); message ids already handled: ${seen} new`);

    // The check: every ticket rebuilt from its event rows equals the source, so does the stored document.
    const problems: string[] = [];
    const replayed = await replayFromEvents(target, tickets.map((t) => t.number), args.transitionRules);
    for (const ticket of tickets) {
      const again = replayed.get(ticket.number);
      if (!again) problems.push(`${ticket.number} is missing`);
      else if (again instanceof Error) problems.push(`${ticket.number} cannot be replayed from its events: ${again.message}`);
      else if (!isDeepStrictEqual(plain(again), plain(ticket))) problems.push(`${ticket.number} replayed from its events differs from the source`);
    }
    const stored = await target.listTickets();
    const byNumber = new Map(stored.map((t) => [t.number, t]));
    for (const ticket of tickets) if (byNumber.has(ticket.number) && !isDeepStrictEqual(plain(byNumber.get(ticket.number)), plain(ticket))) problems.push(`${ticket.number} as stored differs from the source`);
    for (const [ns, key, value] of expected) if (!isDeepStrictEqual(plain(await target.getRecord(ns, key)), plain(value))) problems.push(`record ${ns}/${key} differs`);
    verdict(problems, 'copying');
    lines.push(
      `checked: all ${tickets.length} tickets are in the database and each, rebuilt from its events, equals the source; ${expected.length} records equal` +
        (stored.length > tickets.length ? ` (the database holds ${stored.length - tickets.length} other ticket(s) too)` : ''),
    );
    return { tickets: tickets.length, records, lines };
  } finally {
    await target?.close();
    await source.close();
  }
}

/**
 * Copies the database (or one estate's tickets) into a new lowdb data directory `to`. `instance` picks whose unsent
 * messages come along (outbox-<platform>@<instance> becomes outbox-<platform>).
 */
export async function copyOutOfDatabase(args: Common & { to: string; estate?: string; instance?: string }): Promise<MigrationSummary> {
  if (await holdsData(args.to)) throw new MigrationError(`${args.to} already holds Huiyin data: copy out into a new, empty directory`);
  const source = await openPgStore({ url: args.url, log: args.log, instance: 'migrate', ...(args.transitionRules && { transitionRules: args.transitionRules }) });
  let target: Store | undefined;
  try {
    const tickets = await source.listTickets(args.estate !== undefined ? { estate: args.estate } : {});
    if (args.estate !== undefined && tickets.length === 0) throw new MigrationError(`the database has no tickets of estate "${args.estate}"`);
    await seedTicketFiles(args.to, tickets, { durable: true });
    const numbers = new Set<string>(tickets.map((t) => t.number));
    const owners = new Set<string>(tickets.map((t) => `${t.owner.platform}:${t.owner.id}`));
    const lines = [`tickets: ${tickets.length} (${ledgerCounts(tickets)})${args.estate !== undefined ? ` of estate ${args.estate}` : ''}`];

    target = await openLowdbStore({ dataDir: args.to, log: args.log, backups: 0, ...(args.transitionRules && { transitionRules: args.transitionRules }) });
    const expected: Array<[string, string, unknown]> = [];
    const skipped: string[] = [];
    for (const ns of await source.listNamespaces()) {
      let entries = await source.listRecords<unknown>(ns);
      let name = ns;
      const outbox = PG_OUTBOX.exec(ns);
      if (outbox) {
        if (outbox[2] !== args.instance) {
          skipped.push(`${ns} (${entries.length}; pass --instance ${outbox[2]} to take them)`);
          continue;
        }
        name = `outbox-${outbox[1]}`;
      }
      // One estate leaving: its tickets' reminder marks and the profiles of the owners who reported them go along;
      // other records (sessions, offers, outboxes) are not kept per estate and stay behind.
      if (args.estate !== undefined) {
        if (ns.startsWith('reminders-')) entries = entries.filter(([key]) => numbers.has(key));
        else if (ns === 'owners') entries = entries.filter(([key]) => owners.has(key));
        else {
          skipped.push(`${ns} (${entries.length})`);
          continue;
        }
        if (entries.length === 0) continue;
      }
      await target.putRecords(name, entries);
      for (const [key, value] of entries) expected.push([name, key, value]);
    }
    if (args.estate === undefined) {
      // One legacy `ids` record per scope: SeenMessages reads it as one more bucket of ids.
      for (const [scope, ids] of await exportSeen(source)) {
        await target.putRecord(scope, 'ids', ids);
        expected.push([scope, 'ids', ids]);
      }
    }
    lines.push(`records: ${expected.length} in ${new Set(expected.map(([ns]) => ns)).size} namespace(s)`);
    if (skipped.length > 0) lines.push(`not copied: ${skipped.join(', ')}`);
    await target.close();

    // The check, on the directory as the next start will read it.
    target = await openLowdbStore({ dataDir: args.to, log: args.log, backups: 0, ...(args.transitionRules && { transitionRules: args.transitionRules }) });
    const problems: string[] = [];
    const copied = await target.listTickets();
    if (copied.length !== tickets.length) problems.push(`${copied.length} tickets in ${args.to}, ${tickets.length} in the database`);
    const byNumber = new Map(copied.map((t) => [t.number, t]));
    for (const ticket of tickets) {
      const there = byNumber.get(ticket.number);
      if (!there) {
        problems.push(`${ticket.number} is missing`);
        continue;
      }
      try {
        const again = replayTicket({ number: there.number, estate: there.estate, owner: there.owner, history: there.history }, args.transitionRules);
        if (!isDeepStrictEqual(plain(again), plain(ticket))) problems.push(`${ticket.number} replayed from its events differs from the database`);
      } catch (error) {
        problems.push(`${ticket.number} cannot be replayed from its events: ${(error as Error).message}`);
      }
    }
    for (const [ns, key, value] of expected) if (!isDeepStrictEqual(plain(await target.getRecord(ns, key)), plain(value))) problems.push(`record ${ns}/${key} differs`);
    verdict(problems, 'copying out');
    lines.push(`checked: all ${tickets.length} tickets are in ${args.to} and each, rebuilt from its events, equals the database; ${expected.length} records equal`);
    return { tickets: tickets.length, records: expected.length, lines };
  } finally {
    await target?.close();
    await source.close();
  }
}
