import { isDiskFull } from '../store/disk-space.ts';
import { coordinationOf } from '../store/coordination.ts';
import type { Store } from '../store/store.ts';

/**
 * Message ids already handled, so an update delivered twice (Telegram re-sends after 60 s without an answer; WeChat
 * puppets replay after re-login) is handled once. Kept in the store, so it holds across restarts; pruned by age so
 * the record stays small. A store shared by several processes (PostgreSQL) keeps one row per id instead, inserted
 * atomically, so two processes receiving one message (two bot accounts in one group) handle it once between them.
 *
 * An id is written as seen only once its message was handled (`begin`, then `handled`; issue 17): a process stopped
 * or killed in between has not marked it, so the platform's redelivery is handled after the restart. Meanwhile an
 * id being handled is refused in memory, so a duplicate arriving during the handling is not handled twice. On a
 * shared database the row is the claim between processes and is inserted at `begin`.
 */
export class SeenMessages {
  private seen = new Map<string, number>();
  private readonly inProgress = new Set<string>();
  private loaded = false;

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly keepMs = 24 * 3_600_000,
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
    if (this.seen.has(id) || this.inProgress.has(id)) return false;
    this.inProgress.add(id);
    return true;
  }

  /** Records durably that the message was handled. A full disk keeps it in memory only (logged), never fails the message. */
  async handled(id: string, now: Date): Promise<void> {
    if (coordinationOf(this.store).firstSeen) return;
    this.inProgress.delete(id);
    const cutoff = now.getTime() - this.keepMs;
    for (const [key, at] of this.seen) if (at < cutoff) this.seen.delete(key);
    this.seen.set(id, now.getTime());
    try {
      await this.store.putRecord(this.namespace, 'ids', Object.fromEntries(this.seen));
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

  private async load(): Promise<void> {
    if (this.loaded) return;
    const saved = await this.store.getRecord<Record<string, number>>(this.namespace, 'ids');
    if (this.loaded) return;
    this.seen = new Map(Object.entries(saved ?? {}));
    this.loaded = true;
  }
}
