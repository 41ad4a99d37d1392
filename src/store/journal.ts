/**
 * The lowdb store's write-ahead journal (issue 17, item 5): `journal.log` in the data directory. A commit appends one
 * entry holding what it changed (whole tickets, record values, deleted record keys) and flushes it with one
 * fdatasync; the partition and record files are brought up to date later, several commits at a time (a checkpoint,
 * lowdb-store.ts), and the journal is then emptied. Rewriting a 450 KB partition through temp file, fsync, rename and
 * directory fsync for every ticket event cost ~1 ms of disk and as much CPU; an append costs ~0.2 ms.
 *
 * One entry per line: `<crc32 of the JSON, 8 hex digits> <JSON>\n`. Entries are written one after another, each only
 * once the one before is flushed, so a damaged entry with nothing valid after it is a write a crash interrupted before
 * it was acknowledged (dropped at start), while a damaged entry followed by a valid one is damage to acknowledged data
 * (start-up refuses, naming the file and the entry). Changes are whole values ("this ticket is now…"), so replaying
 * an entry over files that already hold it changes nothing: a crash during a checkpoint loses nothing either.
 */
import { constants, writeSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { TicketSchema } from '../domain/ticket.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { StoreCorruptError, StoreVersionError } from './store.ts';

export const JOURNAL_FILE = 'journal.log';

const TicketChangeSchema = z.object({ ticket: TicketSchema }).strict();
const PutChangeSchema = z.object({ namespace: z.string().min(1), key: z.string(), value: z.unknown() }).strict();
const DeletedChangeSchema = z.object({ namespace: z.string().min(1), key: z.string(), deleted: z.literal(true) }).strict();
export type JournalChange = z.infer<typeof TicketChangeSchema> | z.infer<typeof PutChangeSchema> | z.infer<typeof DeletedChangeSchema>;

/** The schema a change claims by its keys, so an invalid one is reported by its field (a union names none). */
function schemaFor(change: unknown): z.ZodType<JournalChange> {
  if (change !== null && typeof change === 'object' && 'ticket' in change) return TicketChangeSchema;
  return change !== null && typeof change === 'object' && 'deleted' in change ? DeletedChangeSchema : PutChangeSchema;
}

const JournalEntrySchema = z.object({ v: z.number().int().positive(), changes: z.array(z.unknown()) }).strict();

/** A change as the JSON text the entry holds; built by the caller from JSON it already has (see records.ts). */
export const changeText = {
  ticket: (ticketJson: string) => `{"ticket":${ticketJson}}`,
  put: (namespace: string, key: string, valueJson: string) => `{"namespace":${JSON.stringify(namespace)},"key":${JSON.stringify(key)},"value":${valueJson}}`,
  deleted: (namespace: string, key: string) => `{"namespace":${JSON.stringify(namespace)},"key":${JSON.stringify(key)},"deleted":true}`,
};

/**
 * The write and flush of one entry at a position, injectable so tests can fail it like a full disk. `alone`: no
 * other write is queued behind this one, so it may be written from the main thread (see appendAndSync).
 */
export type AppendAndSync = (handle: FileHandle, bytes: Uint8Array, at: number, alone?: boolean) => Promise<void>;

/**
 * Where the system has it, the journal is opened with O_DSYNC: each write returns once its data (and the file's new
 * length) is on disk, one trip to the thread pool instead of a write and an fdatasync (bench: ~0.8 against ~1.3 ms
 * a commit on average on a busy 2-core machine). Elsewhere, an fdatasync follows each write.
 */
const DSYNC: number | undefined = constants.O_DSYNC;
const syncedWrites = new WeakSet<FileHandle>();

/**
 * A main-thread journal write slower than this sends the writes of the next THREAD_POOL_AFTER_SLOW_MS to the pool.
 * On a heavily loaded machine that is the faster place, so the minute is not shortened: at load ~12 on 2 cores,
 * 600 awaited 1 KB appends took a median 3.6 ms each from the main thread and 0.4 ms each through the pool (they were
 * 0.35 against 0.58 ms at low load). Counting only the time the thread was blocked, not waiting for a CPU, kept
 * writes on the main thread under load and made bench:store's median write 4–5 ms instead of 0.7 ms (2026-12-06).
 */
const SLOW_MAIN_THREAD_WRITE_MS = 10;
const THREAD_POOL_AFTER_SLOW_MS = 60_000;
let threadPoolUntil = 0;

export const appendAndSync: AppendAndSync = async (handle, bytes, at, alone = false) => {
  let done = 0;
  if (alone && syncedWrites.has(handle) && performance.now() >= threadPoolUntil) {
    // A write with nothing queued behind it is written from the main thread: handing it to the thread pool and being woken
    // again cost more than the write itself (bench:engine, O_DSYNC on this machine: 0.35 ms on the main thread
    // against 0.58 ms through the pool, and the wake-ups took the main thread's core on a busy machine). The loop
    // waits for the disk meanwhile; if the disk is slow, the next writes go to the pool for a while, so a stalled
    // disk stalls the loop once, not on every write. Durable once it returns, as before.
    const started = performance.now();
    try {
      while (done < bytes.length) done += writeSync(handle.fd, bytes, done, bytes.length - done, at + done);
    } finally {
      if (performance.now() - started > SLOW_MAIN_THREAD_WRITE_MS) threadPoolUntil = performance.now() + THREAD_POOL_AFTER_SLOW_MS;
    }
    return;
  }
  while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done, at + done)).bytesWritten;
  // fdatasync: the data and the new length, which is all replay needs.
  if (!syncedWrites.has(handle)) await handle.datasync();
};

export interface OpenedJournal {
  journal: Journal;
  /** Every complete entry's changes, oldest first, validated. */
  changes: JournalChange[];
  entries: number;
  /** Bytes of an interrupted last write that were cut off (0 when the file ended cleanly). */
  droppedBytes: number;
}

export class Journal {
  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    /** Where the next entry goes: the end of the last entry known to be whole. */
    private length: number,
    private readonly append: AppendAndSync,
  ) {}

  /**
   * Opens (creating) the journal and reads it. A damaged tail is cut off; damage before a valid entry, or an entry
   * that parses but is not a valid change, refuses start-up with a StoreCorruptError naming the file and the entry.
   */
  static async open(file: string, append: AppendAndSync = appendAndSync): Promise<OpenedJournal> {
    // Not in append mode: entries are written at the end of the last whole one (see appendChanges).
    const handle = await open(file, constants.O_RDWR | constants.O_CREAT | (DSYNC ?? 0), 0o644);
    if (DSYNC !== undefined) syncedWrites.add(handle);
    try {
      const bytes = await handle.readFile();
      const { changes, entries, length } = parseJournal(bytes, file);
      if (length < bytes.length) {
        await handle.truncate(length);
        await handle.datasync();
      }
      return { journal: new Journal(file, handle, length, append), changes, entries, droppedBytes: bytes.length - length };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get size(): number {
    return this.length;
  }

  /**
   * Appends one entry of already-serialised changes and flushes it; resolves once it is durable. On failure (a full
   * disk) the journal is cut back to its last whole entry, so the failed write leaves nothing that replays.
   */
  async appendChanges(changes: readonly string[], alone = false): Promise<void> {
    const json = `{"v":${SCHEMA_VERSION},"changes":[${changes.join(',')}]}`;
    const body = Buffer.from(json, 'utf8');
    const line = Buffer.allocUnsafe(body.length + 10);
    line.write(crc32(body).toString(16).padStart(8, '0'), 0, 'latin1');
    line[8] = 0x20;
    body.copy(line, 9);
    line[line.length - 1] = 0x0a;
    try {
      await this.append(this.handle, line, this.length, alone);
    } catch (error) {
      // Shrinking needs no space. If even that fails, the next entry is written over the remains at `length`, and
      // anything left beyond it is a damaged tail, cut off at the next start.
      await this.handle.truncate(this.length).catch(() => undefined);
      throw error;
    }
    this.length += line.length;
  }

  /** Empties the journal once everything in it is in the data files (a checkpoint). */
  async reset(): Promise<void> {
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.length = 0;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** The entries of a journal's bytes and where the whole ones end. Pure, so tests can feed it damaged bytes. */
export function parseJournal(bytes: Uint8Array, file: string): { changes: JournalChange[]; entries: number; length: number } {
  const changes: JournalChange[] = [];
  let entries = 0;
  let at = 0;
  let damaged: { at: number; why: string } | undefined;
  while (at < bytes.length) {
    const end = bytes.indexOf(0x0a, at);
    const line = end < 0 ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at);
    const entry = line && readEntry(line);
    if (entry === undefined || typeof entry === 'string') {
      // Damaged: fine as the tail of an interrupted write, unless a whole entry follows.
      damaged ??= { at, why: entry ?? 'it is cut short' };
      if (end < 0) break;
      at = end + 1;
      continue;
    }
    if (damaged) {
      throw new StoreCorruptError(
        file,
        `the journal entry at byte ${damaged.at} is damaged (${damaged.why}), but entries written after it are whole, so it was acknowledged`,
      );
    }
    entries += 1;
    if (entry.v > SCHEMA_VERSION) {
      throw new StoreVersionError(file, `${file} has schema version ${entry.v}; this Huiyin reads up to ${SCHEMA_VERSION}. It was written by a newer Huiyin`);
    }
    const invalid = (error: z.ZodError, prefix: string) => {
      const issue = error.issues[0];
      const path = [prefix, ...(issue?.path.map(String) ?? [])].filter(Boolean).join('.') || '(top)';
      return new StoreCorruptError(file, `the journal entry at byte ${at} is invalid (${path}: ${issue?.message ?? 'unknown problem'})`);
    };
    const parsed = JournalEntrySchema.safeParse(entry);
    if (!parsed.success) throw invalid(parsed.error, '');
    for (const [i, raw] of parsed.data.changes.entries()) {
      const change = schemaFor(raw).safeParse(raw);
      if (!change.success) throw invalid(change.error, `changes.${i}`);
      changes.push(change.data);
    }
    at = end + 1;
  }
  return { changes, entries, length: damaged?.at ?? bytes.length };
}

/** The parsed JSON of a whole line whose checksum matches, or why not. */
function readEntry(line: Buffer): { v: number } | string {
  if (line.length < 10 || line[8] !== 0x20) return 'no checksum';
  const body = line.subarray(9);
  if (crc32(body).toString(16).padStart(8, '0') !== line.subarray(0, 8).toString('latin1')) return 'its checksum does not match';
  try {
    const entry: unknown = JSON.parse(body.toString('utf8'));
    const v = (entry as { v?: unknown } | null)?.v;
    return typeof v === 'number' ? (entry as { v: number }) : 'no version';
  } catch {
    return 'not JSON';
  }
}
