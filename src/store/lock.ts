/**
 * One Huiyin process per data directory: lowdb files cannot be shared (two writers lose updates). The lock is a file
 * `huiyin.lock` holding {pid, host, since, bootId, startTicks, command}, created atomically with its content (written
 * to a temp file, then hard-linked into place, which fails if a lock exists). A lock whose process is gone (killed,
 * crashed) is stale and taken over; so is one whose pid now names another process (pid reuse after a crash, a reboot
 * or a container restart: a different boot id or process start time, see process-identity.ts). The takeover itself
 * is guarded by `huiyin.lock.takeover` so two starting processes cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes, freeBytes, isDiskFull } from './disk-space.ts';
import { identityOfProcess, startedAtMs } from './process-identity.ts';
import { StoreFullError, StoreLockedError } from './store.ts';

export const LOCK_FILE = 'huiyin.lock';
const TAKEOVER_FILE = 'huiyin.lock.takeover';
/** A takeover guard older than this was left by a process that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;

export interface LockInfo {
  pid: number;
  host: string;
  since: string;
  /** Absent in locks written before issue 17, and where /proc cannot tell. */
  bootId?: string;
  startTicks?: number;
  command?: string;
}

/** Lock files this process holds: a second open in the same process is refused too, not mistaken for stale. */
const heldHere = new Set<string>();

export interface DirectoryLock {
  readonly path: string;
  release(): Promise<void>;
}

export async function acquireLock(dataDir: string, log: (msg: string) => void): Promise<DirectoryLock> {
  const path = join(dataDir, LOCK_FILE);
  if (heldHere.has(path)) {
    throw new StoreLockedError(
      `${dataDir} is already open in this process (pid ${process.pid}): one Huiyin process per data directory, ` +
        'and one store per data directory within it.',
    );
  }
  const self = identityOfProcess(process.pid);
  const mine: LockInfo = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    ...(self && { bootId: self.bootId, startTicks: self.startTicks, command: self.command }),
  };
  try {
    if (!(await tryCreate(path, mine))) await takeOverIfStale(dataDir, path, mine, log);
  } catch (error) {
    if (!isDiskFull(error)) throw error;
    // Not even the lock's few bytes fit: starting anyway would risk a second writer; say so and what to do.
    throw new StoreFullError(
      `${dataDir} is on a full disk (${formatBytes(await freeBytes(dataDir))} free): Huiyin cannot write its lock file there. ` +
        'Free some space (old backups in backups/ can go) or move dataDir, then start again.',
      { cause: error },
    );
  }
  heldHere.add(path);
  let released = false;
  return {
    path,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(path);
      // Remove the lock only if it is still ours (nobody should have touched it, but never delete another's).
      const current = await readLock(path);
      if (current && current.pid === mine.pid && current.since === mine.since) await unlink(path).catch(() => undefined);
    },
  };
}

/** Creates the lock file with its content in one step; false if a lock file already exists. */
async function tryCreate(path: string, info: LockInfo): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // On a full disk the temp file may be created empty and the write refused: the finally removes it.
    await writeFile(temp, `${JSON.stringify(info)}\n`, { flag: 'wx' });
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

async function readLock(path: string): Promise<LockInfo | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockInfo>;
    if (typeof parsed.pid === 'number' && typeof parsed.since === 'string') {
      return {
        pid: parsed.pid,
        since: parsed.since,
        host: typeof parsed.host === 'string' ? parsed.host : '',
        ...(typeof parsed.bootId === 'string' && { bootId: parsed.bootId }),
        ...(typeof parsed.startTicks === 'number' && { startTicks: parsed.startTicks }),
        ...(typeof parsed.command === 'string' && { command: parsed.command }),
      };
    }
  } catch {
    // missing or unreadable: handled by the caller
  }
  return undefined;
}

/** Whether a process with this pid runs on this host. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeOverIfStale(dataDir: string, path: string, mine: LockInfo, log: (msg: string) => void): Promise<void> {
  const guard = join(dataDir, TAKEOVER_FILE);
  await acquireTakeoverGuard(guard, dataDir);
  try {
    const holder = await readLock(path);
    if (holder === undefined) {
      // The lock vanished (its holder just closed) or is unreadable; an unreadable lock is never written by us
      // (content and file appear together), so it is debris: replace it.
      await unlink(path).catch(() => undefined);
      log(`store: replaced an unreadable or vanished lock file ${path}`);
    } else if (holder.host !== mine.host) {
      throw new StoreLockedError(
        `${dataDir} is locked by pid ${holder.pid} on host ${holder.host} since ${holder.since}: one Huiyin process ` +
          `per data directory. If that process is surely gone, delete ${path} and start again.`,
      );
    } else if (holder.pid !== process.pid && isAlive(holder.pid)) {
      const other = notTheHolder(holder);
      if (!other) {
        throw new StoreLockedError(
          `${dataDir} is in use by another Huiyin process (pid ${holder.pid}, since ${holder.since}): one Huiyin ` +
            'process per data directory. Stop that process first, or give this one another data directory.',
        );
      }
      await unlink(path);
      log(`store: took over a stale lock on ${dataDir} left by pid ${holder.pid} (since ${holder.since}): pid ${holder.pid} is now ${other}`);
    } else {
      await unlink(path);
      log(`store: took over a stale lock on ${dataDir} left by pid ${holder.pid} (since ${holder.since}), which is no longer running`);
    }
    if (!(await tryCreate(path, mine))) {
      throw new StoreLockedError(`${dataDir} was locked by another process starting at the same time: one Huiyin process per data directory.`);
    }
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/**
 * Why the live process with the lock's pid is not the one that wrote the lock, or undefined when it may be.
 * Only a positive difference counts: where /proc cannot tell, a live pid keeps the lock (refusing is safe, taking
 * over a live Huiyin's directory is not).
 */
export function notTheHolder(holder: LockInfo): string | undefined {
  const now = identityOfProcess(holder.pid);
  if (!now) return undefined;
  const what = `another process${now.command ? ` (${now.command})` : ''}`;
  if (holder.bootId !== undefined && holder.bootId !== now.bootId) return `${what}: the machine has restarted since the lock was written`;
  if (holder.startTicks !== undefined) {
    return holder.startTicks === now.startTicks ? undefined : `${what}, started at another time than the lock's writer`;
  }
  // A lock from before start times were recorded: a process that started after the lock was written did not write it.
  const started = startedAtMs(now.startTicks);
  const since = Date.parse(holder.since);
  if (started !== undefined && Number.isFinite(since) && started > since + 2_000) {
    return `${what}, started at ${new Date(started).toISOString()}, after the lock was written`;
  }
  return undefined;
}

async function acquireTakeoverGuard(guard: string, dataDir: string): Promise<void> {
  try {
    await writeFile(guard, String(process.pid), { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const age = Date.now() - (await stat(guard).catch(() => ({ mtimeMs: 0 }))).mtimeMs;
  if (age < TAKEOVER_STALE_MS) {
    throw new StoreLockedError(`another process is taking over the lock on ${dataDir} right now: one Huiyin process per data directory.`);
  }
  await unlink(guard).catch(() => undefined);
  await writeFile(guard, String(process.pid), { flag: 'wx' });
}
