/**
 * The Store on PostgreSQL, for a company that outgrows one process: several bot processes (one per platform account)
 * share one database. Every change is one transaction, committed before the promise resolves (synchronous_commit
 * is left on, so "recorded" means durable):
 *
 *   createTicket   takes the ledger's next number from `ledger_counters` (row-locked until commit: no duplicate,
 *                  and no skipped number, since a refused ticket rolls its number back), inserts ticket and events
 *   appendEvent(s) locks the ticket row (SELECT … FOR UPDATE), folds the events through the state machine and writes
 *                  the ticket and its new `ticket_events` rows; two staff accepting at once: the second sees the first
 *   records        one row per (namespace, key); sessions, owner profiles and outboxes are shared by every process
 *
 * The coordination of processes (jobs once per slot, outbox claims, seen ids) is in `pg-coordination.ts`.
 */
import pg from 'pg';
import { TicketEventSchema, type TicketEvent } from '../../domain/events.ts';
import { OwnerSchema } from '../../domain/people.ts';
import { applyEvent, createTicket, type TransitionRules } from '../../domain/state-machine.ts';
import { type Ticket, TicketSchema } from '../../domain/ticket.ts';
import { formatTicketNumber, prefixFor, type TicketNumber, TicketNumberSchema } from '../../domain/ticket-number.ts';
import type { Coordination } from '../coordination.ts';
import { freezeTicket } from '../partitions.ts';
import { type NewTicket, type RecordChange, type Store, StoreUnavailableError, type TicketQuery, UnknownTicketError } from '../store.ts';
import { migrate } from './migrations.ts';
import { PgCoordination } from './pg-coordination.ts';

export interface PgStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  transitionRules?: TransitionRules;
  log?: (msg: string) => void;
  /** This process's name among those sharing the database: its outboxes are `outbox-<platform>@<instance>`. */
  instance?: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Keep Huiyin's tables in this schema (created if missing) instead of `public`: the demo uses a throwaway one. */
  schema?: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connection settings for a URL and an optional schema (put first on the search path of every connection). */
export function connectionConfig(url: string, schema?: string): pg.ClientConfig {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new TypeError(`not a schema name this store uses: ${schema}`);
  return { connectionString: url, ...(schema !== undefined && { options: `-c search_path=${schema}` }) };
}

/** Removes a schema and everything in it (the demo's throwaway schema). */
export async function dropSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`not a schema name this store uses: ${schema}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

type Queryable = Pick<pg.PoolClient, 'query'>;

export async function openPgStore(options: PgStoreOptions): Promise<PgStore> {
  const store = new PgStore(options);
  await store.open();
  return store;
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(an unparsable database URL)';
  }
}

export class PgStore implements Store {
  readonly pool: pg.Pool;
  readonly coordination: Coordination & PgCoordination;
  private readonly rules: TransitionRules | undefined;
  private readonly log: (msg: string) => void;
  private closed = false;

  constructor(private readonly options: PgStoreOptions) {
    this.rules = options.transitionRules;
    this.log = options.log ?? ((msg) => console.error(msg));
    this.pool = new pg.Pool({ ...connectionConfig(options.url, options.schema), max: options.poolSize ?? 10, application_name: 'huiyin' });
    // An idle client that loses its connection emits here; without a listener that would end the process.
    this.pool.on('error', (error) => this.log(`store: database connection lost (${error.message}); it will be reopened`));
    this.coordination = new PgCoordination(this.pool, connectionConfig(options.url, options.schema), options.instance ?? 'default', this.log);
  }

  async open(): Promise<void> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      await this.pool.end().catch(() => undefined);
      this.closed = true;
      throw new StoreUnavailableError(
        `cannot connect to the database ${describeUrl(this.options.url)}: ${(error as Error).message}. ` +
          'Check HUIYIN_DATABASE_URL (or store.url in the config) and that the server is running.',
      );
    }
    try {
      if (this.options.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.options.schema}`);
      await migrate(client, this.log);
    } catch (error) {
      client.release();
      await this.pool.end().catch(() => undefined);
      this.closed = true;
      throw error;
    }
    client.release();
  }

  // ---- tickets ----

  async createTicket(input: NewTicket): Promise<Ticket> {
    this.assertOpen();
    const created = TicketEventSchema.parse(input.created);
    if (created.type !== 'created') throw new TypeError(`createTicket needs a created event, got ${created.type}`);
    const owner = OwnerSchema.parse(input.owner);
    const then = (input.then ?? []).map((e) => TicketEventSchema.parse(e));
    const ledger = prefixFor(created.category);
    const build = (number: TicketNumber) => {
      let draft = createTicket({ number, estate: input.estate, owner, created });
      for (const event of then) draft = applyEvent(draft, event, this.rules);
      return freezeTicket(TicketSchema.parse(draft));
    };
    // Refused moves are found before a number is taken, so the transaction below fails only for database reasons.
    build(formatTicketNumber(ledger, 1));
    return this.transaction(async (db) => {
      const { rows } = await db.query<{ last: number }>('UPDATE ledger_counters SET last = last + 1 WHERE ledger = $1 RETURNING last', [ledger]);
      const ticket = build(formatTicketNumber(ledger, rows[0]!.last));
      await db.query(
        `INSERT INTO tickets (number, ledger, seq, estate, status, unit, owner_key, created_at, events, doc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [ticket.number, ledger, rows[0]!.last, ticket.estate, ticket.status, ticket.unit, ownerKey(ticket), ticket.createdAt, ticket.history.length, JSON.stringify(ticket)],
      );
      await insertEvents(db, ticket.number, 0, ticket.history);
      for (const change of input.records?.(ticket) ?? []) {
        if ('deleted' in change) await deleteRecordIn(db, change.namespace, change.key);
        else await upsertRecords(db, change.namespace, [[change.key, change.value]]);
      }
      return ticket;
    });
  }

  async getTicket(number: TicketNumber): Promise<Ticket | undefined> {
    this.assertOpen();
    if (!TicketNumberSchema.safeParse(number).success) return undefined;
    const { rows } = await this.pool.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE number = $1', [number]);
    return rows[0] ? freezeTicket(rows[0].doc) : undefined;
  }

  appendEvent(number: TicketNumber, event: TicketEvent): Promise<Ticket> {
    return this.appendEvents(number, [event]);
  }

  async appendEvents(number: TicketNumber, events: readonly TicketEvent[]): Promise<Ticket> {
    this.assertOpen();
    const parsed = events.map((e) => TicketEventSchema.parse(e));
    if (!TicketNumberSchema.safeParse(number).success) throw new UnknownTicketError(number);
    return this.transaction(async (db) => {
      const { rows } = await db.query<{ doc: Ticket }>('SELECT doc FROM tickets WHERE number = $1 FOR UPDATE', [number]);
      const current = rows[0]?.doc;
      if (!current) throw new UnknownTicketError(number);
      if (parsed.length === 0) return freezeTicket(current);
      let draft = current;
      for (const event of parsed) draft = applyEvent(draft, event, this.rules);
      const next = freezeTicket(TicketSchema.parse(draft));
      await updateTickets(db, [next]);
      await insertEvents(db, number, current.history.length, parsed);
      return next;
    });
  }

  async appendEventsMany(batch: ReadonlyArray<{ number: TicketNumber; events: readonly TicketEvent[] }>) {
    this.assertOpen();
    const refused: Array<{ number: TicketNumber; error: Error }> = [];
    const valid: Array<{ number: TicketNumber; events: TicketEvent[] }> = [];
    for (const { number, events } of batch) {
      try {
        if (!TicketNumberSchema.safeParse(number).success) throw new UnknownTicketError(number);
        valid.push({ number, events: events.map((e) => TicketEventSchema.parse(e)) });
      } catch (error) {
        refused.push({ number, error: error as Error });
      }
    }
    if (valid.length === 0) return { tickets: [], refused: sortLike(batch, refused) };
    return this.transaction(async (db) => {
      const numbers = [...new Set(valid.map((v) => v.number))];
      // Locked in one order (by number), so two batches over the same tickets cannot deadlock.
      const { rows } = await db.query<{ number: string; doc: Ticket }>(
        'SELECT number, doc FROM tickets WHERE number = ANY($1::text[]) ORDER BY number FOR UPDATE',
        [numbers],
      );
      const stored = new Map(rows.map((r) => [r.number, r.doc]));
      const updated = new Map<TicketNumber, Ticket>();
      const appended = new Map<TicketNumber, TicketEvent[]>();
      for (const { number, events } of valid) {
        try {
          const current = updated.get(number) ?? stored.get(number);
          if (!current) throw new UnknownTicketError(number);
          let draft = current;
          for (const event of events) draft = applyEvent(draft, event, this.rules);
          updated.set(number, freezeTicket(TicketSchema.parse(draft)));
          appended.set(number, [...(appended.get(number) ?? []), ...events]);
        } catch (error) {
          refused.push({ number, error: error as Error });
        }
      }
      await updateTickets(db, [...updated.values()]);
      for (const [number, events] of appended) await insertEvents(db, number, stored.get(number)!.history.length, events);
      return { tickets: [...updated.values()], refused: sortLike(batch, refused) };
    });
  }

  async listTickets(query: TicketQuery = {}): Promise<Ticket[]> {
    this.assertOpen();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.estate !== undefined) add('estate = ?', query.estate);
    if (query.status !== undefined) add('status = ANY(?::text[])', [...query.status]);
    if (query.unit !== undefined) add('unit = ?', query.unit);
    if (query.owner !== undefined) add('owner_key = ?', `${query.owner.platform}:${query.owner.id}`);
    if (query.createdFrom !== undefined) add('created_at >= ?', new Date(Date.parse(query.createdFrom)).toISOString());
    if (query.createdTo !== undefined) add('created_at < ?', new Date(Date.parse(query.createdTo)).toISOString());
    const { rows } = await this.pool.query<{ doc: Ticket }>(
      `SELECT doc FROM tickets ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, ledger, seq`,
      params,
    );
    return rows.map((r) => freezeTicket(r.doc));
  }

  // ---- records ----

  async getRecord<T>(namespace: string, key: string): Promise<T | undefined> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ value: T }>('SELECT value FROM records WHERE namespace = $1 AND key = $2', [namespace, key]);
    return rows[0]?.value;
  }

  async putRecord(namespace: string, key: string, value: unknown): Promise<void> {
    await this.putRecords(namespace, [[key, value]]);
  }

  async putRecords(namespace: string, entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
    this.assertOpen();
    await upsertRecords(this.pool, namespace, entries);
  }

  async deleteRecord(namespace: string, key: string): Promise<void> {
    this.assertOpen();
    await deleteRecordIn(this.pool, namespace, key);
  }

  async listRecords<T>(namespace: string): Promise<Array<[string, T]>> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ key: string; value: T }>('SELECT key, value FROM records WHERE namespace = $1 ORDER BY ord', [namespace]);
    return rows.map((r) => [r.key, r.value]);
  }

  async listNamespaces(): Promise<string[]> {
    this.assertOpen();
    const { rows } = await this.pool.query<{ namespace: string }>('SELECT DISTINCT namespace FROM records');
    return rows.map((r) => r.namespace).sort();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.coordination.close();
    await this.pool.end();
  }

  // ---- internals ----

  private assertOpen(): void {
    if (this.closed) throw new Error(`the store on ${describeUrl(this.options.url)} is closed`);
  }

  /** Runs `work` in one transaction on one connection; rolls back and rethrows if it throws. */
  async transaction<T>(work: (db: Queryable) => Promise<T>): Promise<T> {
    this.assertOpen();
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not hand it out again
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

async function upsertRecords(db: Queryable, namespace: string, entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
  if (namespace.length === 0) throw new TypeError('a record namespace must not be empty');
  const keys: string[] = [];
  const values: string[] = [];
  for (const [key, value] of entries) {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`record ${namespace}/${key}: value is not JSON-serialisable`);
    // A key given twice: the last value wins, as in the lowdb store (ON CONFLICT cannot touch a row twice).
    const at = keys.indexOf(key);
    if (at >= 0) values[at] = json;
    else {
      keys.push(key);
      values.push(json);
    }
  }
  if (keys.length === 0) return;
  await db.query(
    `INSERT INTO records (namespace, key, value) SELECT $1, k, v FROM unnest($2::text[], $3::json[]) AS u(k, v)
     ON CONFLICT (namespace, key) DO UPDATE SET value = EXCLUDED.value`,
    [namespace, keys, values],
  );
}

async function deleteRecordIn(db: Queryable, namespace: string, key: string): Promise<void> {
  await db.query('DELETE FROM records WHERE namespace = $1 AND key = $2', [namespace, key]);
}

function ownerKey(ticket: Ticket): string {
  return `${ticket.owner.platform}:${ticket.owner.id}`;
}

async function updateTickets(db: Queryable, tickets: readonly Ticket[]): Promise<void> {
  if (tickets.length === 0) return;
  await db.query(
    `UPDATE tickets t SET status = u.status, unit = u.unit, events = u.events, doc = u.doc
     FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::json[]) AS u(number, status, unit, events, doc)
     WHERE t.number = u.number`,
    [tickets.map((t) => t.number), tickets.map((t) => t.status), tickets.map((t) => t.unit), tickets.map((t) => t.history.length), tickets.map((t) => JSON.stringify(t))],
  );
}

async function insertEvents(db: Queryable, number: string, from: number, events: readonly TicketEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db.query(
    `INSERT INTO ticket_events (number, idx, type, at, event)
     SELECT $1, u.idx, u.type, u.at, u.event FROM unnest($2::int[], $3::text[], $4::timestamptz[], $5::json[]) AS u(idx, type, at, event)`,
    [number, events.map((_, i) => from + i), events.map((e) => e.type), events.map((e) => e.at), events.map((e) => JSON.stringify(e))],
  );
}

/** Refusals in the order their tickets came in the batch. */
function sortLike<T extends { number: TicketNumber }>(batch: ReadonlyArray<{ number: TicketNumber }>, refused: T[]): T[] {
  const order = new Map<string, number>();
  batch.forEach((b, i) => order.has(b.number) || order.set(b.number, i));
  return [...refused].sort((a, b) => (order.get(a.number) ?? 0) - (order.get(b.number) ?? 0));
}
