/**
 * The PostgreSQL schema, as numbered migrations applied in order at start-up. Each runs in its own transaction and
 * is recorded in `huiyin_migrations`; starting processes take an advisory lock first, so two processes starting at
 * once do not both apply one. A database whose schema is newer than this code stops start-up (like a lowdb file of a
 * newer schemaVersion): guessing at its shape could lose data. Never edit a shipped migration; add the next one.
 */
import type { PoolClient } from 'pg';
import { StoreVersionError } from '../store.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets, events, records, counters, jobs, accounts, seen messages',
    sql: `
      -- The ticket as the domain folds it (doc, history included), with the columns listTickets filters on.
      CREATE TABLE tickets (
        number     text PRIMARY KEY,
        ledger     char(1) NOT NULL CHECK (ledger IN ('R', 'C', 'S')),
        seq        integer NOT NULL CHECK (seq > 0),
        estate     text NOT NULL,
        status     text NOT NULL,
        unit       text NOT NULL,
        owner_key  text NOT NULL,
        created_at timestamptz NOT NULL,
        events     integer NOT NULL,
        doc        json NOT NULL,
        UNIQUE (ledger, seq)
      );
      CREATE INDEX tickets_created ON tickets (created_at, ledger, seq);
      CREATE INDEX tickets_working ON tickets (status, created_at) WHERE status <> 'closed';
      CREATE INDEX tickets_owner ON tickets (owner_key, created_at);
      CREATE INDEX tickets_estate ON tickets (estate, created_at);

      -- Append-only: one row per event, written in the transaction that changes the ticket. The primary key
      -- makes a lost update impossible even if a caller skipped the row lock: two writers of event n collide.
      CREATE TABLE ticket_events (
        number text NOT NULL REFERENCES tickets (number),
        idx    integer NOT NULL,
        type   text NOT NULL,
        at     timestamptz NOT NULL,
        event  json NOT NULL,
        PRIMARY KEY (number, idx)
      );

      -- The last number given out per ledger. A row updated inside the creating transaction, not a SEQUENCE:
      -- nextval survives a rollback, and a ledger kept on paper (policy 6) must have no skipped numbers.
      CREATE TABLE ledger_counters (
        ledger char(1) PRIMARY KEY CHECK (ledger IN ('R', 'C', 'S')),
        last   integer NOT NULL CHECK (last >= 0)
      );
      INSERT INTO ledger_counters (ledger, last) VALUES ('R', 0), ('C', 0), ('S', 0);

      CREATE TABLE records (
        namespace text NOT NULL,
        key       text NOT NULL,
        ord       bigint GENERATED ALWAYS AS IDENTITY,
        value     json NOT NULL,
        PRIMARY KEY (namespace, key)
      );

      -- Slots of cron jobs already run by some process: a job runs once per slot across all processes.
      CREATE TABLE job_runs (
        job         text NOT NULL,
        slot        text NOT NULL,
        holder      text NOT NULL,
        finished_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, slot)
      );

      -- One row per platform account's outbox; the process sending for it holds the row locked (FOR UPDATE).
      CREATE TABLE accounts (
        account text PRIMARY KEY,
        holder  text,
        since   timestamptz
      );

      -- Message ids already handled, per platform account, shared by every process.
      CREATE TABLE seen_messages (
        scope text NOT NULL,
        id    text NOT NULL,
        at    timestamptz NOT NULL,
        PRIMARY KEY (scope, id)
      );
      CREATE INDEX seen_messages_at ON seen_messages (scope, at);
    `,
  },
];

/** Any 64-bit number unlikely to collide with another application's advisory lock on the same database. */
const MIGRATION_LOCK = 0x48_75_69_79_69_6e; // "Huiyin"

/** Brings the schema up to date; returns the versions applied now. */
export async function migrate(client: PoolClient, log: (msg: string) => void, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS huiyin_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM huiyin_migrations ORDER BY version');
    const done = new Set(rows.map((r) => r.version));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new StoreVersionError(
        'huiyin_migrations',
        `the database has schema version ${newest}, but this Huiyin knows only up to version ${known}: it was migrated by a ` +
          'newer Huiyin. Run that newer version (or restore a backup made before the upgrade); the database has not been changed.',
      );
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO huiyin_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`database migration ${m.version} (${m.name}) failed: ${(error as Error).message}`);
      }
      log(`store: applied database migration ${m.version} (${m.name})`);
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
