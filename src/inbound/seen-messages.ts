import { isDiskFull } from '../store/disk-space.ts';
import { coordinationOf } from '../store/coordination.ts';
import type { Store } from '../store/store.ts';

const HOUR_MS = 3_600_000;
/** The record the whole map was kept in before hour buckets; read as one more bucket until all of it is old. */
const LEGACY_KEY = 'ids';

/** One record of the namespace: the ids handled in one hour (`h<hour index>`), or the legacy whole map (`ids`). */
interface Bucket {
  /** Without a prototype: an id is any string a platform sends, `__proto__` too. */
  ids: Record<string, number>;
  /** The newest time in it: the bucket is deleted once this is older than keepMs. */
  newest: number;
}

/**
 * Message ids already handled, so an update delivered twice (Telegram re-sends after 60 s without an answer; WeChat
 * puppets replay after re-login) is handled once. Kept in the store, so it holds across restarts; pruned by age. A
 * store shared by several processes (PostgreSQL) keeps one row per id instead, inserted atomically, so two processes
 * receiving one message (two bot accounts in one group) handle it once between them.
 *
 * The ids are kept in one record per hour (`h<Math.floor(ms / 3_600_000)>`, `{ id: at }`): a handled message writes
 * only its hour's record, not the whole day's map (issue 17 item 5: at 20,000 messages a day that was ~0.5 MB per
 * message by evening), and a record is deleted once all of it is older than keepMs, so pruning never walks the ids
 * one by one. A legacy `ids` record (the whole map, written by older versions) is read as one more bucket.
 *
 * An id is written as seen only once its message was handled (`begin`, then `handled`; issue 17): a process stopped
 * or killed in between has not marked it, so the platform's redelivery is handled after the restart. Meanwhile an
 * id being handled is refused in memory, so a duplicate arriving during the handling is not handled twice. On a
 * shared database the row is the claim between processes and is inserted at `begin`.
 */
export class SeenMessages {
  /** Every id with the time it was last handled, for the look-up. */
  private seen = new Map<string, number>();
  /** The same ids by record key. */
  private buckets = new Map<string, Bucket>();
  private readonly inProgress = new Set<string>();
  private loaded = false;

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly keepMs = 24 * HOUR_MS,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private get namespace(): string {
    return `seen-${this.name}`;
  }

  /** True if this id is new and now being handled by the caller, who must call `handled` or `abandon` after. */
  async begin(id: string, now: Date): Promise<boolean> {
    const shared = coordinationOf(this.store).firstSeen;
    if (shared) return shared.call(coordinationOf(this.store), this.namespace, id, now, this.keepMs);
    await this.load();
    const at = this.seen.get(id);
    if ((at !== undefined && at >= now.getTime() - this.keepMs) || this.inProgress.has(id)) return false;
    this.inProgress.add(id);
    return true;
  }

  /** Records durably that the message was handled. A full disk keeps it in memory only (logged), never fails the message. */
  async handled(id: string, now: Date): Promise<void> {
    if (coordinationOf(this.store).firstSeen) return;
    this.inProgress.delete(id);
    await this.load();
    const at = now.getTime();
    // Deleting an old bucket may be lost in a crash (deferred): the next start reads it and deletes it again.
    const deletions: Array<Promise<void>> = [];
    for (const [key, bucket] of this.buckets) {
      if (bucket.newest >= at - this.keepMs) continue;
      this.buckets.delete(key);
      for (const [old, when] of Object.entries(bucket.ids)) if (this.seen.get(old) === when) this.seen.delete(old);
      deletions.push(this.store.deleteRecord(this.namespace, key, { deferred: true }));
    }
    const key = `h${Math.floor(at / HOUR_MS)}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { ids: Object.create(null) as Record<string, number>, newest: at }));
    bucket.ids[id] = at;
    bucket.newest = Math.max(bucket.newest, at);
    this.seen.set(id, Math.max(at, this.seen.get(id) ?? at));
    try {
      await Promise.all([...deletions, this.store.putRecord(this.namespace, key, bucket.ids)]);
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      this.log(`seen ${this.name}: message ${id} marked handled in memory only (${(error as Error).message})`);
    }
  }

  /** The message was not handled (the process is stopping): a redelivery will be taken. */
  abandon(id: string): void {
    this.inProgress.delete(id);
  }

  /** `begin` and `handled` in one, for a caller that marks an id before handling it. */
  async firstTime(id: string, now: Date): Promise<boolean> {
    if (!(await this.begin(id, now))) return false;
    await this.handled(id, now);
    return true;
  }

  /** Reads every record of the namespace: the hour buckets and a legacy `ids` record alike. */
  private async load(): Promise<void> {
    if (this.loaded) return;
    const saved = await this.store.listRecords<unknown>(this.namespace);
    if (this.loaded) return;
    for (const [key, value] of saved) {
      if (!value || typeof value !== 'object' || (key !== LEGACY_KEY && !/^h\d+$/.test(key))) continue;
      const ids = Object.create(null) as Record<string, number>;
      let newest = -Infinity;
      for (const [id, at] of Object.entries(value)) {
        if (typeof at !== 'number' || !Number.isFinite(at)) continue;
        ids[id] = at;
        newest = Math.max(newest, at);
        if (at > (this.seen.get(id) ?? -Infinity)) this.seen.set(id, at);
      }
      this.buckets.set(key, { ids, newest });
    }
    this.loaded = true;
  }
}
