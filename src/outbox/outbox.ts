import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../messages.ts';
import { type Coordination, coordinationOf, type OutboxClaim } from '../store/coordination.ts';
import type { Store } from '../store/store.ts';
import { isDiskFull } from '../store/disk-space.ts';
import { chunkText } from './chunk.ts';

/**
 * A send that failed. `retryAfterMs` comes from the platform (Telegram 429 `retry_after`); `permanent` means retrying
 * cannot help (403 bot blocked, chat not found): the message is reported and dropped, the chat marked inactive.
 */
export class SendError extends Error {
  override readonly name = 'SendError';
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message);
  }
}

export interface OutboxOptions {
  /** One outbox per platform; its pending messages live in the store under this name. */
  name: string;
  store: Store;
  /**
   * The platform call. Throw SendError to say how it failed; any other error is retried. The composition root builds
   * the outbox before the adapter exists, so the adapter may give it at `start` instead.
   */
  send?: (message: OutgoingMessage) => Promise<void>;
  /** Longest text the platform takes in one message. */
  maxLength: number;
  /** Minimum gap between two sends to one chat (Telegram: ~1 s per chat, 20 a minute per group; WeChat: ≥ 1 s). */
  perChatIntervalMs: number;
  /** Minimum gap between any two sends (Telegram ~30/s overall; WeChat one at a time). */
  overallIntervalMs: number;
  /** At most this many sends to one chat in any minute (Telegram: 20 a minute to a group); unlimited if absent. */
  perChatPerMinute?: number;
  /**
   * Several messages waiting for one chat go as one (issue 16 §6): a group's per-minute cap (Telegram: 20) is spent on
   * messages, not on owners. Off unless set; each part keeps its place and its text, parts are separated by a blank line.
   */
  mergeWaiting?: boolean;
  /** Backoff for failures without a platform hint: base × 2^attempt, capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** After this many failed attempts a message is reported and dropped; it stays in the log, not silently lost. */
  maxAttempts?: number;
  log: (line: string) => void;
  /** Told when a message is given up on, so someone can act (e.g. the managers' chat on another platform). */
  onGiveUp?: (message: OutgoingMessage, reason: string) => void;
  /** While another process holds this account's outbox, try to take it over this often (default 2 s). */
  claimRetryMs?: number;
}

interface Pending {
  id: string;
  seq: number;
  message: OutgoingMessage;
  attempts: number;
  notBefore: number;
  /** Kept in memory only: the store had no room for it (a full disk). Sent all the same; lost if the process stops. */
  volatile?: boolean;
}

/**
 * The one way a platform adapter sends (style notes: "one outbox for every send"). Every message is written to the
 * store before `enqueue` resolves, so a crash or an offline platform loses nothing; it is deleted only once the
 * platform accepted it. Order is kept per chat; sends are paced per chat and overall; long texts are chunked.
 * Only the process holding the account's claim sends (coordination.ts): on a shared database, a restarted process
 * takes its outbox over once the killed one's claim is gone; until then what it enqueues waits in the store.
 */
export class Outbox {
  private readonly namespace: string;
  private queue: Pending[] = [];
  private seq = 0;
  private paused = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private draining = false;
  private lastOverall = 0;
  private readonly lastPerChat = new Map<string, number>();
  /** Send times per chat within the last minute, for `perChatPerMinute`. */
  private readonly recentPerChat = new Map<string, number[]>();
  private idle: Array<() => void> = [];
  private readonly coordination: Coordination;
  private claim: OutboxClaim | undefined;
  private claiming: Promise<void> | undefined;
  /** Set while messages go unstored for lack of space, so the log says so once, not per message. */
  private volatileSince: number | undefined;
  /** Sent, but their records could not be deleted yet (a full disk): deleted with the next success. */
  private readonly sentUndeleted = new Set<string>();

  private readonly options: OutboxOptions;

  constructor(options: OutboxOptions) {
    this.options = { ...options };
    this.coordination = coordinationOf(options.store);
    this.namespace = this.coordination.outboxNamespace(options.name);
  }

  /**
   * Claims the account's outbox, loads what an earlier run left unsent and starts delivering, through `send` (the
   * adapter's platform call; the composition root builds the outbox before the adapter exists).
   */
  async start(send?: (message: OutgoingMessage) => Promise<void>, onGiveUp?: OutboxOptions['onGiveUp']): Promise<void> {
    if (send) this.options.send = send;
    if (onGiveUp) this.options.onGiveUp = onGiveUp;
    if (!this.options.send) throw new Error(`outbox ${this.options.name}: started without a send function`);
    if (await this.tryClaim()) return;
    this.options.log(`outbox ${this.options.name}: another process holds this account's outbox; taking it over when it lets go`);
    this.keepClaiming();
  }

  /** One attempt to claim; on success, loads the stored messages and starts sending. */
  private async tryClaim(): Promise<boolean> {
    const claim = await this.coordination.claimOutbox(this.options.name).catch((error: Error) => {
      this.options.log(`outbox ${this.options.name}: could not claim (${error.message})`);
      return undefined;
    });
    if (!claim) return false;
    if (this.stopped) {
      await claim.release();
      return true;
    }
    this.claim = claim;
    const saved = await this.options.store.listRecords<Pending>(this.namespace);
    // Messages enqueued here while waiting are in the store too: the store's list is the whole queue.
    const known = new Map(this.queue.map((p) => [p.id, p]));
    const stored = saved.map(([, p]) => known.get(p.id) ?? p).filter((p) => !this.sentUndeleted.has(p.id));
    this.queue = [...stored, ...this.queue.filter((p) => p.volatile)].sort((a, b) => a.seq - b.seq);
    this.seq = this.queue.reduce((max, p) => Math.max(max, p.seq), this.seq);
    if (this.queue.length > 0) this.options.log(`outbox ${this.options.name}: ${this.queue.length} message(s) from before the restart`);
    this.kick();
    return true;
  }

  private keepClaiming(): void {
    this.claiming ??= (async () => {
      while (!this.stopped && !this.claim) {
        await new Promise((r) => setTimeout(r, this.options.claimRetryMs ?? 2000));
        if (!this.stopped && (await this.tryClaim())) break;
      }
      this.claiming = undefined;
    })();
  }

  /** Whether this process may send now; a lost claim is given up and taken again when possible. */
  private holding(): boolean {
    if (this.claim?.held()) return true;
    if (this.claim) {
      this.options.log(`outbox ${this.options.name}: lost the claim on this account's outbox; sending stops until it is claimed again`);
      const lost = this.claim;
      this.claim = undefined;
      void lost.release();
      this.keepClaiming();
    }
    return false;
  }

  /**
   * Resolves once the message (split into parts if long) is safely stored; delivery follows. Its parts are numbered
   * at once, in the order of the calls, and stored in one write: messages enqueued together (the replies to one
   * message) share one flush (store/group-commit.ts) and keep their order.
   */
  async enqueue(message: OutgoingMessage): Promise<void> {
    const { image, ...textual } = message;
    // A picture goes first, on its own: a retried text never uploads it twice.
    const pictures: OutgoingMessage[] = image ? [{ chat: message.chat, text: '', image }] : [];
    const texts = chunkText(message.text, this.options.maxLength).map((text, i, all): OutgoingMessage => {
      const part: OutgoingMessage = { ...textual, text };
      // Buttons belong under the last part; threading under the first.
      if (i < all.length - 1) delete part.quickReplies;
      if (i > 0) delete part.replyTo;
      return part;
    });
    const parts = [...pictures, ...texts].map((part): Pending => ({ id: randomUUID(), seq: ++this.seq, message: part, attempts: 0, notBefore: 0 }));
    const kept = await this.keep(parts);
    // Pushed after the await: `forget` may have replaced the queue array meanwhile.
    this.queue.push(...kept);
    this.kick();
  }

  /**
   * Stores new messages. When the disk is full, they are sent without the durable outbox rather than not at all
   * (issue 17): the person must hear that their request was not saved, and managers need the alert.
   */
  private async keep(parts: Pending[]): Promise<Pending[]> {
    try {
      await this.options.store.putRecords(this.namespace, parts.map((p) => [p.id, p] as const));
      this.volatileSince = undefined;
      return parts;
    } catch (error) {
      if (!isDiskFull(error)) throw error;
      if (this.volatileSince === undefined) {
        this.volatileSince = Date.now();
        this.options.log(`outbox ${this.options.name}: no space to store messages (${(error as Error).message}); sending from memory until there is`);
      }
      return parts.map((p) => ({ ...p, volatile: true }));
    }
  }

  /** Stop sending (platform offline); messages keep accumulating on disk. */
  pause(): void {
    this.paused = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when nothing is left to send now (for tests and orderly shutdown). */
  async drained(): Promise<void> {
    if (this.queue.length === 0 && !this.draining) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.draining) await new Promise((r) => setTimeout(r, 5));
    await this.claiming;
    await this.claim?.release();
    this.claim = undefined;
  }

  private kick(delayMs = 0): void {
    if (this.paused || this.stopped || this.draining || !this.claim) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), Math.max(0, delayMs));
  }

  /** The next message that may go now: the oldest of each chat, if its chat's and the overall gaps have passed. */
  private next(now: number): { pending?: Pending; waitMs: number } {
    const seenChats = new Set<string>();
    let waitMs = Number.POSITIVE_INFINITY;
    const overallReady = this.lastOverall + this.options.overallIntervalMs;
    for (const pending of this.queue) {
      const chat = `${pending.message.chat.platform}:${pending.message.chat.id}`;
      if (seenChats.has(chat)) continue; // keep order within a chat
      seenChats.add(chat);
      const ready = Math.max(pending.notBefore, (this.lastPerChat.get(chat) ?? 0) + this.options.perChatIntervalMs, overallReady, this.minuteReady(chat, now));
      if (ready <= now) return { pending, waitMs: 0 };
      waitMs = Math.min(waitMs, ready - now);
    }
    return { waitMs };
  }

  /** When the chat's per-minute budget allows the next send. */
  private minuteReady(chat: string, now: number): number {
    const limit = this.options.perChatPerMinute;
    if (!limit) return 0;
    const recent = (this.recentPerChat.get(chat) ?? []).filter((t) => t > now - 60_000);
    this.recentPerChat.set(chat, recent);
    // The platform counts when sends arrive, not when they left: a second's margin keeps a slow first send and a fast
    // later one from landing 21 in Telegram's minute (seen in npm run bench:burst with merging off).
    return recent.length < limit ? 0 : recent[recent.length - limit]! + 60_000 + MINUTE_MARGIN_MS;
  }

  private async drain(): Promise<void> {
    this.timer = undefined;
    if (this.draining || this.paused || this.stopped) return;
    this.draining = true;
    try {
      while (!this.paused && !this.stopped && this.queue.length > 0 && this.holding()) {
        const now = Date.now();
        const { pending, waitMs } = this.next(now);
        if (!pending) {
          this.draining = false;
          this.kick(waitMs);
          return;
        }
        await this.attempt(this.options.mergeWaiting ? this.waitingWith(pending, now) : [pending]);
      }
    } finally {
      this.draining = false;
    }
    if (this.queue.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }

  /**
   * The messages queued for `first`'s chat right behind it that may go in the same send: text only, ready now, the
   * joined text within the platform's length, and the buttons of all of them (de-duplicated) at most MAX_BUTTONS.
   */
  private waitingWith(first: Pending, now: number): Pending[] {
    const group = [first];
    // A picture (and the empty text that may follow it) goes as it was queued.
    if (first.message.image || !first.message.text) return group;
    const chat = chatKey(first.message);
    let length = first.message.text.length;
    const buttons = new Set((first.message.quickReplies ?? []).map((q) => q.text));
    for (const pending of this.queue) {
      if (pending === first || chatKey(pending.message) !== chat || pending.seq < first.seq) continue;
      // Order within a chat is kept: the first message that cannot join ends the group.
      if (pending.message.image || !pending.message.text || pending.notBefore > now) break;
      const more = (pending.message.quickReplies ?? []).map((q) => q.text).filter((t) => !buttons.has(t));
      if (length + SEPARATOR.length + pending.message.text.length > this.options.maxLength || buttons.size + more.length > MAX_BUTTONS) break;
      length += SEPARATOR.length + pending.message.text.length;
      for (const t of more) buttons.add(t);
      group.push(pending);
    }
    return group;
  }

  private async attempt(group: Pending[]): Promise<void> {
    const pending = group[0]!;
    const message = group.length === 1 ? pending.message : merged(group.map((p) => p.message));
    const chat = `${pending.message.chat.platform}:${pending.message.chat.id}`;
    const now = Date.now();
    this.lastOverall = now;
    this.lastPerChat.set(chat, now);
    if (this.options.perChatPerMinute) this.recentPerChat.set(chat, [...(this.recentPerChat.get(chat) ?? []), now]);
    try {
      await this.options.send!(message);
    } catch (error) {
      const e = error instanceof SendError ? error : new SendError((error as Error).message);
      const attempts = pending.attempts + 1;
      const max = this.options.maxAttempts ?? 8;
      // A merged send gives up as one: its parts were tried together (the oldest one most often).
      if (e.options.permanent || attempts >= max) {
        const reason = e.options.permanent ? `permanent: ${e.message}` : `gave up after ${attempts} attempts: ${e.message}`;
        this.options.log(`outbox ${this.options.name}: message to ${chat} not delivered (${reason})`);
        this.options.onGiveUp?.(message, reason);
        for (const p of group) await this.forget(p);
        return;
      }
      const backoff = e.options.retryAfterMs ?? Math.min((this.options.retryBaseMs ?? 1000) * 2 ** pending.attempts, this.options.retryMaxMs ?? 60_000);
      // Every part waits and counts the attempt; they are merged again (perhaps with more) when the time comes.
      for (const part of group) {
        const updated: Pending = { ...part, attempts: part.attempts + 1, notBefore: now + backoff };
        // The count of attempts is worth keeping, not worth failing over: memory holds it if the store cannot.
        if (!part.volatile) {
          await this.options.store.putRecord(this.namespace, part.id, updated).catch((error: Error) => this.options.log(`outbox ${this.options.name}: could not store the retry count (${error.message})`));
        }
        this.queue[this.queue.indexOf(part)] = updated;
      }
      this.options.log(`outbox ${this.options.name}: send to ${chat} failed (${e.message}); retry in ${backoff} ms`);
      return;
    }
    // Sent: from here a failure must not count as a failed send, or the message would go out again.
    for (const p of group) await this.forget(p);
  }

  /**
   * Drops a message that was sent or given up. A record that cannot be deleted (a full disk) is retried with the next
   * deletion; until then a restart would send it once more (at-least-once, README Operations).
   */
  private async forget(pending: Pending): Promise<void> {
    this.queue = this.queue.filter((p) => p.id !== pending.id);
    if (pending.volatile) return;
    this.sentUndeleted.add(pending.id);
    for (const id of [...this.sentUndeleted]) {
      try {
        await this.options.store.deleteRecord(this.namespace, id);
        this.sentUndeleted.delete(id);
      } catch (error) {
        this.options.log(`outbox ${this.options.name}: sent message ${id} stays stored for now (${(error as Error).message}); deleted later`);
        return;
      }
    }
  }
}

const MINUTE_MARGIN_MS = 1000;

/** Between two merged messages: each part starts on its own (with the @name of the owner it answers). */
const SEPARATOR = '\n\n';
/** A merged message offers at most this many buttons; more start a new message. */
const MAX_BUTTONS = 8;

function chatKey(message: OutgoingMessage): string {
  return `${message.chat.platform}:${message.chat.id}`;
}

/**
 * One message for several: texts in order, every button once, threaded under the owner's message only when all parts
 * answer the same one (a reply to one owner's message must not carry another owner's answer under it).
 */
function merged(parts: OutgoingMessage[]): OutgoingMessage {
  const buttons = new Map(parts.flatMap((p) => p.quickReplies ?? []).map((q) => [q.text, q]));
  const replyTo = parts[0]!.replyTo;
  return {
    chat: parts[0]!.chat,
    text: parts.map((p) => p.text).join(SEPARATOR),
    ...(replyTo && parts.every((p) => p.replyTo === replyTo) && { replyTo }),
    ...(buttons.size > 0 && { quickReplies: [...buttons.values()] }),
  };
}
