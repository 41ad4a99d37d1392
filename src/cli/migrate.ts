/**
 * `huiyin migrate --from DATA_DIR`: a lowdb data directory into the PostgreSQL database (HUIYIN_DATABASE_URL or
 * store.url); `huiyin migrate --to DATA_DIR [--estate ID] [--instance NAME]`: the database back out to a new lowdb
 * directory. Both print what they copied and what they checked; exit 1 if the check fails, 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { copyIntoDatabase, copyOutOfDatabase } from '../store/migrate-data.ts';
import { databaseUrl, instanceOf } from '../store/open-store.ts';
import { type CommandIo, flagValue } from './report.ts';
import { projectPath } from '../paths.ts';

const SAMPLE = projectPath('config/sample.yaml');

export const MIGRATE_USAGE = `Usage: huiyin migrate --from DATA_DIR [--config FILE]
         copy a lowdb data directory into PostgreSQL (HUIYIN_DATABASE_URL or store.url); safe to run again
       huiyin migrate --to DATA_DIR [--estate ID] [--instance NAME] [--config FILE]
         copy PostgreSQL (or one estate's tickets) out into a new lowdb data directory`;

export async function runMigrateCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = argv[0] === 'migrate' ? argv.slice(1) : argv;
  const env = io.env ?? process.env;
  const from = flagValue(args, '--from');
  const to = flagValue(args, '--to');
  if ((from === undefined) === (to === undefined)) {
    io.stderr.write(`huiyin migrate: give either --from DATA_DIR or --to DATA_DIR\n${MIGRATE_USAGE}\n`);
    return 2;
  }
  const { config } = await loadConfig({ flag: flagValue(args, '--config'), env, fallback: existsSync('huiyin.yaml') ? 'huiyin.yaml' : SAMPLE });
  const url = databaseUrl(config, env);
  if (!url) {
    io.stderr.write('huiyin migrate: no database: set HUIYIN_DATABASE_URL (or store.url in the config)\n');
    return 2;
  }
  const common = { url, transitionRules: { maxPromiseHours: config.sla.maxPromiseHours }, log: (line: string) => io.stderr.write(`${line}\n`) };
  const summary =
    from !== undefined
      ? // The outbox of the directory's process moves to that process's name, so its restart on the database sends it.
        await copyIntoDatabase({ ...common, from: resolve(from), instance: await instanceOf(resolve(from), config, env) })
      : await copyOutOfDatabase({
          ...common,
          to: resolve(to!),
          ...(flagValue(args, '--estate') !== undefined && { estate: flagValue(args, '--estate')! }),
          ...(flagValue(args, '--instance') !== undefined && { instance: flagValue(args, '--instance')! }),
        });
  for (const line of summary.lines) io.stdout.write(`${line}\n`);
  return 0;
}
