import { coordinationOf } from '../store/coordination.ts';
import type { Store } from '../store/store.ts';

/**
 * Message ids already handled, so an update delivered twice (Telegram re-sends after 60 s without an answer; WeChat
 * puppets replay after re-login) is handled once. Kept in the store, so it holds across restarts; pruned by age so
 * the record stays small. A store shared by several processes (PostgreSQL) keeps one row per id instead, inserted
 * atomically, so two processes receiving one message (two bot accounts in one group) handle it once between them.
 */
export class SeenMessages {
  private seen = new Map<string, number>();
  private loaded = false;

  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly keepMs = 24 * 3_600_000,
  ) {}

  private get namespace(): string {
    return `seen-${this.name}`;
  }

  /** True the first time an id is offered; false ever after (within `keepMs`). Records the id durably. */
  async firstTime(id: string, now: Date): Promise<boolean> {
    const shared = coordinationOf(this.store).firstSeen;
    if (shared) return shared.call(coordinationOf(this.store), this.namespace, id, now, this.keepMs);
    if (!this.loaded) {
      const saved = await this.store.getRecord<Record<string, number>>(this.namespace, 'ids');
      this.seen = new Map(Object.entries(saved ?? {}));
      this.loaded = true;
    }
    if (this.seen.has(id)) return false;
    const cutoff = now.getTime() - this.keepMs;
    for (const [key, at] of this.seen) if (at < cutoff) this.seen.delete(key);
    this.seen.set(id, now.getTime());
    await this.store.putRecord(this.namespace, 'ids', Object.fromEntries(this.seen));
    return true;
  }
}
