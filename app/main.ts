import { existsSync } from 'node:fs';
import type { ResolvedConfig as Config } from '../src/config/load.ts';
import type { Job } from '../src/jobs/scheduler.ts';
import type { Adapter, OutgoingMessage } from '../src/messages.ts';
import { projectPath } from '../src/paths.ts';
import { PLATFORM_IDS, PLATFORMS } from './platforms.ts';

// Each command imports what it uses when it runs (issue 23): `help` loads next to nothing, `check`, `doctor`,
// `report` and `export` never load the bot, the conversation or the segmenter, and only `start` and `demo` do.

const USAGE = `回音 Huiyin — owner-service bot for property estates

Usage: huiyin <command> [--config FILE]

Commands:
  start      run the bot: platforms enabled by their environment variables
             (TELEGRAM_BOT_TOKEN, WECHATY_PUPPET); with none, a console chat in this terminal
  check      validate the config and the classifier rules; exit 1 with the problems; warns of words listed twice
             in rules/words/; --eval [PATH ...] also scores the labelled sets (default: every *.jsonl under ./eval)
  doctor     check config, rules, data directory (space, lock, schema, backups) and platforms; exit 1 on a problem
  demo       play a scripted scenario on a temporary data directory and print the transcript
             (--keep DIR keeps the data in a new directory DIR to look at)
  classify   classify lines from stdin (text or JSON with "text"), one JSON result per line; --explain for prose
  report     report daily | report monthly [--month YYYY-MM] [--estate ID]: the digest or the monthly analysis
  export     export --ledger repair|complaint|duty [--month YYYY-MM] [--format xlsx|csv] [--out FILE]
  web-link   web-link --staff NAME: a one-time login link to the office console for that staff member
  migrate    migrate --from DATA_DIR | --to DATA_DIR [--estate ID]: lowdb data into PostgreSQL, or back out
  help       this text

Config: --config FILE, else HUIYIN_CONFIG, else ./huiyin.yaml, else the sample estate (config/sample.yaml).
Data:   dataDir in the config, or HUIYIN_DATA.
Web:    the office console on web.host:web.port (127.0.0.1:8787); HUIYIN_WEB_PORT overrides, 0 turns it off.
        report, export and web-link go through the running bot when there is one.`;

export const SAMPLE_CONFIG = projectPath('config/sample.yaml');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function readConfig(args: string[]): Promise<{ config: Config; file: string }> {
  const { loadConfig } = await import('../src/config/load.ts');
  return loadConfig({ flag: flag(args, '--config'), env: process.env, fallback: existsSync('huiyin.yaml') ? 'huiyin.yaml' : SAMPLE_CONFIG, platforms: PLATFORM_IDS });
}

/** At a stop, how long the handlers still running may take; and the whole stop, below Docker's 10 s grace. */
const HANDLERS_STOP_MS = 5_000;
const SHUTDOWN_LIMIT_MS = 9_000;

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

export async function main(args: string[]): Promise<number> {
  const command = args[0] ?? 'help';
  try {
    switch (command) {
      case 'start':
        return await start(args);
      case 'check':
        return await check(args);
      case 'demo':
        return await (await import('./demo.ts')).runDemo({ output: process.stdout, rulesDir: flag(args, '--rules'), keepDir: flag(args, '--keep') });
      case 'classify': {
        const { config } = await readConfig(args);
        const { runClassifyCommand } = await import('../src/classifier/cli.ts');
        return await runClassifyCommand({ rulesDir: flag(args, '--rules') ?? config.rulesDir, explain: args.includes('--explain'), input: process.stdin, output: process.stdout });
      }
      case 'doctor': {
        const { runDoctorCommand } = await import('../src/cli/doctor.ts');
        return await runDoctorCommand(args.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env }, PLATFORMS);
      }
      case 'report': {
        const { runReportCommand } = await import('../src/cli/report.ts');
        return await runReportCommand(args.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env, platforms: PLATFORMS });
      }
      case 'export': {
        const { runExportCommand } = await import('../src/cli/export.ts');
        return await runExportCommand(args.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env });
      }
      case 'migrate':
        return await (await import('../src/cli/migrate.ts')).runMigrateCommand(args.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env });
      case 'web-link': {
        const { runWebLinkCommand } = await import('../src/cli/web-link.ts');
        return await runWebLinkCommand(args.slice(1), { stdout: process.stdout, stderr: process.stderr, env: process.env });
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      default:
        process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    // Known failures (bad config, locked or corrupt data, broken rules) carry their own precise message.
    const e = error as Error;
    const known = ['ConfigError', 'RulesError', 'StoreLockedError', 'StoreFullError', 'StoreCorruptError', 'StoreVersionError', 'StoreUnavailableError', 'TelegramStartupError', 'MigrationError', 'MigrationConflictError', 'VocabularyError'].includes(e.name);
    process.stderr.write(`huiyin ${command}: ${known ? e.message : (e.stack ?? String(e))}\n`);
    return 1;
  }
}

async function check(args: string[]): Promise<number> {
  const { config, file } = await readConfig(args);
  const { runCheck } = await import('../src/cli/check.ts');
  return runCheck(config, file, args, { stdout: process.stdout, cwd: process.cwd() });
}

async function start(args: string[]): Promise<number> {
  const { config, file } = await readConfig(args);
  const malloc = (await import('./memory.ts')).tuneMalloc() ? 'glibc trim threshold fixed' : 'malloc defaults';
  log(`config ${file}; data in ${config.dataDir}; ${malloc}`);
  const [{ systemClock }, { startJobs }, { coordinationOf }, { connect, openPlatforms, openRuntime }, { InFlight }] = await Promise.all([
    import('../src/clock.ts'),
    import('../src/jobs/scheduler.ts'),
    import('../src/store/coordination.ts'),
    import('./compose.ts'),
    import('../src/platform/in-flight.ts'),
  ]);
  const { ShiftedClock, consoleTime } = await import('./console-time.ts');
  // The system clock, which the console's /time can move on (app/console-time.ts); no other platform moves it.
  const clock = new ShiftedClock(systemClock);
  const runtime = await openRuntime(config, clock, log);
  const { withJobRuns } = await import('../src/jobs/job-runs.ts');
  // Each job once per slot, kept in the store: the real schedule, a /time jump and a restart share the keys, and
  // several processes on one database share `coordinationOf` besides.
  const jobRuns = withJobRuns(runtime.store, coordinationOf(runtime.store));
  const adapters: Adapter[] = [];
  let stopping: Promise<void> | undefined;
  let jobs: { stop(): Promise<void> } | undefined;
  let web: { close(): Promise<void>; jobs: Job[] } | undefined;
  // The bot runs until it is stopped, even while every platform only waits on unref'd timers (a puppet retrying its
  // start, a QR code not yet scanned): without this Node ends the process with exit code 13 mid-start.
  const alive = setInterval(() => undefined, 2 ** 30);
  // Every message's work, from the platform's hand-over until its replies are queued: a stop lets it finish.
  const inFlight = new InFlight();
  // Stops everything once, whichever way the run ends (end of input, a signal, a platform that gave up), in order
  // (issue 17): no new input (jobs, the office console, each platform's intake; a platform also lets its own updates
  // finish and sends what it can), then the handlers still running finish, then the store closes.
  const stop = () =>
    (stopping ??= (async () => {
      await jobs?.stop();
      await web?.close();
      for (const adapter of adapters) await adapter.stop();
      const left = await inFlight.settled(HANDLERS_STOP_MS);
      if (left > 0) log(`stop: ${left} message(s) still being handled after ${HANDLERS_STOP_MS / 1000} s; closing the store anyway`);
      await runtime.close();
      // Last: until here the process must not end by itself mid-stop.
      clearInterval(alive);
    })());
  // A signal stops in order, but never for longer than a supervisor waits before SIGKILL (Docker: 10 s); what is
  // not finished by then was not acknowledged to the platform and comes again at the next start.
  const onSignal = (signal: NodeJS.Signals, code: number) => () => {
    log(`${signal}: stopping`);
    setTimeout(() => {
      log(`stop: not done after ${SHUTDOWN_LIMIT_MS / 1000} s; exiting`);
      process.exit(code);
    }, SHUTDOWN_LIMIT_MS).unref();
    void stop().then(() => process.exit(code));
  };
  try {
    adapters.push(...(await openPlatforms(runtime, process.env)).adapters);
    // Messages are handled and acknowledged as soon as a platform starts (inside connect), so a signal must stop in
    // order from then on, not only once the office console and the jobs are up: a restart that answered its waiting
    // owners quickly was killed outright by the SIGTERM that followed (sigterm-burst.test.ts, once the core got faster).
    process.once('SIGINT', onSignal('SIGINT', 130));
    process.once('SIGTERM', onSignal('SIGTERM', 143));
    // The console's /time runs the jobs: a line typed (or replayed) before they are up waits for them.
    let jobsReady: (jobs: Job[]) => void = () => undefined;
    const allJobs = new Promise<Job[]>((resolve) => (jobsReady = resolve));
    let deliverLater: (out: OutgoingMessage) => Promise<void> = async () => undefined;
    const { ConsoleAdapter } = await import('../adapters/console/console-adapter.ts');
    for (const adapter of adapters) {
      if (adapter instanceof ConsoleAdapter) {
        adapter.onTime(async (arg) => consoleTime(arg, { clock, jobs: await allJobs, timezone: config.timezone, deliver: (out) => deliverLater(out), log, coordination: jobRuns }));
      }
    }
    const deliver = await connect(runtime.bot, adapters, log, inFlight);
    deliverLater = deliver;
    const { attachOfficeConsole } = await import('../web/attach.ts');
    // Stopped meanwhile: nothing more is started on a store that is closing.
    if (stopping) return 0;
    web = attachOfficeConsole({ config, store: runtime.store, clock, directory: runtime.directory, handle: (m) => inFlight.track(() => runtime.bot.handle(m)), deliver, log, platforms: PLATFORMS });
    jobs = startJobs([...runtime.jobs(), ...web.jobs], {
      timezone: config.timezone,
      deliver,
      log,
      // Several processes on one database: each job runs once per slot, in whichever process gets there first.
      coordination: jobRuns,
      // The jobs keep the console's moved clock (/time): their hours and slots are that clock's.
      timeAt: (real) => clock.at(real),
    });
    jobsReady([...runtime.jobs(), ...web.jobs]);
    // Runs until the first adapter is done: the console at the end of its input, Telegram if polling gives up.
    await Promise.race(adapters.map((a) => a.finished?.() ?? new Promise<void>(() => {})));
    return 0;
  } finally {
    await stop();
  }
}
