/**
 * A throwaway PostgreSQL server to try Huiyin against by hand: prints the URL of a new database, runs until
 * SIGTERM/SIGINT, then removes the cluster.  node bin/run-ts.js test/helpers/pg-serve.ts [DBNAME]
 */
import { startPostgres } from './postgres.ts';

const server = await startPostgres();
const url = await server.createDatabase(process.argv[2] ?? 'huiyin');
process.stdout.write(`${url}\n`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
setInterval(() => undefined, 1 << 30);
