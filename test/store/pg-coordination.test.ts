/**
 * Two stores on one PostgreSQL database (as two processes would have): a job runs once per slot, an outbox is
 * claimed by one holder at a time and passes on when released, a message id is first seen once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore, type PgStore } from '../../src/store/pg/pg-store.ts';
import { findPostgres, NO_POSTGRES, type PgServer, startPostgres } from '../helpers/postgres.ts';

const available = findPostgres() !== undefined;
if (!available) console.warn(NO_POSTGRES);
let server: PgServer;

describe.skipIf(!available)('coordination of stores sharing one database', () => {
  let a: PgStore;
  let b: PgStore;
  beforeAll(async () => {
    server = await startPostgres();
    const url = await server.createDatabase();
    a = await openPgStore({ url, instance: 'one', log: () => undefined });
    b = await openPgStore({ url, instance: 'one', log: () => undefined });
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.stop();
  });

  it('a job runs once per slot, even when both fire at once', async () => {
    let runs = 0;
    const job = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 50));
      return runs;
    };
    const both = await Promise.all([a.coordination.once('follow-up', '2026-11-27T01:05:00.000Z', job), b.coordination.once('follow-up', '2026-11-27T01:05:00.000Z', job)]);
    expect(both.filter((r) => r.ran)).toHaveLength(1);
    // later, in the other process: the slot is done
    expect((await b.coordination.once('follow-up', '2026-11-27T01:05:00.000Z', job)).ran).toBe(false);
    expect((await b.coordination.once('follow-up', '2026-11-27T01:10:00.000Z', job)).ran).toBe(true);
    expect(runs).toBe(2);
  });

  it('an outbox is held by one process; the other takes it when released', async () => {
    const first = await a.coordination.claimOutbox('telegram');
    expect(first?.namespace).toBe('outbox-telegram@one');
    expect(await b.coordination.claimOutbox('telegram')).toBeUndefined();
    await first!.release();
    const second = await b.coordination.claimOutbox('telegram');
    expect(second?.held()).toBe(true);
    await second!.release();
  });

  it('a message id is first seen once across processes', async () => {
    const at = new Date('2026-11-27T01:00:00Z');
    const seen = await Promise.all([a.coordination.firstSeen('seen-wechat', 'm1', at, 86_400_000), b.coordination.firstSeen('seen-wechat', 'm1', at, 86_400_000)]);
    expect(seen.filter(Boolean)).toHaveLength(1);
  });
});
