/**
 * How bot processes sharing one database stay out of each other's way:
 *
 *   once         a cron job's run for one slot: a transaction-scoped advisory lock on (job, slot) while it runs, and a
 *                `job_runs` row committed with it, so a process whose timer fires later finds the slot done
 *   claimOutbox  the `accounts` row of an outbox, locked FOR UPDATE SKIP LOCKED in a transaction held open on a
 *                connection of its own for as long as this process sends for that account. If the process dies,
 *                the server ends its session and the lock goes with it; the restart (or a standby) claims it then
 *   firstSeen    an INSERT … ON CONFLICT DO NOTHING per message id, so two processes never both handle one message
 */
import { hostname } from 'node:os';
import pg from 'pg';
import type { Coordination, OutboxClaim } from '../coordination.ts';

/** How long job_runs rows are kept: far longer than any clock skew between processes. */
const JOB_RUNS_KEEP = '7 days';
const SEEN_PRUNE_EVERY_MS = 60_000;

export class PgCoordination implements Coordination {
  readonly holder: string;
  private readonly claims = new Set<pg.Client>();
  private readonly lastPrune = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly connection: pg.ClientConfig,
    readonly instance: string,
    private readonly log: (msg: string) => void,
  ) {
    this.holder = `${instance} (pid ${process.pid} on ${hostname()})`;
  }

  async once<T>(job: string, slot: string, run: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock(hashtext($1), hashtext($2)) AS got', [job, slot]);
      const done = rows[0]!.got && (await client.query('SELECT 1 FROM job_runs WHERE job = $1 AND slot = $2', [job, slot])).rowCount === 0;
      if (!done) {
        await client.query('ROLLBACK');
        return { ran: false };
      }
      // The lock is held while the job runs (on this connection; the job's own writes use others).
      const value = await run();
      await client.query('INSERT INTO job_runs (job, slot, holder) VALUES ($1, $2, $3)', [job, slot, this.holder]);
      await client.query(`DELETE FROM job_runs WHERE job = $1 AND finished_at < now() - interval '${JOB_RUNS_KEEP}'`, [job]);
      await client.query('COMMIT');
      return { ran: true, value };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Each instance has its own outbox per platform: its messages go out through its own account. */
  outboxNamespace(name: string): string {
    return `outbox-${name}@${this.instance}`;
  }

  async claimOutbox(name: string): Promise<OutboxClaim | undefined> {
    const account = `${name}@${this.instance}`;
    const client = new pg.Client({ ...this.connection, application_name: `huiyin outbox ${account}` });
    let lost = false;
    client.on('error', (error) => {
      lost = true;
      this.log(`outbox ${account}: the connection holding its claim failed (${error.message}); sending stops until it is claimed again`);
    });
    await client.connect();
    try {
      // Created outside the claiming transaction: an uncommitted insert would make other claimers wait on it.
      await client.query('INSERT INTO accounts (account) VALUES ($1) ON CONFLICT DO NOTHING', [account]);
      await client.query('BEGIN');
      const { rowCount } = await client.query('SELECT account FROM accounts WHERE account = $1 FOR UPDATE SKIP LOCKED', [account]);
      if (rowCount === 0) {
        await client.end();
        return undefined;
      }
      // No UPDATE of the row here: an uncommitted new row version would make other claimers' INSERT … ON CONFLICT
      // wait for this transaction (for the life of the process) instead of finding the row locked and moving on.
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.claims.add(client);
    let released = false;
    return {
      namespace: this.outboxNamespace(name),
      held: () => !lost && !released,
      release: async () => {
        if (released) return;
        released = true;
        this.claims.delete(client);
        await client.query('ROLLBACK').catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  }

  async firstSeen(scope: string, id: string, at: Date, keepMs: number): Promise<boolean> {
    const now = Date.now();
    if (now - (this.lastPrune.get(scope) ?? 0) > SEEN_PRUNE_EVERY_MS) {
      this.lastPrune.set(scope, now);
      await this.pool.query('DELETE FROM seen_messages WHERE scope = $1 AND at < $2', [scope, new Date(at.getTime() - keepMs).toISOString()]);
    }
    const { rowCount } = await this.pool.query('INSERT INTO seen_messages (scope, id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      scope,
      id,
      at.toISOString(),
    ]);
    return rowCount === 1;
  }

  /** Releases every outbox claim (at close; a killed process releases them by losing its connections). */
  async close(): Promise<void> {
    for (const client of [...this.claims]) {
      this.claims.delete(client);
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
