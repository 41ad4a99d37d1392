/**
 * `huiyin doctor`: looks over a deployment before (or while) it runs and says, one line per check, what is fine and
 * what to fix: the config, the classifier rules, the data directory (there or creatable, writable, free space, the
 * lock, the schema version of every data file, backups) and, where enabled, the platforms (each registered platform's
 * own check: Telegram's getMe, the WeChat puppet started for a few seconds in a scratch directory). Exits 1 if anything is a problem. It only reads: nothing in the data directory changes
 * (the write test uses a temporary file it removes).
 */
import { existsSync } from 'node:fs';
import { access, constants, readdir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfig, type ResolvedConfig } from '../config/load.ts';
import { MIN_FREE_BYTES } from '../store/disk-space.ts';
import { JOURNAL_FILE, parseJournal } from '../store/journal.ts';
import { LOCK_FILE } from '../store/lock.ts';
import { SCHEMA_VERSION } from '../store/schema.ts';
import { isAlive, type LockInfo, notTheHolder } from '../store/lock.ts';
import type { Finding, PlatformModule } from '../platform/module.ts';
import { projectPath } from '../paths.ts';

export interface DoctorIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** Below this much free space the data directory is a problem (the same threshold as the store's). */
export { MIN_FREE_BYTES };
const SAMPLE_CONFIG = projectPath('config/sample.yaml');


const ok = (check: string, detail: string): Finding => ({ ok: true, check, detail });
const problem = (check: string, detail: string, fix: string): Finding => ({ ok: false, check, detail, fix });

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** `huiyin doctor [--config FILE]`; `platforms` is the registry (app/platforms.ts). */
export async function runDoctorCommand(args: string[], io: DoctorIo, platforms: readonly PlatformModule[]): Promise<number> {
  const findings: Finding[] = [];
  const print = (f: Finding) => {
    findings.push(f);
    io.stdout.write(f.ok ? `ok       ${f.check}: ${f.detail}\n` : `problem  ${f.check}: ${f.detail}\n         → ${f.fix}\n`);
  };

  let config: ResolvedConfig | undefined;
  try {
    const loaded = await loadConfig({ flag: flag(args, '--config'), env: io.env, fallback: existsSync('huiyin.yaml') ? 'huiyin.yaml' : SAMPLE_CONFIG });
    config = loaded.config;
    print(ok('config', `${loaded.file}: ${config.estates.length} estate(s), ${config.chats.length} chat(s), ${config.staff.length} staff`));
  } catch (error) {
    print(problem('config', (error as Error).message, 'fix the field named above (see config/sample.yaml for every field), then run `huiyin doctor` again'));
  }

  let botRunning = false;
  if (config) {
    print(await checkRules(config.rulesDir));
    for (const f of await checkDataDir(config.dataDir)) print(f);
    botRunning = await heldByLiveBot(config.dataDir);
  } else {
    print(problem('rules', 'not checked: the config could not be read', 'fix the config first'));
    print(problem('data', 'not checked: the config could not be read', 'fix the config first'));
  }

  // Each platform of the registry checks itself where the environment enables it.
  let enabled = 0;
  for (const platform of platforms) {
    const finding = await platform.doctor?.(io.env, { botRunning });
    if (!finding) continue;
    enabled += 1;
    print(finding);
  }
  if (enabled === 0) {
    const variables = platforms.flatMap((p) => (p.enabledBy ? [p.enabledBy] : []));
    print(ok('platforms', `none enabled (${variables.join(', ')} unset): \`huiyin start\` runs the console chat`));
  }

  const problems = findings.filter((f) => !f.ok).length;
  io.stdout.write(problems === 0 ? 'all checks passed\n' : `${problems} problem(s) found\n`);
  return problems === 0 ? 0 : 1;
}

async function checkRules(dir: string): Promise<Finding> {
  try {
    const { loadRules } = await import('../classifier/load-rules.ts');
    const rules = await loadRules(dir);
    return ok('rules', `${dir}: ${rules.rules.length} rule(s)`);
  } catch (error) {
    return problem('rules', (error as Error).message, 'fix the rule file and field named above; `huiyin check` validates them again');
  }
}

async function checkDataDir(dir: string): Promise<Finding[]> {
  const out: Finding[] = [];
  const exists = await stat(dir).then(
    (s) => (s.isDirectory() ? 'dir' : 'file'),
    () => undefined,
  );
  if (exists === 'file') return [problem('data', `${dir} is a file, not a directory`, 'set dataDir (or HUIYIN_DATA) to a directory')];
  if (!exists) {
    // Not there yet: fine if the nearest existing parent lets us create it.
    let parent = dirname(dir);
    while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
    const creatable =
      (await stat(parent).then((s) => s.isDirectory(), () => false)) &&
      (await access(parent, constants.W_OK).then(
        () => true,
        () => false,
      ));
    if (!creatable) return [problem('data', `${dir} does not exist and cannot be created (${parent} is not a writable directory)`, `create ${dir} and give the bot's user write access to it, or set dataDir (or HUIYIN_DATA) elsewhere`)];
    out.push(ok('data', `${dir} does not exist yet; it will be created at the first start`));
    out.push(await checkFreeSpace(parent));
    return out;
  }

  const probe = join(dir, `.doctor-${process.pid}.tmp`);
  try {
    await writeFile(probe, 'x');
    await rm(probe, { force: true });
    out.push(ok('data', `${dir} exists and is writable`));
  } catch (error) {
    out.push(problem('data', `${dir} is not writable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, `give the bot's user write access to ${dir}`));
  }
  out.push(await checkFreeSpace(dir));
  out.push(await checkLock(dir));
  out.push(await checkFiles(dir));
  out.push(await checkJournal(dir));
  out.push(await checkBackups(dir));
  return out;
}

async function checkFreeSpace(dir: string): Promise<Finding> {
  try {
    const s = await statfs(dir);
    const free = Number(s.bavail) * Number(s.bsize);
    const mb = Math.floor(free / (1024 * 1024));
    if (free < MIN_FREE_BYTES) {
      return problem('disk', `only ${mb} MB free on the disk of ${dir}`, `free at least ${MIN_FREE_BYTES / (1024 * 1024)} MB (old backups in backups/ can go), or move dataDir`);
    }
    return ok('disk', `${mb} MB free`);
  } catch (error) {
    return problem('disk', `cannot read the free space of ${dir}: ${(error as Error).message}`, 'check the disk is mounted and readable');
  }
}

async function checkLock(dir: string): Promise<Finding> {
  const path = join(dir, LOCK_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return ok('lock', 'not in use by any Huiyin process');
  }
  let info: { pid?: unknown; host?: unknown; since?: unknown };
  try {
    info = JSON.parse(text) as typeof info;
  } catch {
    return ok('lock', `${path} is unreadable debris; it is replaced at the next start`);
  }
  const pid = typeof info.pid === 'number' ? info.pid : undefined;
  const since = typeof info.since === 'string' ? info.since : '?';
  const host = typeof info.host === 'string' ? info.host : '';
  if (pid === undefined) return ok('lock', `${path} is unreadable debris; it is replaced at the next start`);
  if (host && host !== hostname()) {
    return problem('lock', `held by pid ${pid} on another host (${host}) since ${since}`, `stop Huiyin on ${host}; if it is surely gone, delete ${path}`);
  }
  if (isAlive(pid)) {
    const { bootId, startTicks } = info as Partial<Record<keyof LockInfo, unknown>>;
    const other = notTheHolder({
      pid,
      since,
      host,
      ...(typeof bootId === 'string' && { bootId }),
      ...(typeof startTicks === 'number' && { startTicks }),
    });
    if (other) return ok('lock', `stale: left by pid ${pid} (since ${since}); pid ${pid} is now ${other}; the next start takes it over`);
    return ok('lock', `in use by a running Huiyin (pid ${pid}, since ${since}); stop it before \`huiyin report\` or \`export\` on this directory`);
  }
  return ok('lock', `stale: left by pid ${pid} (since ${since}), which is no longer running; the next start takes it over`);
}


/** Whether a Huiyin on this host runs on `dir` now (its lock's holder is alive and is the holder). */
async function heldByLiveBot(dir: string): Promise<boolean> {
  try {
    const info = JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as Partial<Record<keyof LockInfo, unknown>>;
    if (typeof info.pid !== 'number' || (typeof info.host === 'string' && info.host && info.host !== hostname())) return false;
    if (!isAlive(info.pid)) return false;
    return !notTheHolder({
      pid: info.pid,
      since: typeof info.since === 'string' ? info.since : '?',
      host: typeof info.host === 'string' ? info.host : '',
      ...(typeof info.bootId === 'string' && { bootId: info.bootId }),
      ...(typeof info.startTicks === 'number' && { startTicks: info.startTicks }),
    });
  } catch {
    return false;
  }
}

/** Every data file must parse and carry a schema version this Huiyin knows. */
async function checkFiles(dir: string): Promise<Finding> {
  const bad: string[] = [];
  let newer: string | undefined;
  let count = 0;
  for (const sub of ['tickets', 'records']) {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const file = join(dir, sub, name);
      count += 1;
      try {
        const doc = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion?: unknown };
        const version = doc.schemaVersion;
        if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) bad.push(`${join(sub, name)} (no valid schemaVersion)`);
        else if (version > SCHEMA_VERSION) newer ??= `${join(sub, name)} has schema version ${version}`;
      } catch (error) {
        // A summary file is a derived cache: a broken one is rebuilt at start and is no problem.
        if (name.endsWith('.summary.json')) continue;
        bad.push(`${join(sub, name)} (${(error as Error).message.split('\n')[0]})`);
      }
    }
  }
  if (newer) {
    return problem('schema', `${newer}, but this Huiyin knows only up to version ${SCHEMA_VERSION}`, 'run the newer Huiyin that wrote it, or restore a backup made before the upgrade');
  }
  if (bad.length > 0) {
    return problem('schema', `${bad.length} data file(s) cannot be read: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? ' …' : ''}`, `restore each from the newest copy under ${join(dir, 'backups')} (start-up refuses until then)`);
  }
  return ok('schema', count === 0 ? 'no data files yet' : `${count} data file(s), all at schema version ≤ ${SCHEMA_VERSION}`);
}

/**
 * The write-ahead journal (store/journal.ts): changes since the last checkpoint, replayed at start. Read the way
 * start-up reads it, so a journal start-up would refuse is named here first, with its byte offset.
 */
async function checkJournal(dir: string): Promise<Finding> {
  const file = join(dir, JOURNAL_FILE);
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes || bytes.length === 0) return ok('journal', 'empty: every change is in the data files');
  try {
    const { entries, damagedBytes: tail } = parseJournal(bytes, file);
    // A running bot's journal, or one a crash left, ends in zeros (room for the next entries, journal.ts).
    if (entries === 0 && tail === 0) return ok('journal', 'empty: every change is in the data files');
    const pending = `${entries} write(s) since the last checkpoint (a crash or a running bot); start-up applies them`;
    return ok('journal', tail > 0 ? `${pending}; the last ${tail} byte(s) are a write cut short, never acknowledged, and are dropped at start` : pending);
  } catch (error) {
    return problem(
      'journal',
      `${file}: ${(error as Error).message}`,
      `start-up refuses until this is resolved: keep a copy of ${file}, then either restore the data directory from a backup, or move ${JOURNAL_FILE} aside to start without the writes it holds (those since the last checkpoint, at most a few minutes: check them against the duty log)`,
    );
  }
}

async function checkBackups(dir: string): Promise<Finding> {
  const runs = (await readdir(join(dir, 'backups')).catch(() => [] as string[])).filter((n) => /^\d{4}-\d{2}-\d{2}T/.test(n)).sort();
  if (runs.length === 0) return ok('backups', 'none yet (each run copies a data file before it first changes it, into backups/)');
  return ok('backups', `${runs.length} run(s) in ${join(dir, 'backups')}, newest ${runs.at(-1)}`);
}
