/**
 * The daily digest (issue 6, policy 5.3 and 5.5) for leadership's chat: yesterday's new requests by category, work
 * in hand, overdue (with handler), due today, unrated, unhappy, flagged 4.3.1.5, work the owner has heard nothing
 * about for a day (件件有回音), and the month-to-date timely rate per ledger. Lists are cut to a few lines: it is read
 * on a phone.
 */
import { excerpt } from '../domain/phone-mask.ts';
import { formatLocation } from '../domain/location.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { CATEGORY_NAME_ZH, type Category, CategorySchema, UNIT_NAME_ZH } from '../domain/category.ts';
import { LEDGER_NAME_ZH } from '../domain/ledger.ts';
import type { TimelyRate } from '../domain/timeliness.ts';
import { answeredByBot, type Ticket } from '../domain/ticket.ts';
import type { Ledger } from '../domain/ledger.ts';
import { silentSince, stallOf } from '../clocks/clocks.ts';
import { OfflineLog } from '../alerts/offline-periods.ts';
import type { OutgoingMessage } from '../messages.ts';
import type { PlatformInfo } from '../platform/module.ts';
import type { Store } from '../store/store.ts';
import { formatTime } from '../templates.ts';
import { judged, rateByLedger } from './analysis.ts';
import { digestT, rateText } from './templates.ts';
import { startOfDay, zonedParts, zonedTime } from '../zoned-time.ts';

/** Lines shown per list; the rest is counted. */
export const DIGEST_LIST_LIMIT = 5;

export interface DigestData {
  estateName: string;
  /** 全部小区 of several estates: each estate's name by id, to say whose each listed ticket is (the same 5栋502 is in each). */
  estateNames?: Record<string, string>;
  /** Yesterday's date as the office says it: 11月26日 (or 11月27日 截至16:30 for today so far). */
  day: string;
  /** The report is of today so far, not of the day that ended. */
  today?: boolean;
  newByCategory: Array<[Category, number]>;
  newTotal: number;
  open: number;
  /** Emergencies still open (policy 3.1): first in the digest, whatever their three-day deadline says. */
  urgent: Ticket[];
  /** Not accepted by anyone past the head's hour (reminders.firstResponseHeadMinutes), with the whole hours waited. */
  unaccepted: Array<{ ticket: Ticket; hours: number }>;
  overdue: Array<{ ticket: Ticket; deadline: string }>;
  dueToday: Ticket[];
  unrated: Ticket[];
  unhappy: Ticket[];
  flagged: Ticket[];
  silent: Ticket[];
  timely: Array<[Ledger, TimelyRate]>;
  /** The month the rate is for: the reported day's month. */
  month: number;
}

const HOUR = 3_600_000;

/** Computes the digest for one estate (or all estates when `estate` is undefined) at `now`. */
export async function computeDigest(store: Store, config: Config, now: Date, estate?: string, opts: { today?: boolean } = {}): Promise<DigestData> {
  const tz = config.timezone;
  // The digest reports the day that ended; `today` reports the day so far (huiyin report daily --date today).
  const today = opts.today ? new Date(now.getTime() + 1) : startOfDay(now, tz);
  const yesterday = opts.today ? startOfDay(now, tz) : startOfDay(now, tz, -1);
  const tomorrow = startOfDay(now, tz, 1);
  // The digest reports the day that ended, so its month is that day's: at 00:05 on the 1st, the month just ended.
  const p = zonedParts(yesterday, tz);
  const monthStart = zonedTime(p.year, p.month, 1, 0, 0, tz);
  const monthEnd = zonedTime(p.year, p.month + 1, 1, 0, 0, tz);
  const scope = estate === undefined ? {} : { estate };

  const active = await store.listTickets({ ...scope, status: ['open', 'accepted', 'completed'] });
  const from = new Date(Math.min(monthStart.getTime(), yesterday.getTime())).toISOString();
  const recent = await store.listTickets({ ...scope, createdFrom: from, createdTo: new Date(now.getTime() + 1).toISOString() });

  const counts = new Map<Category, number>();
  let newTotal = 0;
  for (const t of recent) {
    const created = Date.parse(t.createdAt);
    if (created < yesterday.getTime() || created >= today.getTime()) continue;
    counts.set(t.category, (counts.get(t.category) ?? 0) + 1);
    newTotal += 1;
  }

  const working = judged(
    active.filter((t) => t.status !== 'completed'),
    now,
    config,
  );
  const overdue = working.filter((j) => j.status === 'overdue').sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
  const dueToday = working
    .filter((j) => j.status === 'pending' && Date.parse(j.deadline) < tomorrow.getTime())
    .sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline))
    .map((j) => j.ticket);
  // Work nobody took past the head's hour had one 【无人接单】 and then was in no list of the digest, which said
  // 目前无需特别关注的工单 over a repair that had waited all day (seen in play). Emergencies have their own list.
  const unacceptedBefore = now.getTime() - config.reminders.firstResponseHeadMinutes * 60_000;
  const unaccepted = working
    .map((j) => j.ticket)
    .filter((t) => t.status === 'open' && !t.handler && !t.urgent && Date.parse(t.createdAt) <= unacceptedBefore)
    .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt))
    .map((ticket) => ({ ticket, hours: Math.floor((now.getTime() - Date.parse(ticket.createdAt)) / HOUR) }));
  const silentBefore = now.getTime() - config.reminders.silentHours * HOUR;
  const month = judged(
    recent.filter((t) => Date.parse(t.createdAt) >= monthStart.getTime() && Date.parse(t.createdAt) < monthEnd.getTime()),
    now,
    config,
  );

  return {
    estateName: estate === undefined ? (config.estates.length === 1 ? config.estates[0]!.name : '全部小区') : (config.estates.find((e) => e.id === estate)?.name ?? estate),
    ...(estate === undefined && config.estates.length > 1 && { estateNames: Object.fromEntries(config.estates.map((e) => [e.id, e.name])) }),
    day: opts.today ? digestT.soFar(formatTime(now, tz)) : formatTime(yesterday, tz).split(' ')[0]!,
    ...(opts.today && { today: true }),
    newByCategory: CategorySchema.options.flatMap((c) => (counts.get(c) ? [[c, counts.get(c)!] as [Category, number]] : [])),
    newTotal,
    open: working.length,
    urgent: working.map((j) => j.ticket).filter((t) => t.urgent),
    unaccepted,
    overdue: overdue.map((j) => ({ ticket: j.ticket, deadline: j.deadline })),
    dueToday,
    // A question the FAQ answered was never put to the owner for a rating: listing each one under 待评价 buried the
    // repairs that do wait for one (seen in play).
    unrated: active.filter((t) => t.status === 'completed' && !answeredByBot(t)),
    unhappy: working.map((j) => j.ticket).filter((t) => t.history.some((e) => e.type === 'reopened' && e.by.kind === 'owner')),
    flagged: working.map((j) => j.ticket).filter((t) => stallOf(t, config, now).flagged),
    silent: working.map((j) => j.ticket).filter((t) => silentSince(t) < silentBefore),
    timely: rateByLedger(month),
    month: p.month,
  };
}

function section(title: string, items: readonly Ticket[], line: (t: Ticket) => string): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, DIGEST_LIST_LIMIT).map((t) => `  ${line(t)}`);
  return [digestT.section(title, items.length), ...shown, ...(items.length > DIGEST_LIST_LIMIT ? [digestT.more(items.length - DIGEST_LIST_LIMIT)] : [])];
}

// A public place the description starts with is said once ("9栋3楼走廊 9栋3楼走廊的灯坏了", as in 待办).
const short = (t: Ticket) => `${t.number} ${t.location && !t.description.startsWith(t.location.text) ? `${t.location.text} ` : ''}${excerpt(t.description, 12)}`;
const holder = (t: Ticket) => t.handler?.name ?? '无人接单';

export function renderDigest(d: DigestData, timezone: string): string {
  const lines = [
    digestT.title(d.estateName, d.day),
    digestT.newByCategory(
      d.newByCategory.map(([c, n]) => `${CATEGORY_NAME_ZH[c]}${n}`),
      d.newTotal,
      d.today,
    ),
    digestT.counts(d.open, d.overdue.length, d.dueToday.length, d.unrated.length, d.today),
  ];
  const overdueByNumber = new Map(d.overdue.map((o) => [o.ticket.number, o.deadline]));
  const waited = new Map(d.unaccepted.map((u) => [u.ticket.number, u.hours]));
  // 全部小区: whose each line is (seen in play with two estates: R0001 5栋502 厨房漏水 and R0002 5栋502 卫生间堵了, the
  // same flat number in two estates, and leadership could not tell which office to call).
  const listSection = (title: string, items: readonly Ticket[], line: (t: Ticket) => string) =>
    section(title, items, d.estateNames ? (t) => `${d.estateNames![t.estate] ?? t.estate} ${line(t)}` : line);
  const sections = [
    ...listSection('紧急未办结', d.urgent, (t) => `${t.number} ${t.urgent} ${t.location ? `${formatLocation(t.location)} ` : ''}· ${holder(t)} · 报于${formatTime(t.createdAt, timezone)}`),
    ...listSection(digestT.unacceptedTitle(), d.unaccepted.map((u) => u.ticket), (t) => `${short(t)} · ${UNIT_NAME_ZH[t.unit]} · ${digestT.waited(waited.get(t.number)!)}`),
    ...listSection(
      '超时',
      d.overdue.map((o) => o.ticket),
      (t) => `${short(t)} · ${holder(t)} · 应${formatTime(overdueByNumber.get(t.number)!, timezone)}`,
    ),
    ...listSection('今日到期', d.dueToday, (t) => `${short(t)} · ${holder(t)}`),
    ...listSection('有效投诉4.3.1.5(催办两次无进展)', d.flagged, (t) => `${short(t)} · ${holder(t)}`),
    ...listSection('业主不满意', d.unhappy, (t) => `${short(t)} · ${holder(t)}`),
    ...listSection('超24小时未回音', d.silent, (t) => `${short(t)} · ${holder(t)}`),
    ...listSection('待评价', d.unrated, (t) => short(t)),
  ];
  // A day with nothing in it (no new request, nothing in hand, nothing to list) is one line, not five lines of zeros
  // and a month's rates that did not move: leadership still sees the desk was working (5.3), and reads it in a glance.
  if (d.newTotal === 0 && d.open === 0 && sections.length === 0) return `${digestT.title(d.estateName, d.day)}${digestT.quietDay(d.today)}`;
  lines.push(...(sections.length ? sections : [digestT.nothing()]));
  lines.push(digestT.timely(d.month, d.timely.map(([l, r]) => `${LEDGER_NAME_ZH[l]} ${rateText(r)}`)));
  return lines.join('\n');
}

/** What the digest reads: the store at the clock's time, and the registry's platforms for its offline lines. */
export interface DigestDeps {
  store: Store;
  config: Config;
  clock: Clock;
  platforms?: readonly PlatformInfo[];
}

/** The digest text for one estate (or all) at the clock's time: what `huiyin report daily` prints. */
export async function digestText(deps: DigestDeps, estate?: string, opts: { today?: boolean } = {}): Promise<string> {
  const now = deps.clock.now();
  const text = renderDigest(await computeDigest(deps.store, deps.config, now, estate, opts), deps.config.timezone);
  // Managers should know when owners could not reach the bot (issue 8: the digest says how long it was offline).
  const offline = await new OfflineLog(deps.store, deps.platforms).summary(startOfDay(now, deps.config.timezone, -1), now);
  return offline ? `${text}\n${offline}` : text;
}

/** Before this hour (a morning digest) the scheduled digest is of the day that ended; from it on, of the day so far. */
export const DIGEST_TODAY_FROM_HOUR = 12;

/**
 * One digest to each of leadership's chats: an estate's chat gets its estate, an estate-less chat all of them. Sent in
 * the morning (cron 5 0 * * * or 0 8 * * *) it reports the day that ended; sent from noon on (the default is 18:00)
 * it reports the day so far, as 日报 in chat does: at 18:00 the day that ended was yesterday, so leadership read of a day's requests a
 * day late and never of the day in front of them.
 */
export async function digestMessages(deps: DigestDeps): Promise<OutgoingMessage[]> {
  const chats = deps.config.chats.filter((c) => c.role === 'managers');
  const today = zonedParts(deps.clock.now(), deps.config.timezone).hour >= DIGEST_TODAY_FROM_HOUR;
  const out: OutgoingMessage[] = [];
  for (const chat of chats) out.push({ chat: { platform: chat.platform, id: chat.id }, text: await digestText(deps, chat.estate, { today }) });
  return out;
}

