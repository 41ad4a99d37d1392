/**
 * A full disk, seen from the store (issue 17, item 1). Writes on a full disk fail with ENOSPC (EDQUOT over a quota;
 * PostgreSQL answers SQLSTATE 53100); the lowdb store leaves every file and its memory as they were, so the only
 * thing to do is to say so clearly and try again later. These helpers recognise that failure wherever it surfaces
 * and measure what is left.
 */
import { statfs } from 'node:fs/promises';

/** Below this the data directory counts as nearly full (doctor, alerts): every write is a temp file beside the old one. */
export const MIN_FREE_BYTES = 200 * 1024 * 1024;

const FULL_CODES = new Set(['ENOSPC', 'EDQUOT', '53100']);

/** True when `error` (or one of its causes) says the disk or the database has no room for a write. */
export function isDiskFull(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name } = e as { code?: unknown; name?: unknown };
    if (name === 'StoreFullError') return true;
    if (typeof code === 'string' && FULL_CODES.has(code)) return true;
  }
  return false;
}

/** Bytes an unprivileged writer may still use on the filesystem holding `dir`; undefined when it cannot be read. */
export async function freeBytes(dir: string): Promise<number | undefined> {
  try {
    const s = await statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return undefined;
  }
}

/** "512 KB", "37 MB", "1.2 GB": free space as people read it in an alert. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown';
  if (bytes < 1024 * 1024) return `${Math.floor(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${Math.floor(bytes / 1024 ** 2)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
