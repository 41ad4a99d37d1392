/**
 * A lowdb adapter that writes durably: the new content goes to a uniquely named temp file in the same directory,
 * is fsynced, renamed over the target, and the directory is fsynced, so after `write()` resolves the file on disk
 * is the new content even if the machine loses power; before that, it is the old content (never a half file).
 * lowdb's own JSONFile renames without fsync and uses one fixed temp name per file.
 */
import { isUtf8, transcode } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { AppendAndSync } from './journal.ts';

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
      text = decodeUtf8(await readFile(this.path));
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

/**
 * The file's text, as `readFile(path, 'utf8')` gives it. Valid UTF-8 (every file this store writes) goes through
 * ICU's converter to UTF-16, which on Node 20 is ~30 % quicker than V8's decoder for Chinese text, a tenth of a cold
 * start at 100k tickets; anything else (invalid bytes, a Node without ICU) through the usual decoder, so the
 * replacement characters are the usual ones.
 */
export function decodeUtf8(bytes: Buffer): string {
  if (typeof transcode === 'function' && bytes.length > 0 && isUtf8(bytes)) return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  return bytes.toString('utf8');
}

/**
 * The file operations a durable write is made of, so a test can count the flushes (group commit shares them) and
 * see their order. `writeAndSync` creates `temp` (it must not exist), writes `content` and flushes it with fdatasync.
 */
export interface DurableIo {
  writeAndSync(temp: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Makes renames and new names in `dir` durable (fsync of the directory). */
  syncDirectory(dir: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Writes and flushes one journal entry (journal.ts); the real one unless a test fails it like a full disk. */
  appendAndSync?: AppendAndSync;
}

export const nodeIo: DurableIo = {
  async writeAndSync(temp, content) {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      // fdatasync flushes the data and the size, which is all a new file's contents need; cheaper than fsync.
      await handle.datasync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  syncDirectory: (dir) => syncDirectory(dir),
  unlink: (path) => unlink(path),
};

/** temp file + fsync + rename + directory fsync. Rejects (leaving the target as it was) if any step fails. */
export async function writeFileDurably(path: string, content: string, beforeWrite?: (file: string) => Promise<void>): Promise<void> {
  await beforeWrite?.(path);
  await writeFilesDurably([{ path, content }]);
}

/**
 * Several files in one durable step (group commit): every new version goes to its own temp file and the temp files
 * are flushed together, then renamed over their targets in the order given, then each directory is flushed once.
 * When it resolves, every file is its new content on disk; if it rejects before the renames, every target is as it
 * was. The flushes overlap, so the disk commits them together: n files cost about one file's wait, not n.
 */
export async function writeFilesDurably(files: ReadonlyArray<{ path: string; content: string }>, io: DurableIo = nodeIo): Promise<void> {
  const temps = files.map((f) => join(dirname(f.path), `.${basename(f.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`));
  const renamed = new Set<number>();
  try {
    const written = await Promise.allSettled(files.map((f, i) => io.writeAndSync(temps[i]!, f.content)));
    const failed = written.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    for (const [i, f] of files.entries()) {
      await io.rename(temps[i]!, f.path);
      renamed.add(i);
    }
    await Promise.all([...new Set(files.map((f) => dirname(f.path)))].map((dir) => io.syncDirectory(dir)));
  } catch (error) {
    await Promise.all(temps.filter((_, i) => !renamed.has(i)).map((t) => io.unlink(t).catch(() => undefined)));
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
