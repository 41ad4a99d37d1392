/**
 * Group commit for the lowdb store (issue 17, item 5): writes that arrive while the disk is busy share one durable
 * step instead of queueing for one flush each. The store's writes still run one at a time in arrival order, each
 * computing its change from what the previous ones left, but a change is only staged (in a `Txn`): the batch's
 * changes go to the journal as one entry with one flush (journal.ts; before the journal is open, the batch's files are
 * written once each, flushed together, renamed in order and their directories flushed once), and only then does
 * memory change and every write of the batch resolve. So a write still resolves only once it is on disk, and memory
 * (what readers see) never runs ahead of the disk. Checkpoints run between batches (`exclusive`).
 *
 * A lone write does not wait for company on a timer: the queue waits one turn of the event loop (`gathered`), so the
 * writes of messages handed over together join one batch, then takes in what arrives while the batch is staged.
 */
import { type DurableIo, nodeIo, writeFilesDurably } from './durable-file.ts';
import type { Journal } from './journal.ts';

/**
 * How a batch becomes durable: its changes appended to the journal (the files follow at a checkpoint), each staged
 * file rewritten durably (a checkpoint, or a store without a journal), or nothing to do because the changes were read
 * from the journal (start-up replay).
 */
export type Durability =
  | { kind: 'journal'; journal: Journal; alone?: boolean; pending?: string[] }
  | { kind: 'files'; io: DurableIo }
  | { kind: 'replayed' };

/** A staged new version of something the store keeps: a file to write (if `file` is set) and the memory to update. */
export interface Staged<V = unknown> {
  value: V;
  file?: string;
  /** The file's new text; called once, at commit. */
  content?: () => string;
  /** Runs before the file is first written (the run's backup copy of the old version). */
  beforeWrite?: (file: string) => Promise<void>;
  /** Puts `value` into memory once it is durable. */
  apply: () => void;
}

/**
 * The changes of one write (a child) or of a batch of writes. A child sees its parent's staged values; it is merged
 * into the batch when its write succeeds and dropped when it fails, so a refused write changes nothing.
 */
export class Txn {
  private readonly staged = new Map<unknown, Staged>();
  private readonly afterCommit: Array<() => Promise<void> | void> = [];
  private readonly cleanups: Array<() => void> = [];
  /** What this write changed, as journal change texts (journal.ts), in the order made. */
  private readonly changes: string[] = [];

  constructor(private readonly parent?: Txn) {}

  /** Records a change for the journal entry of the batch. */
  log(change: string): void {
    this.changes.push(change);
  }

  /** The staged value for `target`, from this write or an earlier one of the batch; undefined if none. */
  valueOf<V>(target: unknown): V | undefined {
    return (this.staged.get(target)?.value ?? this.parent?.valueOf(target)) as V | undefined;
  }

  stage<V>(target: unknown, staged: Staged<V>): void {
    // Deleted first so the entry moves to the end: files are renamed in the order of their last change.
    this.staged.delete(target);
    this.staged.set(target, staged as Staged);
  }

  /** Runs after the batch is durable and applied, in the order registered (summaries, file identities). */
  after(fn: () => Promise<void> | void): void {
    this.afterCommit.push(fn);
  }

  /** Runs when the batch ends, committed or not (unpinning what was held for it). */
  finally(fn: () => void): void {
    this.cleanups.push(fn);
  }

  child(): Txn {
    return new Txn(this);
  }

  /** A child's write succeeded: its changes join the batch. */
  mergeIntoParent(): void {
    const parent = this.parent!;
    for (const [target, staged] of this.staged) parent.stage(target, staged);
    parent.afterCommit.push(...this.afterCommit);
    parent.cleanups.push(...this.cleanups);
    parent.changes.push(...this.changes);
  }

  /** A child's write failed: its changes are dropped. */
  discard(): void {
    this.end();
  }

  get size(): number {
    return this.staged.size;
  }

  /** Makes the batch durable in one step (one journal entry, or each staged file once), then updates memory. */
  async commit(durability: Durability): Promise<void> {
    const entries = [...this.staged.values()];
    if (durability.kind === 'journal') {
      // Deferred changes of earlier batches go first, in the same entry: replay sees them in the order made.
      const pending = durability.pending ?? [];
      const changes = pending.length > 0 ? [...pending, ...this.changes] : this.changes;
      if (changes.length > 0) await durability.journal.appendChanges(changes, durability.alone);
      pending.length = 0;
    } else if (durability.kind === 'files') {
      const files = entries.filter((s): s is Staged & { file: string; content: () => string } => s.file !== undefined && s.content !== undefined);
      for (const f of files) await f.beforeWrite?.(f.file);
      if (files.length > 0) await writeFilesDurably(files.map((f) => ({ path: f.file, content: f.content() })), durability.io);
    }
    for (const s of entries) s.apply();
    for (const fn of this.afterCommit) await fn();
  }

  /**
   * Applies a batch of deferred writes (GroupCommitQueue.run) to memory without a flush: its journal changes wait in
   * `pending` for the next entry, or for the next checkpoint, which writes the files from memory.
   */
  async commitDeferred(pending: string[]): Promise<void> {
    pending.push(...this.changes);
    for (const s of this.staged.values()) s.apply();
    for (const fn of this.afterCommit) await fn();
  }

  end(): void {
    for (const fn of this.cleanups.splice(0)) fn();
  }
}

interface Waiting {
  /** Runs alone, between batches (a checkpoint), instead of staging into one. */
  exclusive?: () => Promise<unknown>;
  /** Need not be durable when it resolves (run's `deferred`). */
  deferred?: boolean;
  task: (txn: Txn) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Waits until the work already in hand has gone as far as it can without the disk: every message the platform handed
 * over together (and every message a commit just released) runs up to its next write or its answer in microtasks,
 * so one turn of the event loop gathers their writes into one batch and one flush. Starting at the first write
 * instead (a microtask) flushed a batch of 100 messages in ~4 rounds, each write joining whichever flush it met
 * (bench:engine). A lone write pays one turn of the loop (microseconds), not a timer.
 */
const gathered = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Most writes in one batch: bounds how long the last of a burst waits for the first. */
const MAX_BATCH = 128;

/**
 * Runs writes one at a time in arrival order, committing together those that arrived while earlier ones were on
 * their way to disk. A write that throws rejects its own caller only; a commit that fails (a full disk) rejects every
 * write of its batch, and nothing of the batch is in memory.
 */
export class GroupCommitQueue {
  private readonly waiting: Waiting[] = [];
  private running: Promise<void> | undefined;
  /** Set once the store has opened its journal; until then (start-up), batches rewrite their files. */
  journal: Journal | undefined;
  /**
   * Journal changes of deferred writes that are in memory but not yet on disk: they go into the next journal entry,
   * ahead of its own changes; a checkpoint (which writes the files from memory) makes them durable and empties this.
   */
  readonly pending: string[] = [];

  constructor(private readonly io: DurableIo = nodeIo) {}

  /**
   * Queues a write; resolves once it is durable. A `deferred` write (one whose loss in a crash is harmless, see the
   * Store interface's WriteOptions) resolves once it is in memory when its batch holds only deferred writes: it then
   * costs no flush of its own and becomes durable with the next write that has one, or at the next checkpoint.
   */
  run<T>(task: (txn: Txn) => Promise<T>, deferred = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ task, resolve: resolve as (value: unknown) => void, reject, ...(deferred && { deferred }) });
      // Cleared by drain itself when it finds nothing waiting, in the same turn: a write queued after that starts anew.
      this.running ??= this.drain();
    });
  }

  /** Runs `fn` alone: after the writes queued before it are committed, before any queued after it is computed. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ exclusive: fn, task: () => Promise.reject(new Error('unreachable')), resolve: resolve as (value: unknown) => void, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when everything queued so far has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      await gathered();
      if (this.waiting.length === 0) {
        this.running = undefined;
        return;
      }
      const first = this.waiting[0]!;
      if (first.exclusive) {
        this.waiting.shift();
        await first.exclusive().then(first.resolve, first.reject);
        continue;
      }
      const batch = new Txn();
      const done: Array<{ waiting: Waiting; value: unknown }> = [];
      // Writes that arrive while these are staged join this batch.
      const more = () => (done.length < MAX_BATCH && !this.waiting[0]?.exclusive ? this.waiting.shift() : undefined);
      for (let next = this.waiting.shift(); next; next = more()) {
        const txn = batch.child();
        try {
          const value = await next.task(txn);
          txn.mergeIntoParent();
          done.push({ waiting: next, value });
        } catch (error) {
          txn.discard();
          next.reject(error);
        }
      }
      try {
        // Nothing queued behind this batch: no other write waits on its flush, so the flush may block the loop
        // (journal.ts appendAndSync). With writes queued behind it, the batch keeps the thread pool, and with it the
        // loop free to take in more while the disk works. (One message's own writes, issued together, are one batch.)
        const alone = this.waiting.length === 0;
        if (this.journal && done.length > 0 && done.every((d) => d.waiting.deferred)) await batch.commitDeferred(this.pending);
        else await batch.commit(this.journal ? { kind: 'journal', journal: this.journal, alone, pending: this.pending } : { kind: 'files', io: this.io });
        for (const d of done) d.waiting.resolve(d.value);
      } catch (error) {
        for (const d of done) d.waiting.reject(error);
      } finally {
        batch.end();
      }
    }
  }
}
