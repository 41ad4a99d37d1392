/**
 * The embedded default store: lowdb JSON files in one data directory, owned by one process (lock.ts).
 *
 * Layout:  tickets/R-0000.json          R0001–R0249, R-0250.json R0250–R0499... (250 numbers a file; partitions.ts)
 *          tickets/R-0000.summary.json  derived cache: one summary row per ticket, keyed to the partition's inode/size/mtime
 *          records/<namespace>.json     small key-value records, one file per namespace
 *          backups/<run start>/...      each file as it was before its first overwrite in that run (last N runs)
 *          huiyin.lock                  {pid, host, since}
 *
 * Why partitions by number rather than by month: the number names the file, so `getTicket` needs no index and the
 * next number is derived from the data itself (highest sequence found + 1), so a crash can never reuse one. One write
 * rewrites one partition (≤ 250 tickets, ~5 ms with fsync) instead of everything.
 * Why summaries: parsing 100k tickets (150 MB) takes ~1.3 s and validating them another ~1 s, over the 2 s start-up
 * budget. Start-up reads only the summaries (re-deriving any that do not match their partition), which also carry
 * copies of the tickets not yet closed, so open work is in memory from the start; partitions are loaded (and fully
 * validated) when another ticket in them is read or written, and at most 64 (by default) stay in memory.
 *          journal.log                  what changed since the files were last brought up to date (journal.ts)
 * Every write: validate → one journal entry appended and fdatasync'd → then update memory. Writes are computed one at
 * a time; those that arrive while the disk is busy are committed together, one flush for the lot (group-commit.ts).
 * The partition and record files a write changed are rewritten later, all at once (a checkpoint: temp file, fsync,
 * rename, fsync dir, then the journal is emptied), CHECKPOINT_MS after the first change, when the journal reaches
 * CHECKPOINT_BYTES, and at close; start-up replays the journal over the files. Until then they are pinned in memory.
 */
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { TicketEventSchema, type TicketEvent } from '../domain/events.ts';
import { OwnerSchema } from '../domain/people.ts';
import { applyEvent, createTicket, type TransitionRules } from '../domain/state-machine.ts';
import type { Ticket } from '../domain/ticket.ts';
import { prefixFor, sequenceOf, type TicketNumber, TicketNumberSchema, type TicketPrefix } from '../domain/ticket-number.ts';
import { Backups } from './backups.ts';
import { plainParse } from './plain-check.ts';
import { acquireLock, type DirectoryLock } from './lock.ts';
import {
  type FileIdentity,
  freezeTicket,
  identityOf,
  numberOf,
  parseTicket,
  Partition,
  PARTITION_FILE,
  parsePartitionKey,
  partitionOf,
  partitionPath,
  readSummary,
  summaryRowOf,
  writeSummary,
} from './partitions.ts';
import { MIN_PARTITIONS_FOR_WORKERS, PartitionScanPool } from './partition-scan.ts';
import { NAMESPACE_FILE, namespaceFileName, ownCopy, RecordSet } from './records.ts';
import type { SummaryRow } from './schema.ts';
import {
  type NewTicket,
  type RecordChange,
  type Store,
  StoreCorruptError,
  StoreVersionError,
  type TicketQuery,
  UnknownTicketError,
  type WriteOptions,
} from './store.ts';
import { type DurableIo, nodeIo, writeFilesDurably } from './durable-file.ts';
import { GroupCommitQueue, Txn } from './group-commit.ts';
import { JOURNAL_FILE, Journal, type JournalChange } from './journal.ts';

export interface LowdbStoreOptions {
  dataDir: string;
  transitionRules?: TransitionRules;
  /** How many runs' backup directories to keep (default 5; 0 turns backups off). */
  backups?: number;
  log?: (msg: string) => void;
  /** Partitions kept in memory at once (default 64, 250 tickets each); tests set it low to exercise reloading. */
  maxLoadedPartitions?: number;
  /** The file operations of a durable write; tests count the flushes through it. */
  io?: DurableIo;
  /** From this many partitions to read and validate at start-up, worker threads do it (default MIN_PARTITIONS_FOR_WORKERS). */
  threadsFrom?: number;
  /** How long after the first change not yet in the files a checkpoint runs (default CHECKPOINT_MS). */
  checkpointMs?: number;
  /** Journal size that triggers a checkpoint at once (default CHECKPOINT_BYTES). */
  checkpointBytes?: number;
}

/** The event and owner a write is given, as zod returns them, checked plainly where it can (plain-check.ts). */
const parseEvent = plainParse(TicketEventSchema);
const parseOwner = plainParse(OwnerSchema);

/** Partitions kept in memory (~450 KB of JSON each); older ones are read again when needed. */
const DEFAULT_MAX_LOADED = 64;
/** Summary caches are rewritten this long after a change (and at close); a crash only costs a re-derivation. */
const SUMMARY_FLUSH_MS = 5_000;
const LOAD_CONCURRENCY = 4;
/**
 * Checkpoints: each rewrites every file changed since the last (a partition is ~450 KB), so not too often; the
 * journal they empty is replayed at start, so not too rarely either (4 MB replays in well under a second).
 */
const CHECKPOINT_MS = 30_000;
const CHECKPOINT_BYTES = 4 * 2 ** 20;
/** The identity of a partition that exists only in the journal so far; no summary cache is written for it meanwhile. */
const NOT_WRITTEN: FileIdentity = { ino: 0, size: 0, mtimeMs: 0 };
const TEMP_FILE = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

/** What start-up knows about a partition without loading it. */
interface PartitionInfo {
  key: string;
  ledger: TicketPrefix;
  block: number;
  file: string;
  identity: FileIdentity;
  rows: Map<number, SummaryRow>;
  summaryDirty: boolean;
}

/** Opens (creating if needed) the data directory and returns the store once it is ready. */
export async function openLowdbStore(options: LowdbStoreOptions): Promise<Store> {
  const store = new LowdbStore(options);
  await store.open();
  return store;
}

class LowdbStore implements Store {
  private readonly dataDir: string;
  private readonly ticketsDir: string;
  private readonly recordsDir: string;
  private readonly log: (msg: string) => void;
  private readonly rules: TransitionRules | undefined;
  private readonly maxLoaded: number;
  private readonly threadsFrom: number;
  private readonly backups: Backups;
  private readonly queue: GroupCommitQueue;
  private readonly infos = new Map<string, PartitionInfo>();
  private readonly loaded = new Map<string, Partition>();
  private readonly loading = new Map<string, Promise<Partition>>();
  /** Successful writes per partition: a load that overlapped a write is not trusted (it may hold the old file). */
  private readonly generation = new Map<string, number>();
  private readonly records = new Map<string, RecordSet>();
  /** Every ticket that is not closed (the copies in the summary caches, kept equal to the partitions). */
  private readonly active = new Map<TicketNumber, Ticket>();
  /** Owner (`platform:id`, as in a summary row) → partition key → sequence numbers of their tickets; see rowsOf. */
  private ownerIndex: Map<string, Map<string, Set<number>>> | undefined;
  private readonly lastSequence: Record<TicketPrefix, number> = { R: 0, C: 0, S: 0 };
  /** Keys under which a batch stages a ledger's last number (createTicket within one batch). */
  private readonly sequenceKeys: Record<TicketPrefix, object> = { R: {}, C: {}, S: {} };
  private lock: DirectoryLock | undefined;
  private closed = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly io: DurableIo;
  private readonly checkpointMs: number;
  private readonly checkpointBytes: number;
  /** Partitions and record sets whose file is behind memory (the journal holds the difference). */
  private readonly dirtyPartitions = new Map<string, Partition>();
  private readonly dirtyRecords = new Set<RecordSet>();
  private checkpointTimer: NodeJS.Timeout | undefined;
  private checkpointQueued: Promise<void> | undefined;
  /** After a failed checkpoint (a full disk), the next waits for the timer rather than following every write. */
  private checkpointBackoff = false;

  constructor(options: LowdbStoreOptions) {
    this.dataDir = options.dataDir;
    this.ticketsDir = join(this.dataDir, 'tickets');
    this.recordsDir = join(this.dataDir, 'records');
    this.log = options.log ?? ((msg) => console.error(msg));
    this.rules = options.transitionRules;
    this.maxLoaded = Math.max(1, options.maxLoadedPartitions ?? DEFAULT_MAX_LOADED);
    this.backups = new Backups(this.dataDir, options.backups ?? 5, this.log);
    this.io = options.io ?? nodeIo;
    this.queue = new GroupCommitQueue(this.io);
    this.checkpointMs = options.checkpointMs ?? CHECKPOINT_MS;
    this.checkpointBytes = options.checkpointBytes ?? CHECKPOINT_BYTES;
    this.threadsFrom = options.threadsFrom ?? MIN_PARTITIONS_FOR_WORKERS;
  }

  async open(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    this.lock = await acquireLock(this.dataDir, this.log);
    try {
      await mkdir(this.ticketsDir, { recursive: true });
      await mkdir(this.recordsDir, { recursive: true });
      await this.scanTickets();
      await this.scanRecords();
      await this.openJournal();
      // Summaries derived during the scan are caches: written shortly after start-up, not before serving.
      this.scheduleSummaryFlush();
    } catch (error) {
      await this.queue.journal?.close().catch(() => undefined);
      await this.lock.release();
      this.closed = true;
      throw await this.explain(error);
    }
  }

  // ---- tickets ----

  createTicket(input: NewTicket): Promise<Ticket> {
    return this.mutate(async (txn) => {
      const created = parseEvent(input.created);
      if (created.type !== 'created') throw new TypeError(`createTicket needs a created event, got ${created.type}`);
      const ledger = prefixFor(created.category);
      const sequence = (txn.valueOf<number>(this.sequenceKeys[ledger]) ?? this.lastSequence[ledger]) + 1;
      const number = numberOf(ledger, sequence);
      let draft = createTicket({ number, estate: input.estate, owner: parseOwner(input.owner), created });
      for (const event of input.then ?? []) draft = applyEvent(draft, parseEvent(event), this.rules);
      const ticket = freezeTicket(parseTicket(draft));
      await this.writePartition(txn, partitionOf(ticket.number).key, [ticket]);
      txn.stage(this.sequenceKeys[ledger], { value: sequence, apply: () => (this.lastSequence[ledger] = Math.max(this.lastSequence[ledger], sequence)) });
      for (const change of input.records?.(ticket) ?? []) this.stageChange(txn, change);
      return ticket;
    });
  }

  async getTicket(number: TicketNumber): Promise<Ticket | undefined> {
    this.assertOpen();
    if (!this.exists(number)) return undefined;
    const key = partitionOf(number).key;
    const inMemory = this.loaded.get(key)?.get(number) ?? this.active.get(number);
    if (inMemory) return inMemory;
    return (await this.partition(key)).get(number);
  }

  appendEvent(number: TicketNumber, event: TicketEvent): Promise<Ticket> {
    return this.appendEvents(number, [event]);
  }

  appendEvents(number: TicketNumber, events: readonly TicketEvent[]): Promise<Ticket> {
    return this.mutate(async (txn) => {
      if (!this.exists(number)) throw new UnknownTicketError(number);
      const key = partitionOf(number).key;
      const partition = await this.partitionIn(txn, key);
      const current = partition.getIn(txn, number);
      if (!current) throw new UnknownTicketError(number);
      if (events.length === 0) return current;
      let draft = current;
      for (const event of events) draft = applyEvent(draft, parseEvent(event), this.rules);
      const next = freezeTicket(parseTicket(draft));
      await this.writePartition(txn, key, [next]);
      return next;
    });
  }

  appendEventsMany(batch: ReadonlyArray<{ number: TicketNumber; events: readonly TicketEvent[] }>) {
    return this.mutate(async (txn) => {
      const byPartition = new Map<string, Ticket[]>();
      const refused: Array<{ number: TicketNumber; error: Error }> = [];
      const updated = new Map<TicketNumber, Ticket>();
      for (const { number, events } of batch) {
        try {
          if (!this.exists(number)) throw new UnknownTicketError(number);
          const key = partitionOf(number).key;
          const current = updated.get(number) ?? (await this.partitionIn(txn, key)).getIn(txn, number);
          if (!current) throw new UnknownTicketError(number);
          let draft = current;
          for (const event of events) draft = applyEvent(draft, parseEvent(event), this.rules);
          const next = freezeTicket(parseTicket(draft));
          updated.set(number, next);
          byPartition.set(key, [...(byPartition.get(key) ?? []).filter((t) => t.number !== number), next]);
        } catch (error) {
          refused.push({ number, error: error as Error });
        }
      }
      for (const [key, tickets] of byPartition) await this.writePartition(txn, key, tickets);
      return { tickets: [...updated.values()], refused };
    });
  }

  async listTickets(query: TicketQuery = {}): Promise<Ticket[]> {
    this.assertOpen();
    const from = query.createdFrom === undefined ? -Infinity : Date.parse(query.createdFrom);
    const to = query.createdTo === undefined ? Infinity : Date.parse(query.createdTo);
    const owner = query.owner ? `${query.owner.platform}:${query.owner.id}` : undefined;
    const wanted: Array<{ key: string; number: TicketNumber; created: number }> = [];
    for (const [info, rows] of owner === undefined ? this.allRows() : this.rowsOf(owner)) {
      for (const row of rows) {
        const [seq, status, estate, unit, ownerKey, created] = row;
        if (query.estate !== undefined && estate !== query.estate) continue;
        if (query.status !== undefined && !(query.status as readonly string[]).includes(status)) continue;
        if (query.unit !== undefined && unit !== query.unit) continue;
        if (owner !== undefined && ownerKey !== owner) continue;
        if (created < from || created >= to) continue;
        wanted.push({ key: info.key, number: numberOf(info.ledger, seq), created });
      }
    }
    // Most owner queries find nothing (an owner's chatter asks on most of their messages): no maps to make then.
    if (wanted.length === 0) return [];
    wanted.sort((a, b) => a.created - b.created || compareNumbers(a.number, b.number));
    const found = new Map<TicketNumber, Ticket>();
    const missing = new Map<string, TicketNumber[]>();
    for (const w of wanted) {
      const ticket = this.loaded.get(w.key)?.get(w.number) ?? this.active.get(w.number);
      if (ticket) found.set(w.number, ticket);
      else missing.set(w.key, [...(missing.get(w.key) ?? []), w.number]);
    }
    for (const [key, numbers] of missing) {
      const partition = await this.partition(key);
      for (const number of numbers) found.set(number, partition.get(number)!);
    }
    return wanted.map((w) => found.get(w.number)!);
  }

  private *allRows(): Iterable<[PartitionInfo, Iterable<SummaryRow>]> {
    for (const info of this.infos.values()) yield [info, info.rows.values()];
  }

  /**
   * The rows of this owner's tickets, by partition: an owner's query reads their rows only, not every row of the
   * store nor every row of each partition they have a ticket in (the owner's rating words, 进度 and answers to staff
   * ask one on most owner messages; bench:engine profile). Built at the first such query, kept up to date after; an
   * entry is never taken out, so it may name a row in vain, which the scan's own owner test then skips.
   */
  private rowsOf(owner: string): Array<[PartitionInfo, SummaryRow[]]> {
    if (!this.ownerIndex) {
      this.ownerIndex = new Map();
      for (const info of this.infos.values()) for (const row of info.rows.values()) this.indexOwner(row, info.key);
    }
    // An array, not a generator: one object fewer per query, and most owners have no ticket (bench:engine heap profile).
    const found: Array<[PartitionInfo, SummaryRow[]]> = [];
    for (const [key, sequences] of this.ownerIndex.get(owner) ?? []) {
      const info = this.infos.get(key);
      if (!info) continue;
      const rows: SummaryRow[] = [];
      for (const seq of sequences) {
        const row = info.rows.get(seq);
        if (row) rows.push(row);
      }
      found.push([info, rows]);
    }
    return found;
  }

  private indexOwner(row: SummaryRow, key: string): void {
    if (!this.ownerIndex) return;
    let partitions = this.ownerIndex.get(row[4]);
    if (!partitions) this.ownerIndex.set(row[4], (partitions = new Map()));
    let sequences = partitions.get(key);
    if (!sequences) partitions.set(key, (sequences = new Set()));
    sequences.add(row[0]);
  }

  // ---- records ----

  async getRecord<T>(namespace: string, key: string): Promise<T | undefined> {
    this.assertOpen();
    return this.records.get(namespace)?.get(key) as T | undefined;
  }

  putRecord(namespace: string, key: string, value: unknown, options?: WriteOptions): Promise<void> {
    const stored = ownCopy(value)?.value;
    if (stored === undefined) return Promise.reject(new TypeError(`record ${namespace}/${key}: value is not JSON-serialisable`));
    return this.mutate(async (txn) => {
      this.stageRecords(txn, this.recordSet(namespace), [[key, stored]]);
    }, options?.deferred);
  }

  putRecords(namespace: string, entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
    const stored = entries.map(([key, value]): [string, unknown] => {
      const copy = ownCopy(value);
      if (copy === undefined) throw new TypeError(`record ${namespace}/${key}: value is not JSON-serialisable`);
      return [key, copy.value];
    });
    if (stored.length === 0) return Promise.resolve();
    return this.mutate(async (txn) => {
      this.stageRecords(txn, this.recordSet(namespace), stored);
    });
  }

  deleteRecord(namespace: string, key: string, options?: WriteOptions): Promise<void> {
    return this.mutate(async (txn) => {
      const set = this.records.get(namespace);
      if (set?.hasIn(txn, key)) this.stageRecords(txn, set, [[key, undefined]]);
    }, options?.deferred);
  }

  async listRecords<T>(namespace: string): Promise<Array<[string, T]>> {
    this.assertOpen();
    return (this.records.get(namespace)?.entries() ?? []) as Array<[string, T]>;
  }

  async listNamespaces(): Promise<string[]> {
    this.assertOpen();
    return [...this.records.values()].filter((set) => set.entries().length > 0).map((set) => set.namespace).sort();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.idle();
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    await this.checkpoint().catch((error: Error) =>
      this.log(`store: could not bring the data files up to date at close (${error.message}); ${JOURNAL_FILE} keeps every change and is replayed at the next start`),
    );
    await this.queue.journal?.close();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    await this.flushing;
    await this.flushSummaries().catch((error: Error) => this.log(`store: could not save summary caches (${error.message})`));
    await this.lock?.release();
  }

  // ---- internals ----

  private assertOpen(): void {
    if (this.closed) throw new Error(`the store on ${this.dataDir} is closed`);
  }

  private mutate<T>(task: (txn: Txn) => Promise<T>, deferred = false): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`the store on ${this.dataDir} is closed`));
    return this.queue.run(async (txn) => {
      try {
        return await task(txn);
      } catch (error) {
        throw await this.explain(error);
      }
    }, deferred);
  }

  private exists(number: TicketNumber): boolean {
    if (!TicketNumberSchema.safeParse(number).success) return false;
    const p = partitionOf(number);
    return this.infos.get(p.key)?.rows.has(sequenceOf(number)) ?? false;
  }

  /**
   * Stages tickets of one partition for the batch's durable write; once it is on disk, the summaries follow. Runs
   * inside the write queue. The partition stays pinned (not evicted) until the batch ends.
   */
  private async writePartition(txn: Txn, key: string, tickets: Ticket[]): Promise<void> {
    const p = parsePartitionKey(key)!;
    const partition = await this.partitionIn(txn, key);
    partition.stagePut(txn, tickets);
    txn.after(() => {
      this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
      // If a concurrent load pushed this object out, put it back: it is the one that holds what is durable.
      this.loaded.delete(key);
      this.loaded.set(key, partition);
      this.markPartitionDirty(partition);
      let info = this.infos.get(key);
      if (!info) {
        info = { key, ledger: p.ledger, block: p.block, file: partition.file, identity: NOT_WRITTEN, rows: new Map(), summaryDirty: true };
        this.infos.set(key, info);
      }
      for (const ticket of tickets) {
        const row = summaryRowOf(ticket);
        info.rows.set(sequenceOf(ticket.number), row);
        this.indexOwner(row, key);
        if (ticket.status === 'closed') this.active.delete(ticket.number);
        else this.active.set(ticket.number, ticket);
      }
      info.summaryDirty = true;
      this.scheduleSummaryFlush();
    });
  }

  /** One record change of a multi-namespace write, staged like putRecord / deleteRecord would. */
  private stageChange(txn: Txn, change: RecordChange): void {
    if ('deleted' in change) {
      const set = this.records.get(change.namespace);
      if (set?.hasIn(txn, change.key)) this.stageRecords(txn, set, [[change.key, undefined]]);
      return;
    }
    const copy = ownCopy(change.value);
    if (copy === undefined) throw new TypeError(`record ${change.namespace}/${change.key}: value is not JSON-serialisable`);
    this.stageRecords(txn, this.recordSet(change.namespace), [[change.key, copy.value]]);
  }

  private stageRecords(txn: Txn, set: RecordSet, entries: ReadonlyArray<readonly [string, unknown]>): void {
    set.stageMany(txn, entries);
    txn.after(() => {
      this.dirtyRecords.add(set);
      this.scheduleCheckpoint();
    });
  }

  /** A partition whose file is behind memory stays pinned (never evicted and read again) until the checkpoint. */
  private markPartitionDirty(partition: Partition): void {
    if (!this.dirtyPartitions.has(partition.key)) {
      this.dirtyPartitions.set(partition.key, partition);
      partition.pins += 1;
    }
    this.scheduleCheckpoint();
  }

  private scheduleCheckpoint(): void {
    const journal = this.queue.journal;
    if (journal && journal.size >= this.checkpointBytes && !this.checkpointBackoff) {
      void this.checkpoint().catch((error: Error) => this.checkpointFailed(error));
      return;
    }
    if (this.checkpointTimer || this.closed) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      this.checkpoint().catch((error: Error) => this.checkpointFailed(error));
    }, this.checkpointMs);
    this.checkpointTimer.unref();
  }

  private checkpointFailed(error: Error): void {
    this.log(`store: could not bring the data files up to date (${error.message}); ${JOURNAL_FILE} keeps every change, trying again later`);
    this.checkpointBackoff = true;
    if (!this.closed) this.scheduleCheckpoint();
  }

  /**
   * Writes every file that is behind memory (temp file, fsync, rename, directory fsync, all together), then empties
   * the journal. Runs between batches, so memory is exactly files + journal while it writes. A crash before the
   * journal is emptied replays it over files that may already hold it, which changes nothing (journal.ts).
   */
  private checkpoint(): Promise<void> {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    this.checkpointQueued ??= this.queue
      .exclusive(async () => {
        this.checkpointQueued = undefined;
        const journal = this.queue.journal;
        const partitions = [...this.dirtyPartitions.values()];
        const sets = [...this.dirtyRecords];
        const files = [...partitions.map((p) => ({ path: p.file, content: p.serialize() })), ...sets.map((r) => ({ path: r.file, content: r.serialize() }))];
        for (const f of files) await this.backups.beforeOverwrite(f.path);
        if (files.length > 0) await writeFilesDurably(files, this.io);
        // Deferred changes are in memory, so in the files just written: durable now.
        this.queue.pending.length = 0;
        if (journal && journal.size > 0) await journal.reset();
        for (const partition of partitions) {
          this.dirtyPartitions.delete(partition.key);
          partition.pins -= 1;
          const info = this.infos.get(partition.key);
          if (info) {
            info.identity = await identityOf(partition.file);
            info.summaryDirty = true;
          }
        }
        for (const set of sets) this.dirtyRecords.delete(set);
        this.checkpointBackoff = false;
        this.evict();
        if (partitions.length > 0) this.scheduleSummaryFlush();
      })
      .catch((error: unknown) => {
        this.checkpointQueued = undefined;
        throw error;
      });
    return this.checkpointQueued;
  }

  /**
   * Opens the journal and puts what it holds back into memory, on top of the files, as the writes it records did.
   * Nothing is written: the changes are already durable, and the files follow at the next checkpoint.
   */
  private async openJournal(): Promise<void> {
    const file = join(this.dataDir, JOURNAL_FILE);
    const { journal, changes, entries, droppedBytes } = await Journal.open(file, this.io.appendAndSync);
    this.queue.journal = journal;
    if (droppedBytes > 0) {
      this.log(`store: cut ${droppedBytes} byte(s) off the end of ${file}: a write that a crash interrupted before it was acknowledged`);
    }
    if (changes.length === 0) return;
    await this.replay(changes);
    this.log(`store: replayed ${entries} journal entr${entries === 1 ? 'y' : 'ies'} from ${file}`);
  }

  private async replay(changes: readonly JournalChange[]): Promise<void> {
    // The last version of each ticket and record wins, staged once per partition and namespace.
    const tickets = new Map<string, Map<TicketNumber, Ticket>>();
    const records = new Map<string, Array<[string, unknown]>>();
    for (const change of changes) {
      if ('ticket' in change) {
        const key = partitionOf(change.ticket.number).key;
        if (!tickets.has(key)) tickets.set(key, new Map());
        tickets.get(key)!.set(change.ticket.number, freezeTicket(change.ticket));
      } else {
        if (!records.has(change.namespace)) records.set(change.namespace, []);
        records.get(change.namespace)!.push([change.key, 'deleted' in change ? undefined : change.value]);
      }
    }
    const txn = new Txn();
    try {
      for (const [key, byNumber] of tickets) {
        const ledger = parsePartitionKey(key)!.ledger;
        for (const number of byNumber.keys()) this.lastSequence[ledger] = Math.max(this.lastSequence[ledger], sequenceOf(number));
        await this.writePartition(txn, key, [...byNumber.values()]);
      }
      for (const [namespace, entries] of records) this.stageRecords(txn, this.recordSet(namespace), entries);
      await txn.commit({ kind: 'replayed' });
    } finally {
      txn.end();
    }
  }

  /**
   * The partition for `key` as a write sees it: the one object the whole batch stages its changes on, pinned (not
   * evicted, not loaded a second time) until the batch ends.
   */
  private async partitionIn(txn: Txn, key: string): Promise<Partition> {
    const held = txn.valueOf<Partition>(`partition:${key}`);
    if (held) return held;
    const partition = await this.partition(key);
    partition.pins += 1;
    txn.finally(() => (partition.pins -= 1));
    txn.stage(`partition:${key}`, { value: partition, apply: () => undefined });
    return partition;
  }

  /** The partition for `key`, loading it (once, even when asked concurrently) if it is not in memory. */
  private async partition(key: string): Promise<Partition> {
    const hit = this.loaded.get(key);
    if (hit) {
      this.loaded.delete(key);
      this.loaded.set(key, hit);
      return hit;
    }
    const pending = this.loading.get(key);
    if (pending) return pending;
    const { ledger, block } = parsePartitionKey(key)!;
    const partition = new Partition(key, ledger, block, partitionPath(this.ticketsDir, key), (f) => this.backups.beforeOverwrite(f));
    const generation = this.generation.get(key) ?? 0;
    const load = (async () => {
      try {
        if (this.infos.has(key)) await partition.load();
      } catch (error) {
        throw await this.explain(error);
      }
      return partition;
    })();
    this.loading.set(key, load);
    try {
      await load;
    } finally {
      this.loading.delete(key);
    }
    if ((this.generation.get(key) ?? 0) !== generation) return this.partition(key);
    const current = this.loaded.get(key);
    if (current) return current;
    this.loaded.set(key, partition);
    this.evict();
    return partition;
  }

  private evict(): void {
    for (const [key, partition] of this.loaded) {
      if (this.loaded.size <= this.maxLoaded) return;
      if (partition.pins === 0) this.loaded.delete(key);
    }
  }

  private async scanTickets(): Promise<void> {
    const names = await readdir(this.ticketsDir);
    await this.removeTempFiles(this.ticketsDir, names);
    const keys: Array<{ key: string; ledger: TicketPrefix; block: number }> = [];
    for (const name of names) {
      if (!PARTITION_FILE.test(name)) continue;
      const key = name.slice(0, -'.json'.length);
      const parsed = parsePartitionKey(key);
      if (parsed) keys.push({ key, ...parsed });
      else this.log(`store: ignoring ${join(this.ticketsDir, name)}: not a partition name this version writes`);
    }
    keys.sort((a, b) => a.key.localeCompare(b.key));
    // Many partitions to read and validate (a first start, a start after a crash) go to every core (partition-scan.ts);
    // when the caches are plainly missing, the threads start while the others are read.
    const named = new Set(names);
    const uncached = keys.filter((k) => !named.has(`${k.key}.summary.json`)).length;
    let starting = uncached >= this.threadsFrom ? PartitionScanPool.open() : undefined;
    let pool: PartitionScanPool | undefined;
    const stale: Array<{ key: string; ledger: TicketPrefix; block: number; file: string; identity: FileIdentity }> = [];
    try {
      await forEachLimited(keys, LOAD_CONCURRENCY, async ({ key, ledger, block }) => {
        const file = partitionPath(this.ticketsDir, key);
        const identity = await identityOf(file);
        // No summary file in the listing (a first start after seeding, or one never written): nothing to try to read.
        const summary = named.has(`${key}.summary.json`) ? await readSummary(this.ticketsDir, key, identity, this.log) : undefined;
        if (!summary) return void stale.push({ key, ledger, block, file, identity });
        for (const ticket of summary.active) this.active.set(ticket.number, ticket);
        this.addInfo({ key, ledger, block, file, identity }, summary.rows, false);
      });
      if (stale.length === 0) return;
      starting ??= stale.length >= this.threadsFrom ? PartitionScanPool.open() : undefined;
      pool = await starting;
      await forEachLimited(stale, pool ? pool.size * 2 : LOAD_CONCURRENCY, async (p) => {
        if (pool) {
          const { rows, active } = await pool.scan(p);
          for (const ticket of active) this.active.set(ticket.number, freezeTicket(ticket));
          return this.addInfo(p, rows, true);
        }
        const partition = new Partition(p.key, p.ledger, p.block, p.file, (f) => this.backups.beforeOverwrite(f));
        await partition.load();
        for (const ticket of partition.activeTickets()) this.active.set(ticket.number, ticket);
        this.addInfo(p, partition.rows(), true);
        this.loaded.set(p.key, partition);
        this.evict();
      });
    } finally {
      await (pool ?? (await starting))?.close();
    }
    this.log(`store: derived the summaries of ${stale.length} ticket partition(s) from their files${pool ? ` on ${pool.size} threads` : ''}`);
  }

  private addInfo(p: { key: string; ledger: TicketPrefix; block: number; file: string; identity: FileIdentity }, rows: SummaryRow[], summaryDirty: boolean): void {
    this.infos.set(p.key, { ...p, rows: new Map(rows.map((r) => [r[0], r])), summaryDirty });
    for (const row of rows) {
      this.lastSequence[p.ledger] = Math.max(this.lastSequence[p.ledger], row[0]);
      this.indexOwner(row, p.key);
    }
  }

  private async scanRecords(): Promise<void> {
    const names = await readdir(this.recordsDir);
    await this.removeTempFiles(this.recordsDir, names);
    for (const name of names) {
      if (!NAMESPACE_FILE.test(name)) continue;
      const set = RecordSet.fromFile(this.recordsDir, name, (f) => this.backups.beforeOverwrite(f));
      await set.db.read();
      this.records.set(set.namespace, set);
    }
  }

  private recordSet(namespace: string): RecordSet {
    let set = this.records.get(namespace);
    if (!set) {
      if (namespace.length === 0) throw new TypeError('a record namespace must not be empty');
      set = new RecordSet(namespace, join(this.recordsDir, namespaceFileName(namespace)), (f) => this.backups.beforeOverwrite(f));
      this.records.set(namespace, set);
    }
    return set;
  }

  /** Temp files of writes a crash interrupted: never acknowledged, so never needed. We hold the lock. */
  private async removeTempFiles(dir: string, names: string[]): Promise<void> {
    for (const name of names.filter((n) => TEMP_FILE.test(n))) {
      await unlink(join(dir, name)).catch(() => undefined);
      this.log(`store: removed ${join(dir, name)}, left by an interrupted write`);
    }
  }

  private scheduleSummaryFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flushing = this.flushing
        .then(() => this.flushSummaries())
        .catch((error: Error) => this.log(`store: could not save summary caches (${error.message}); they will be derived again at start`));
    }, SUMMARY_FLUSH_MS);
    this.flushTimer.unref();
  }

  /** Saves the summary caches that changed. Each is a consistent (identity, rows) snapshot taken synchronously. */
  private async flushSummaries(): Promise<void> {
    // A partition whose file is behind memory gets its cache after the checkpoint, which describes the new file.
    const dirty = [...this.infos.values()].filter((i) => i.summaryDirty && !this.dirtyPartitions.has(i.key));
    const snapshots = dirty.map((info) => {
      info.summaryDirty = false;
      const rows = [...info.rows.values()].sort((a, b) => a[0] - b[0]);
      const active = rows.filter((r) => r[1] !== 'closed').map((r) => this.active.get(numberOf(info.ledger, r[0]))!);
      return { info, identity: info.identity, rows, active };
    });
    for (const s of snapshots) {
      try {
        await writeSummary(this.ticketsDir, s.info.key, s.identity, s.rows, s.active);
      } catch (error) {
        s.info.summaryDirty = true;
        throw error;
      }
    }
  }

  /** Adds to a StoreCorruptError what to do about it: which backup to restore, or to move the file away. */
  private async explain(error: unknown): Promise<unknown> {
    if (!(error instanceof StoreCorruptError) || error instanceof StoreVersionError || (error as { explained?: boolean }).explained) {
      return error;
    }
    const copy = await this.backups.latestCopyOf(error.file).catch(() => undefined);
    const remedy = copy
      ? `Restore it from the backup ${copy} (the file as it was when an earlier run first changed it; later changes to it are lost), or move it out of ${this.dataDir} if its contents can be given up.`
      : `No backup copy of it exists under ${this.backups.root}: repair it by hand, or move it out of ${this.dataDir} if its contents can be given up.`;
    const explained = new StoreCorruptError(
      error.file,
      `Huiyin cannot use the data file ${error.file}: ${error.message}. The file has not been changed. ${remedy} Then start Huiyin again.`,
    );
    Object.defineProperty(explained, 'explained', { value: true });
    return explained;
  }
}

function compareNumbers(a: TicketNumber, b: TicketNumber): number {
  return a[0] === b[0] ? sequenceOf(a) - sequenceOf(b) : a < b ? -1 : 1;
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await fn(item);
    }
  });
  await Promise.all(workers);
}
