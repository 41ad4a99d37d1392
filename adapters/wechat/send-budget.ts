/**
 * Sending that should not get a personal WeChat account restricted (issue 18 §6). The outbox already keeps ≥ 1 s
 * between sends and ≥ 2 s per chat; WeChat's risk control also watches volume, so on top of that: an hourly cap per
 * chat and overall, a burst cap (so many in any minute), and a slow drain for a while after each login or pause, when
 * a backlog would otherwise go out at full speed. Pure bookkeeping with the time passed in; the adapter waits.
 */
export interface SendBudgetLimits {
  /** Sends to one chat in any hour. */
  perChatPerHour: number;
  /** Sends overall in any hour. */
  overallPerHour: number;
  /** Sends overall in any minute. */
  burstPerMinute: number;
  /** After a login (or a pause for a rate-limit notice), this long at the slow pace … */
  slowDrainMs: number;
  /** … at least this far apart. */
  slowIntervalMs: number;
}

export const DEFAULT_SEND_BUDGET: SendBudgetLimits = {
  perChatPerHour: 60,
  overallPerHour: 300,
  burstPerMinute: 12,
  slowDrainMs: 10 * 60_000,
  slowIntervalMs: 5_000,
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class SendBudget {
  private readonly sent: Array<{ chat: string; at: number }> = [];
  private slowUntil = 0;

  constructor(readonly limits: SendBudgetLimits = DEFAULT_SEND_BUDGET) {}

  /** A login or the end of a pause: the backlog drains slowly for a while. */
  startSlow(now: number): void {
    this.slowUntil = now + this.limits.slowDrainMs;
  }

  /** How long to wait before the next send to `chat` is within every limit (0: now). */
  delayFor(chat: string, now: number): number {
    this.prune(now);
    const waits = [0];
    const last = this.sent.at(-1);
    if (last && now < this.slowUntil) waits.push(last.at + this.limits.slowIntervalMs - now);
    const lastMinute = this.sent.filter((s) => s.at > now - MINUTE);
    if (lastMinute.length >= this.limits.burstPerMinute) waits.push(lastMinute[lastMinute.length - this.limits.burstPerMinute]!.at + MINUTE - now);
    if (this.sent.length >= this.limits.overallPerHour) waits.push(this.sent[this.sent.length - this.limits.overallPerHour]!.at + HOUR - now);
    const toChat = this.sent.filter((s) => s.chat === chat);
    if (toChat.length >= this.limits.perChatPerHour) waits.push(toChat[toChat.length - this.limits.perChatPerHour]!.at + HOUR - now);
    return Math.max(...waits);
  }

  record(chat: string, now: number): void {
    this.sent.push({ chat, at: now });
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && this.sent[0]!.at <= now - HOUR) this.sent.shift();
  }
}

/**
 * WeChat's own words when it restricts sending: a system message in the chat (wechat4u gives it as an Unknown
 * message, MsgType 10000) or the text of a failed send. Ret 1205 is the web protocol's "too frequent" code.
 */
export const RATE_LIMIT_NOTICE = /操作(过于|太)频繁|(发送|发消息|消息发送)(过于|太)频繁|频繁.{0,6}稍后再试|\b1205\b/;
