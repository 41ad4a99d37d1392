/**
 * Bulk copying for `huiyin migrate`: tickets go in with the numbers they already have (createTicket would give new
 * ones), in one transaction, and read back from the event rows for the check. Idempotent: a ticket already there
 * with the same history is left alone, one whose stored history is the start of the copied one gets the rest
 * appended, and one whose history differs is a conflict that stops the whole copy before anything is committed.
 */
import { isDeepStrictEqual } from 'node:util';
import type { TicketEvent } from '../../domain/events.ts';
import { replayTicket, type TransitionRules } from '../../domain/state-machine.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { prefixOf, sequenceOf, type TicketNumber } from '../../domain/ticket-number.ts';
import type { PgStore } from './pg-store.ts';

const BATCH = 1000;

export class MigrationConflictError extends Error {
  override readonly name = 'MigrationConflictError';
  constructor(readonly numbers: readonly string[]) {
    super(
      `${numbers.length} ticket(s) already in the database have a different history from the copy: ${numbers.slice(0, 10).join(', ')}` +
        `${numbers.length > 10 ? ', …' : ''}. Nothing was copied. Were they changed in both places (a bot still running on the old store)?`,
    );
  }
}

/** Plain JSON of a value, for comparing what was written with what is read back. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export interface TicketImport {
  inserted: number;
  extended: number;
  unchanged: number;
}

/** Writes `tickets` under their own numbers; raises the ledger counters past the highest number copied. */
export async function importTickets(store: PgStore, tickets: readonly Ticket[]): Promise<TicketImport> {
  const result: TicketImport = { inserted: 0, extended: 0, unchanged: 0 };
  await store.transaction(async (db) => {
    const conflicts: string[] = [];
    for (let i = 0; i < tickets.length; i += BATCH) {
      const batch = tickets.slice(i, i + BATCH);
      const { rows } = await db.query<{ number: string; doc: Ticket }>('SELECT number, doc FROM tickets WHERE number = ANY($1::text[]) FOR UPDATE', [
        batch.map((t) => t.number),
      ]);
      const stored = new Map(rows.map((r) => [r.number, r.doc]));
      const fresh: Ticket[] = [];
      const longer: Array<{ ticket: Ticket; from: number }> = [];
      for (const ticket of batch) {
        const there = stored.get(ticket.number);
        if (!there) fresh.push(ticket);
        else if (isDeepStrictEqual(plain(there), plain(ticket))) result.unchanged += 1;
        else if (there.history.length < ticket.history.length && isDeepStrictEqual(plain(there.history), plain(ticket.history.slice(0, there.history.length)))) {
          longer.push({ ticket, from: there.history.length });
        } else conflicts.push(ticket.number);
      }
      if (fresh.length > 0) {
        await db.query(
          `INSERT INTO tickets (number, ledger, seq, estate, status, unit, owner_key, created_at, events, doc)
           SELECT * FROM unnest($1::text[], $2::char(1)[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::int[], $10::json[])`,
          [
            fresh.map((t) => t.number),
            fresh.map((t) => prefixOf(t.number)),
            fresh.map((t) => sequenceOf(t.number)),
            fresh.map((t) => t.estate),
            fresh.map((t) => t.status),
            fresh.map((t) => t.unit),
            fresh.map((t) => `${t.owner.platform}:${t.owner.id}`),
            fresh.map((t) => t.createdAt),
            fresh.map((t) => t.history.length),
            fresh.map((t) => JSON.stringify(t)),
          ],
        );
        await insertEventRows(db, fresh.map((t) => ({ number: t.number, from: 0, events: t.history })));
        result.inserted += fresh.length;
      }
      if (longer.length > 0) {
        await db.query(
          `UPDATE tickets t SET status = u.status, unit = u.unit, events = u.events, doc = u.doc
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::json[]) AS u(number, status, unit, events, doc) WHERE t.number = u.number`,
          [
            longer.map((l) => l.ticket.number),
            longer.map((l) => l.ticket.status),
            longer.map((l) => l.ticket.unit),
            longer.map((l) => l.ticket.history.length),
            longer.map((l) => JSON.stringify(l.ticket)),
          ],
        );
        await insertEventRows(db, longer.map((l) => ({ number: l.ticket.number, from: l.from, events: l.ticket.history.slice(l.from) })));
        result.extended += longer.length;
      }
    }
    if (conflicts.length > 0) throw new MigrationConflictError(conflicts);
    // The next number of each ledger follows the highest one copied (the counter is already past every other).
    const top = { R: 0, C: 0, S: 0 };
    for (const t of tickets) top[prefixOf(t.number)] = Math.max(top[prefixOf(t.number)], sequenceOf(t.number));
    await db.query(`UPDATE ledger_counters c SET last = GREATEST(c.last, u.top) FROM unnest($1::text[], $2::int[]) AS u(ledger, top) WHERE c.ledger = u.ledger`, [
      Object.keys(top),
      Object.values(top),
    ]);
  });
  return result;
}

async function insertEventRows(db: Pick<PgStore['pool'], 'query'>, rows: ReadonlyArray<{ number: string; from: number; events: readonly TicketEvent[] }>): Promise<void> {
  const flat = rows.flatMap((r) => r.events.map((event, i) => ({ number: r.number, idx: r.from + i, event })));
  if (flat.length === 0) return;
  await db.query(
    `INSERT INTO ticket_events (number, idx, type, at, event)
     SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::json[])`,
    [flat.map((f) => f.number), flat.map((f) => f.idx), flat.map((f) => f.event.type), flat.map((f) => f.event.at), flat.map((f) => JSON.stringify(f.event))],
  );
}

/**
 * Each ticket as rebuilt from its `ticket_events` rows alone (not from the stored document), in number order;
 * a ticket whose events cannot be replayed comes back as its error.
 */
export async function replayFromEvents(store: PgStore, numbers: readonly TicketNumber[], rules?: TransitionRules): Promise<Map<string, Ticket | Error>> {
  const out = new Map<string, Ticket | Error>();
  for (let i = 0; i < numbers.length; i += BATCH) {
    const batch = numbers.slice(i, i + BATCH);
    const heads = await store.pool.query<{ number: string; estate: string; owner: Ticket['owner'] }>(
      `SELECT number, estate, doc->'owner' AS owner FROM tickets WHERE number = ANY($1::text[])`,
      [batch],
    );
    const events = await store.pool.query<{ number: string; event: TicketEvent }>(
      'SELECT number, event FROM ticket_events WHERE number = ANY($1::text[]) ORDER BY number, idx',
      [batch],
    );
    const history = new Map<string, TicketEvent[]>();
    for (const r of events.rows) history.set(r.number, [...(history.get(r.number) ?? []), r.event]);
    for (const head of heads.rows) {
      try {
        out.set(head.number, replayTicket({ number: head.number, estate: head.estate, owner: head.owner, history: history.get(head.number) ?? [] }, rules));
      } catch (error) {
        out.set(head.number, error as Error);
      }
    }
  }
  return out;
}

/** Message ids already handled (`seen-<account>` in the lowdb store, one row each here), kept as they were. */
export async function importSeen(store: PgStore, scope: string, ids: Record<string, number>): Promise<number> {
  const entries = Object.entries(ids).filter(([, at]) => Number.isFinite(at));
  if (entries.length === 0) return 0;
  const { rowCount } = await store.pool.query(
    `INSERT INTO seen_messages (scope, id, at) SELECT $1, u.id, u.at FROM unnest($2::text[], $3::timestamptz[]) AS u(id, at) ON CONFLICT DO NOTHING`,
    [scope, entries.map(([id]) => id), entries.map(([, at]) => new Date(at).toISOString())],
  );
  return rowCount ?? 0;
}

/** The seen message ids per scope, as the lowdb store keeps them (`{ id: epoch ms }`). */
export async function exportSeen(store: PgStore): Promise<Map<string, Record<string, number>>> {
  const { rows } = await store.pool.query<{ scope: string; id: string; at: Date }>('SELECT scope, id, at FROM seen_messages ORDER BY scope, at');
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const ids = out.get(r.scope) ?? {};
    ids[r.id] = r.at.getTime();
    out.set(r.scope, ids);
  }
  return out;
}
