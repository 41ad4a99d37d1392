/**
 * `huiyin report daily [--estate ID]` prints the daily digest; `huiyin report monthly [--month 2026-11] [--estate ID]`
 * prints the monthly analysis (default: last month). Same config lookup as `huiyin start`.
 */
import { digestText } from '../reports/digest.ts';
import { monthlyText } from '../reports/monthly.ts';
import { monthOf, parseMonth } from '../zoned-time.ts';
import { existsSync } from 'node:fs';
import { type Clock, systemClock } from '../clock.ts';
import { loadConfig, type ResolvedConfig } from '../config/load.ts';
import { databaseUrl, openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { PHONE } from '../domain/people.ts';
import type { PlatformInfo } from '../platform/module.ts';
import { flagValue } from './flags.ts';
import { projectPath } from '../paths.ts';

/** Other commands read their flags the same way (kept here so their imports stay as they were). */
export { flagValue } from './flags.ts';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** The time the report is made at (tests and the demo pass a ManualClock). */
  clock?: Clock;
  /** The platform registry (app/platforms.ts): the config's platform ids, the digest's offline lines. */
  platforms?: readonly PlatformInfo[];
}

const SAMPLE = projectPath('config/sample.yaml');

export async function openForReport(
  args: readonly string[],
  io: CommandIo,
): Promise<{ config: ResolvedConfig; store: Store; clock: Clock } | undefined> {
  const { config } = await loadConfig({
    flag: flagValue(args, '--config'),
    env: io.env ?? process.env,
    fallback: existsSync('huiyin.yaml') ? 'huiyin.yaml' : SAMPLE,
    ...(io.platforms && { platforms: [...io.platforms.map((p) => p.id), PHONE] }),
  });
  const env = io.env ?? process.env;
  // With a database, reports read it directly (while the bots run); lowdb data is read from its directory.
  if (!databaseUrl(config, env) && !existsSync(config.dataDir)) {
    io.stderr.write(`no data in ${config.dataDir} (set dataDir in the config or HUIYIN_DATA, or HUIYIN_DATABASE_URL)\n`);
    return undefined;
  }
  const store = await openStore(config, { env, backups: 0, command: true, log: (line) => io.stderr.write(`${line}\n`) });
  return { config, store, clock: io.clock ?? systemClock };
}

export const REPORT_USAGE = `Usage: huiyin report daily [--date yesterday|today] [--estate ID] [--config FILE]
       (daily reports yesterday, the day that ended, unless --date today: today so far)
       huiyin report monthly [--month YYYY-MM] [--estate ID] [--config FILE]`;

export async function runReportCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = argv[0] === 'report' ? argv.slice(1) : argv;
  const kind = args[0];
  if (kind !== 'daily' && kind !== 'monthly') {
    io.stderr.write(`${REPORT_USAGE}\n`);
    return 2;
  }
  const monthArg = flagValue(args, '--month');
  const month = monthArg === undefined ? undefined : parseMonth(monthArg);
  if (monthArg !== undefined && !month) {
    io.stderr.write(`--month ${monthArg}: expected a month such as 2026-11\n`);
    return 2;
  }
  const dateArg = flagValue(args, '--date');
  if (dateArg !== undefined && dateArg !== 'today' && dateArg !== 'yesterday') {
    io.stderr.write(`--date ${dateArg}: expected today or yesterday (the daily report is of the day that ended, or of today so far)\n`);
    return 2;
  }
  const today = dateArg === 'today';
  const estate = flagValue(args, '--estate');
  // With the bot running, ask it: the data directory is the bot's while it runs.
  const { runningBot } = await import('./running.ts');
  const { control } = await runningBot(args, io.env);
  if (control) {
    const { callRunningBot } = await import('../access/control-file.ts');
    const query = new URLSearchParams({ kind, ...(month && { month }), ...(estate && { estate }), ...(today && { date: 'today' }) });
    io.stdout.write(`${await (await callRunningBot(control, `/report?${query}`)).text()}\n`);
    return 0;
  }
  const opened = await openForReport(args, io);
  if (!opened) return 1;
  try {
    const text =
      kind === 'daily'
        ? await digestText({ ...opened, ...(io.platforms && { platforms: io.platforms }) }, estate, { today })
        : await monthlyText(opened, month ?? monthOf(opened.clock.now(), opened.config.timezone, -1), estate);
    io.stdout.write(`${text}\n`);
    return 0;
  } finally {
    await opened.store.close();
  }
}
