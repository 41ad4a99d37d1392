/**
 * How long the calling thread spent on a CPU and waiting for one, from Linux's `/proc/thread-self/schedstat`
 * ("<ns on a CPU> <ns waiting on the run queue> <time slices>"). The journal uses it to tell a write that was slow
 * because the disk was slow from one that was slow because the machine was busy (journal.ts): on a loaded 2-core
 * machine the main thread often waits 10 ms or more for a CPU after the disk has answered.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface SchedReading {
  /** Nanoseconds the thread has run. */
  runNs: number;
  /** Nanoseconds the thread has been ready to run but waited for a CPU. */
  waitNs: number;
}

/** Reads the calling thread's figures now; undefined where the system does not keep them. */
export type SchedReader = () => SchedReading | undefined;

/** The schedstat text's first two fields; undefined if it is not that. */
export function parseSchedstat(text: string): SchedReading | undefined {
  const m = /^(\d+) (\d+) /.exec(text);
  return m ? { runNs: Number(m[1]), waitNs: Number(m[2]) } : undefined;
}

/**
 * A reader of the calling thread's schedstat, kept open (one pread a reading). Called from the main thread only. Where
 * the file is missing or unreadable it always answers undefined.
 */
export function threadSchedReader(file = '/proc/thread-self/schedstat'): SchedReader {
  let fd: number | undefined | null;
  const buffer = Buffer.alloc(128);
  return () => {
    if (fd === null) return undefined;
    try {
      fd ??= openSync(file, 'r');
      const n = readSync(fd, buffer, 0, buffer.length, 0);
      return parseSchedstat(buffer.toString('latin1', 0, n));
    } catch {
      if (typeof fd === 'number') closeSync(fd);
      fd = null;
      return undefined;
    }
  };
}

/**
 * Of `wallMs` the thread spent between two readings, the milliseconds it was neither running nor waiting for a CPU:
 * blocked (on the disk, for a write). Without both readings, all of `wallMs`.
 */
export function blockedMs(wallMs: number, before: SchedReading | undefined, after: SchedReading | undefined): number {
  if (!before || !after) return wallMs;
  return wallMs - (after.runNs - before.runNs + after.waitNs - before.waitNs) / 1e6;
}
