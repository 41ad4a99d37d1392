import type { IncomingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';

const NAMESPACE = 'recorded-by';
const KEY = 'recent';
/** A platform delivers a message again within minutes of a crash (Telegram: at the next poll); a day is ample. */
const KEEP_MS = 24 * 3_600_000;

interface Entry {
  /** The message that completed the intake, by its platform id and time: both stay the same when it comes again. */
  messageId: string;
  at: string;
  number: string;
}

/**
 * Which message recorded which ticket, per conversation (issue 17, item 4). The ticket is written, then the intake
 * ends, then the replies (the owner's number, the engineering notice) are queued, then the platform's update is
 * marked seen: a process killed in between has the platform deliver the message again, which would find no intake
 * and get the help text, and the number or the notice would never go out. Remembered before the intake ends, this
 * lets the bot give that message its replies again instead: at least once, never lost. One record with the recent
 * entries, pruned by age, so it stays small.
 */
export class RecordedBy {
  /**
   * The record, read once and kept in memory (this process writes it): reading it from the store would copy every
   * entry for every owner message (the store hands out copies), 0.3 ms a message in bench:engine.
   */
  private recent: Map<string, Entry & { recordedAt: number }> | undefined;

  constructor(private readonly store: Store) {}

  async remember(sessionKey: string, message: IncomingMessage, number: string, now: Date): Promise<void> {
    const recent = await this.load();
    const cutoff = now.getTime() - KEEP_MS;
    for (const [key, entry] of recent) if (entry.recordedAt < cutoff) recent.delete(key);
    recent.set(sessionKey, { messageId: message.id, at: message.at.toISOString(), number, recordedAt: now.getTime() });
    await this.store.putRecord(NAMESPACE, KEY, Object.fromEntries(recent));
  }

  /** The ticket this very message recorded before, if it is being delivered again. */
  async find(sessionKey: string, message: IncomingMessage): Promise<string | undefined> {
    const entry = (await this.load()).get(sessionKey);
    return entry && entry.messageId === message.id && entry.at === message.at.toISOString() ? entry.number : undefined;
  }

  private async load(): Promise<Map<string, Entry & { recordedAt: number }>> {
    if (this.recent) return this.recent;
    const saved = await this.store.getRecord<Record<string, Entry & { recordedAt: number }>>(NAMESPACE, KEY);
    this.recent ??= new Map(Object.entries(saved ?? {}));
    return this.recent;
  }
}
