import type { IncomingMessage } from '../messages.ts';
import type { RecordChange, Store } from '../store/store.ts';

const NAMESPACE = 'recorded-by';
/** Before issue 17 item 5 every entry was kept under this one key (rewritten whole at each ticket); read, then dropped. */
const OLD_KEY = 'recent';
/** A platform delivers a message again within minutes of a crash (Telegram: at the next poll); a day is ample. */
const KEEP_MS = 24 * 3_600_000;

interface Entry {
  /** The message that completed the intake, by its platform id and time: both stay the same when it comes again. */
  messageId: string;
  at: string;
  number: string;
}

/**
 * Which message recorded which ticket, per conversation (issue 17, item 4). The ticket is written and the intake
 * ends, then the replies (the owner's number, the engineering notice) are queued, then the platform's update is
 * marked seen: a process killed in between has the platform deliver the message again, which would find no intake
 * and get the help text, and the number or the notice would never go out. Remembered in the same write as the ticket
 * (`plan`), this lets the bot give that message its replies again instead: at least once, never lost. One record per
 * conversation, pruned by age, so a ticket writes its own entry and not all of them.
 */
export class RecordedBy {
  /**
   * The entries, read once and kept in memory (this process writes them): reading them from the store would copy
   * every entry for every owner message (the store hands out copies), 0.3 ms a message in bench:engine.
   */
  private recent: Map<string, Entry & { recordedAt: number }> | undefined;
  private oldKeyKept = false;
  /** No entry in `recent` was recorded before this (oldestOf when last worked out; lowered as entries are added). */
  private oldest = Infinity;

  constructor(private readonly store: Store) {}

  async remember(sessionKey: string, message: IncomingMessage, number: string, now: Date): Promise<void> {
    const plan = await this.plan(sessionKey, message, now);
    const changes = plan.changes(number);
    const puts = changes.flatMap((c): Array<[string, unknown]> => ('deleted' in c ? [] : [[c.key, c.value]]));
    // Issued together, so the store commits them in one write (store/group-commit.ts).
    await Promise.all([this.store.putRecords(NAMESPACE, puts), ...changes.filter((c) => 'deleted' in c).map((c) => this.store.deleteRecord(NAMESPACE, c.key))]);
    plan.done(number);
  }

  /**
   * What remembering takes, for a write that carries it with the ticket itself (NewTicket.records: one durable write
   * for the ticket, this and the end of the intake): the record changes once the number is known, and `done` to keep
   * the entry in memory once that write is durable.
   */
  async plan(sessionKey: string, message: IncomingMessage, now: Date): Promise<{ changes: (number: string) => RecordChange[]; done: (number: string) => void }> {
    const recent = await this.load();
    const cutoff = now.getTime() - KEEP_MS;
    // forEach, not [...recent].filter: the map holds a day of conversations (709 in bench:engine), and copying it into
    // [key, entry] pairs at every ticket was 6 % of the core's allocation there (a for-of still made the pairs).
    const expired: string[] = [];
    // While no entry is older than the day nothing can have expired, and the look through every conversation's entry
    // is skipped: 709 of them at each of bench:engine's ~850 tickets was ~1 % of its core CPU (issue 17 item 5).
    const scan = this.oldest < cutoff;
    if (scan) {
      recent.forEach((entry, key) => {
        if (entry.recordedAt < cutoff && key !== sessionKey) expired.push(key);
      });
    }
    if (this.oldKeyKept) expired.push(OLD_KEY);
    const entry = (number: string) => ({ messageId: message.id, at: message.at.toISOString(), number, recordedAt: now.getTime() });
    // Entries found under the old key become records of their own, in the same write that drops the old key.
    const carried = this.oldKeyKept ? [...recent].filter(([key]) => key !== sessionKey && !expired.includes(key)) : [];
    return {
      changes: (number) => [
        { namespace: NAMESPACE, key: sessionKey, value: entry(number) },
        ...carried.map(([key, value]) => ({ namespace: NAMESPACE, key, value })),
        ...expired.map((key) => ({ namespace: NAMESPACE, key, deleted: true as const })),
      ],
      done: (number) => {
        for (const key of expired) recent.delete(key);
        recent.set(sessionKey, entry(number));
        this.oldKeyKept = false;
        // Worked out again after a look (entries went, or a bound that was too low), else lowered to the new entry's.
        this.oldest = scan ? oldestOf(recent) : Math.min(this.oldest, now.getTime());
      },
    };
  }

  /** The ticket this very message recorded before, if it is being delivered again. */
  async find(sessionKey: string, message: IncomingMessage): Promise<string | undefined> {
    const entry = (await this.load()).get(sessionKey);
    return entry && entry.messageId === message.id && entry.at === message.at.toISOString() ? entry.number : undefined;
  }

  private async load(): Promise<Map<string, Entry & { recordedAt: number }>> {
    if (this.recent) return this.recent;
    const saved = await this.store.listRecords<unknown>(NAMESPACE);
    if (this.recent) return this.recent;
    const recent = new Map<string, Entry & { recordedAt: number }>();
    for (const [key, value] of saved) {
      if (key !== OLD_KEY) recent.set(key, value as Entry & { recordedAt: number });
      else {
        for (const [k, v] of Object.entries(value as Record<string, Entry & { recordedAt: number }>)) if (!recent.has(k)) recent.set(k, v);
        this.oldKeyKept = true;
      }
    }
    this.oldest = oldestOf(recent);
    this.recent = recent;
    return recent;
  }
}

/** The earliest recordedAt among the entries; an entry without one (never expired by `plan`) is passed over. */
function oldestOf(recent: ReadonlyMap<string, { recordedAt: number }>): number {
  let oldest = Infinity;
  recent.forEach((entry) => {
    if (entry.recordedAt < oldest) oldest = entry.recordedAt;
  });
  return oldest;
}
