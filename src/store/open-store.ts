/**
 * The one place that decides which store a process uses: PostgreSQL when HUIYIN_DATABASE_URL (or `store.url` in the
 * config) names a database, else the lowdb files in dataDir.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResolvedConfig } from '../config/load.ts';
import { openLowdbStore } from './lowdb-store.ts';
import type { Store } from './store.ts';

export interface OpenStoreOptions {
  log: (msg: string) => void;
  env?: NodeJS.ProcessEnv;
  /** Backup runs kept by the lowdb store (default 5); read-only commands pass 0. */
  backups?: number;
  /** A command (report, export, migrate) rather than a bot: it claims no outbox, so it needs no instance id. */
  command?: boolean;
  /** PostgreSQL only: keep the tables in this schema instead of `public` (the demo's throwaway schema). */
  schema?: string;
}

type StoreSettings = Pick<ResolvedConfig, 'dataDir' | 'sla'> & { store?: { url?: string | undefined; instance?: string | undefined } };

export function databaseUrl(config: StoreSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = env.HUIYIN_DATABASE_URL?.trim() || config.store?.url;
  return url ? url : undefined;
}

/**
 * This process's name among those sharing a database: HUIYIN_INSTANCE, else `store.instance`, else an id made once
 * and kept in `dataDir/instance-id`, so a restart (same HUIYIN_DATA) is the same instance and takes over its outbox.
 */
export async function instanceOf(dataDir: string, config?: StoreSettings, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const named = env.HUIYIN_INSTANCE?.trim() || config?.store?.instance;
  if (named) return named;
  const file = join(dataDir, 'instance-id');
  try {
    const id = (await readFile(file, 'utf8')).trim();
    if (/^[A-Za-z0-9_-]+$/.test(id)) return id;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const id = `i-${randomBytes(5).toString('hex')}`;
  // 'wx': two processes started at once on one directory agree on the first id written.
  await writeFile(file, `${id}\n`, { flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}

export async function openStore(config: StoreSettings, options: OpenStoreOptions): Promise<Store> {
  const transitionRules = { maxPromiseHours: config.sla.maxPromiseHours };
  const url = databaseUrl(config, options.env);
  if (url) {
    const { openPgStore } = await import('./pg/pg-store.ts');
    const instance = options.command ? 'command' : await instanceOf(config.dataDir, config, options.env);
    return openPgStore({ url, transitionRules, log: options.log, instance, ...(options.schema !== undefined && { schema: options.schema }) });
  }
  return openLowdbStore({ dataDir: config.dataDir, transitionRules, log: options.log, ...(options.backups !== undefined && { backups: options.backups }) });
}
