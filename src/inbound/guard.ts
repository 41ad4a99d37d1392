import type { Clock } from '../clock.ts';
import type { IncomingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { SeenMessages } from './seen-messages.ts';

/** How one platform's inbound guard judges age; the composition root builds one guard per platform. */
export interface InboundGuardSettings {
  /** Messages older than this when they arrive are dropped (after an outage their times mislead). */
  maxAgeMs: number;
  /** Clock skew allowed between the platform's servers and this machine, for "sent before this login". */
  loginSlackMs?: number;
  /** How long message ids are remembered. Default one day. */
  keepIdsMs?: number;
}

/** What the guard needs to know about a raw platform event before it is translated. */
export interface Envelope {
  /** The id a platform re-delivers the event under (Telegram: update id; WeChat: message id). */
  id: string;
  /** Names the event in the log: "update 7", "message abc". */
  what: string;
  /** The bot's own message coming back as an event. */
  own?: boolean;
  /** When it was sent, where the event has a time (a button press has none). */
  sentAt?: Date;
}

/**
 * The one filter at the edge (style notes, "filter at the edge"): before the core sees anything, a platform event is
 * dropped when it is the bot's own message, stale (older than `maxAgeMs`, or sent before the current login: puppets
 * replay history after a re-login) or an id already handled (Telegram re-sends after 60 s without an answer; WeChat
 * puppets replay). Only then is it translated. Every adapter passes its events through one of these.
 */
export class InboundGuard {
  private seen: SeenMessages;
  private chain: Promise<unknown> = Promise.resolve();
  private loginAt: Date | undefined;

  constructor(
    private readonly options: InboundGuardSettings & { platform: string; store: Store; clock: Clock; log: (line: string) => void },
  ) {
    this.seen = new SeenMessages(options.store, options.platform, options.keepIdsMs, options.log);
  }

  /** Ids are remembered under this name; Telegram scopes them by bot id, which it learns only at start. */
  rememberIdsAs(scope: string): void {
    this.seen = new SeenMessages(this.options.store, scope, this.options.keepIdsMs, this.options.log);
  }

  /** Messages sent before this login are replays. */
  loggedIn(at: Date): void {
    this.loginAt = at;
  }

  /**
   * True when the event may go on to translation; logs why not otherwise. An admitted event must end with `handled`
   * (its id is then written as seen) or `abandon` (a redelivery will be taken): ids are marked only once handled, so a
   * process stopped or killed mid-way has the platform deliver it again (issue 17).
   */
  async admit(envelope: Envelope): Promise<boolean> {
    if (envelope.own) return false; // the bot's own messages come back as events: never answer them
    const now = this.options.clock.now();
    if (envelope.sentAt && isStale(envelope.sentAt, now, this.loginAt, this.options.maxAgeMs, this.options.loginSlackMs)) {
      const minutes = Math.round((now.getTime() - envelope.sentAt.getTime()) / 60_000);
      this.options.log(`${this.options.platform}: dropped stale ${envelope.what} sent ${envelope.sentAt.toISOString()} (${minutes} min old)`);
      return false;
    }
    if (!(await this.begin(envelope.id, now))) {
      this.options.log(`${this.options.platform}: ${envelope.what} seen before; ignored`);
      return false;
    }
    return true;
  }

  /** The admitted event was handled (its replies are in the outbox): its id is written as seen. */
  handled(id: string): Promise<void> {
    return this.seen.handled(id, this.options.clock.now());
  }

  /** The admitted event was not handled: not marked, so the platform's redelivery is taken. */
  abandon(id: string): void {
    this.seen.abandon(id);
  }

  /** `admit`, then `work`, then `handled` (or `abandon` if the work fails). */
  async run(envelope: Envelope, work: () => Promise<void>): Promise<void> {
    if (!(await this.admit(envelope))) return;
    try {
      await work();
    } catch (error) {
      this.abandon(envelope.id);
      throw error;
    }
    await this.handled(envelope.id);
  }

  /** `admit`, then `translate`, then `onMessage`: the whole inbound path of one platform event. */
  async pass(envelope: Envelope, translate: () => Promise<IncomingMessage | undefined> | IncomingMessage | undefined, onMessage: ((m: IncomingMessage) => Promise<void>) | undefined): Promise<void> {
    await this.run(envelope, async () => {
      const message = await translate();
      if (message) await onMessage?.(message);
    });
  }

  private begin(id: string, now: Date): Promise<boolean> {
    // SeenMessages loads lazily; two events of one batch must not race that first load.
    const next = this.chain.then(() => this.seen.begin(id, now));
    this.chain = next.catch(() => undefined);
    return next;
  }
}

/**
 * Too old to act on: sent before this login (puppets replay history after a re-login), or older than `maxAgeMs`
 * (a request from an hour ago answered now confuses everyone; the owner will ask again). `slackMs` absorbs clock skew
 * between the platform's servers and this machine.
 */
export function isStale(sentAt: Date, now: Date, loginAt: Date | undefined, maxAgeMs: number, slackMs = 5_000): boolean {
  if (now.getTime() - sentAt.getTime() > maxAgeMs) return true;
  return loginAt !== undefined && sentAt.getTime() < loginAt.getTime() - slackMs;
}
