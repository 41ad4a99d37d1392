/**
 * Telling a live process from the one that wrote a lock (issue 17): after a crash, a reboot or a container restart
 * the pid in a lock file may belong to an unrelated process. A pid alone cannot tell; the pid with the time the
 * process started (Linux `/proc/<pid>/stat`, field 22) and the kernel's boot id can. Where /proc is missing (macOS),
 * everything here answers undefined and the lock falls back to "alive means in use".
 */
import { readFileSync } from 'node:fs';

/** Linux reports start times in USER_HZ ticks, 100 a second on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface ProcessIdentity {
  /** Start time in clock ticks since boot; with the boot id it names one process for the life of the kernel. */
  startTicks: number;
  bootId: string;
  /** The command line, for messages only (never trusted: any process may be called node). */
  command: string;
}

export function bootId(): string | undefined {
  return readText('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** The identity of a running process, or undefined when it is gone or /proc cannot tell. */
export function identityOfProcess(pid: number): ProcessIdentity | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  const boot = bootId();
  if (stat === undefined || boot === undefined) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces and ')': fields after it follow the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const startTicks = Number(fields[19]); // field 22 overall: 2 fields before the ')' and this slice starts at field 3
  if (!Number.isSafeInteger(startTicks)) return undefined;
  const command = (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ').slice(0, 200);
  return { startTicks, bootId: boot, command };
}

/** When a process started, as epoch ms, from its start ticks and the boot time; undefined without /proc/stat. */
export function startedAtMs(startTicks: number): number | undefined {
  const btime = /^btime (\d+)$/m.exec(readText('/proc/stat') ?? '')?.[1];
  return btime === undefined ? undefined : Number(btime) * 1000 + (startTicks * 1000) / TICKS_PER_SECOND;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
