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
  constructor(private readonly store: Store) {}

  async remember(sessionKey: string, message: IncomingMessage, number: string, now: Date): Promise<void> {
    const cutoff = now.getTime() - KEEP_MS;
    const entries = Object.entries((await this.store.getRecord<Record<string, Entry & { recordedAt: number }>>(NAMESPACE, KEY)) ?? {}).filter(
      ([, e]) => e.recordedAt >= cutoff,
    );
    const next = Object.fromEntries([...entries, [sessionKey, { messageId: message.id, at: message.at.toISOString(), number, recordedAt: now.getTime() }]]);
    await this.store.putRecord(NAMESPACE, KEY, next);
  }

  /** The ticket this very message recorded before, if it is being delivered again. */
  async find(sessionKey: string, message: IncomingMessage): Promise<string | undefined> {
    const entry = (await this.store.getRecord<Record<string, Entry>>(NAMESPACE, KEY))?.[sessionKey];
    return entry && entry.messageId === message.id && entry.at === message.at.toISOString() ? entry.number : undefined;
  }
}
