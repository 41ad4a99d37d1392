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
 *
 * File layout (padded journal): the entries, then zero bytes up to the end of the file. After open and after each
 * checkpoint's reset the file is filled with zeros up to a multiple of REGION_BYTES and flushed once (the first
 * append waits for it, start-up and the checkpoint do not); an entry is
 * written over the zeros at the end of the last whole one, so its O_DSYNC write changes no file length and the
 * filesystem has no size change to commit with it (perf3: 400 awaited 1.1 KB appends through the thread pool took
 * 94–251 ms over zeros against 147–1,643 ms at the end of the file, alternated, load ~9). When the zeros run out, the
 * file is extended by another region (one longer write), then appends are fast again. The entries end at the first
 * zero byte where an entry would start. Non-zero bytes after that are a torn write (cut at start, as before) unless a
 * whole entry follows them, which refuses start-up as before. A clean close cuts the zeros off, so a stopped store's
 * journal holds only entries (none after its last checkpoint). A Huiyin from before this layout reads the zeros as a
 * write cut short and cuts them off: it loses nothing.
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

/**
 * The zero-filled room is made in multiples of this. The checkpoint runs at 4 MB of entries (lowdb-store.ts), so a
 * journal normally lives in its first region and is extended only past it; filling 4 MB took 26–66 ms at load ~9.
 */
export const REGION_BYTES = 4 * 2 ** 20;

export interface OpenedJournal {
  journal: Journal;
  /** Every complete entry's changes, oldest first, validated. */
  changes: JournalChange[];
  entries: number;
  /** Bytes of an interrupted last write that were cut off (0 when the file ended cleanly; zeros are not counted). */
  droppedBytes: number;
}

const roundUp = (n: number, region: number) => Math.ceil(n / region) * region;

export class Journal {
  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    /** Where the next entry goes: the end of the last entry known to be whole. */
    private length: number,
    private readonly append: AppendAndSync,
    /** The end of the file: bytes from `length` up to here are zeros, flushed. */
    private end: number,
    private readonly region: number,
  ) {}

  /** Whether the last attempt to make room failed (a full disk): appends then extend the file as they did before. */
  private roomFailed = false;
  /** Room being made after open or reset, not waited for there (start-up, a checkpoint); the next append waits. */
  private room: Promise<void> | undefined;

  /**
   * Opens (creating) the journal and reads it. A damaged tail is cut off; damage before a valid entry, or an entry
   * that parses but is not a valid change, refuses start-up with a StoreCorruptError naming the file and the entry.
   */
  static async open(file: string, append: AppendAndSync = appendAndSync, region = REGION_BYTES): Promise<OpenedJournal> {
    // Not in append mode: entries are written at the end of the last whole one (see appendChanges).
    const handle = await open(file, constants.O_RDWR | constants.O_CREAT | (DSYNC ?? 0), 0o644);
    if (DSYNC !== undefined) syncedWrites.add(handle);
    try {
      const bytes = await handle.readFile();
      const { changes, entries, length, damagedBytes } = parseJournal(bytes, file);
      let end = bytes.length;
      const journal = () => new Journal(file, handle, length, append, end, region);
      if (damagedBytes > 0) {
        // A torn write (a crash): cut off, and the room it was in made again before start-up goes on.
        await handle.truncate(length);
        await handle.datasync();
        end = length;
        const repaired = journal();
        await repaired.makeRoom(length + 1);
        return { journal: repaired, changes, entries, droppedBytes: damagedBytes };
      }
      // Otherwise start-up does not wait for the room (4 MB, tens of ms on a busy disk); the first append does.
      const opened = journal();
      opened.room = opened.makeRoom(length + 1);
      return { journal: opened, changes, entries, droppedBytes: 0 };
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
    await this.settled();
    if (this.length + line.length > this.end) await this.makeRoom(this.length + line.length);
    try {
      await this.append(this.handle, line, this.length, alone);
    } catch (error) {
      // Whatever the failed write added past the zeros is cut off (shrinking needs no space). What it left over the
      // zeros, or anything if even the cut fails, is overwritten by the next entry at `length`, and anything left
      // beyond that is a damaged tail, cut off at the next start.
      await this.handle.truncate(this.end).catch(() => undefined);
      throw error;
    }
    this.length += line.length;
    this.end = Math.max(this.end, this.length);
  }

  /**
   * Fills the file with zeros from its end up to a whole region past `needed`, flushed, so the entries up to there
   * are written over them. On failure (a full disk) appends extend the file as they would without the zeros, and no
   * new room is tried until the next reset.
   */
  private async makeRoom(needed: number): Promise<void> {
    if (this.roomFailed || needed <= this.end) return;
    const target = roundUp(needed, this.region);
    try {
      await this.append(this.handle, Buffer.alloc(target - this.end), this.end, false);
      this.end = target;
    } catch {
      this.roomFailed = true;
      // Zeros that made it in are cut off again: on a nearly full disk they would take the space the data files need.
      await this.handle.truncate(this.end).catch(() => undefined);
    }
  }

  /** Resolves once the room being made after open or reset is there (or could not be made). */
  async settled(): Promise<void> {
    if (this.room) {
      await this.room;
      this.room = undefined;
    }
  }

  /**
   * Empties the journal once everything in it is in the data files (a checkpoint). Its room is made again without
   * holding the checkpoint up: the next append waits for it.
   */
  async reset(): Promise<void> {
    await this.settled();
    await this.handle.truncate(0);
    await this.handle.datasync();
    this.length = 0;
    this.end = 0;
    this.roomFailed = false;
    this.room = this.makeRoom(1);
  }

  /** Cuts the zeros off (a stopped store's journal holds only entries), then closes. */
  async close(): Promise<void> {
    try {
      await this.settled();
      if (this.end > this.length) {
        await this.handle.truncate(this.length);
        await this.handle.datasync();
      }
    } finally {
      await this.handle.close();
    }
  }
}

/** The first byte at or after `from` that is not zero, or -1. */
function nonZeroFrom(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i += 1) if (bytes[i] !== 0) return i;
  return -1;
}

/**
 * The entries of a journal's bytes, where the whole ones end (`length`), and how many bytes after that are not zeros
 * (`damagedBytes`: a write cut short, from its first to the file's last non-zero byte). Pure, so tests can feed it
 * damaged bytes.
 */
export function parseJournal(bytes: Uint8Array, file: string): { changes: JournalChange[]; entries: number; length: number; damagedBytes: number } {
  const changes: JournalChange[] = [];
  let entries = 0;
  let at = 0;
  let damaged: { at: number; why: string } | undefined;
  while (at < bytes.length) {
    if (bytes[at] === 0) {
      // The zeros after the entries. Anything after them is a torn write, unless a whole entry follows (checked on).
      damaged ??= { at, why: 'zero bytes where an entry should start' };
      at = nonZeroFrom(bytes, at);
      if (at < 0) break;
      continue;
    }
    const end = bytes.indexOf(0x0a, at);
    // Only this line is searched: a search of the whole rest would scan the zeros once for every entry at start-up.
    const zero = bytes.subarray(at, end < 0 ? bytes.length : end).indexOf(0);
    if (zero >= 0) {
      // No entry holds a zero byte (JSON escapes it): a write cut short before the zeros, seen to first.
      damaged ??= { at, why: 'it is cut short' };
      at += zero;
      continue;
    }
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
  const length = damaged?.at ?? bytes.length;
  let last = bytes.length - 1;
  while (last >= length && bytes[last] === 0) last -= 1;
  const first = last < length ? -1 : nonZeroFrom(bytes, length);
  return { changes, entries, length, damagedBytes: first < 0 ? 0 : last + 1 - first };
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
