/**
 * A lowdb adapter that writes durably: the new content goes to a uniquely named temp file in the same directory,
 * is fsynced, renamed over the target, and the directory is fsynced, so after `write()` resolves the file on disk
 * is the new content even if the machine loses power; before that, it is the old content (never a half file).
 * lowdb's own JSONFile renames without fsync and uses one fixed temp name per file.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';

export interface DurableJsonFileOptions<T> {
  /** Checks and upgrades the parsed JSON; throws (via `corrupt`) when it is not a valid document. */
  parse: (raw: unknown) => T;
  /** Builds the error for a file that cannot be used; it must not touch the file. */
  corrupt: (file: string, detail: string) => Error;
  /** Runs before the first byte of a new version is written, e.g. to copy the current file to a backup. */
  beforeWrite?: (file: string) => Promise<void>;
  /** How the document becomes text; pretty-printed JSON (2 spaces) by default, so people can read the file. */
  serialize?: (data: T) => string;
}

export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly options: DurableJsonFileOptions<T>,
  ) {}

  /** The document, or null when the file does not exist yet. Never modifies the file. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw this.options.corrupt(this.path, `it cannot be read (${(error as Error).message})`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw this.options.corrupt(this.path, `it is not valid JSON (${(error as Error).message})`);
    }
    return this.options.parse(raw);
  }

  async write(data: T): Promise<void> {
    const text = this.options.serialize ? this.options.serialize(data) : `${JSON.stringify(data, null, 2)}\n`;
    await writeFileDurably(this.path, text, this.options.beforeWrite);
  }
}

/** temp file + fsync + rename + directory fsync. Rejects (leaving the target as it was) if any step fails. */
export async function writeFileDurably(path: string, content: string, beforeWrite?: (file: string) => Promise<void>): Promise<void> {
  await beforeWrite?.(path);
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      // fdatasync flushes the data and the size, which is all a new file's contents need; cheaper than fsync.
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
    await syncDirectory(dir);
  } catch (error) {
    if (!renamed) await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/**
 * temp file + rename, without fsync: never a half-written file, but after a power cut it may be missing or old.
 * For derived caches only (partition summaries), which are rebuilt when they do not match their partition.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, content, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

/** Makes a rename or a new file in `dir` durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
