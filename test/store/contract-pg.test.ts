/**
 * The Store contract (contract.ts) on PostgreSQL: a real server (Debian's postgresql, a throwaway cluster started
 * here on 127.0.0.1), a fresh database per test.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { openPgStore } from '../../src/store/pg/pg-store.ts';
import { findPostgres, NO_POSTGRES, type PgServer, startPostgres } from '../helpers/postgres.ts';
import { storeContract } from './contract.ts';

const available = findPostgres() !== undefined;
if (!available) console.warn(NO_POSTGRES);

let server: PgServer;
let url = '';

describe.skipIf(!available)('Store contract: PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  storeContract({
    fresh: async () => {
      url = await server.createDatabase();
    },
    open: () => openPgStore({ url, log: () => undefined }),
    cleanup: async () => undefined,
  });
});
