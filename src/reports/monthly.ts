/**
 * The monthly analysis (policy 5.5): timely rate = timely ÷ total × 100% per ledger, category, unit and handler with
 * the counts behind each rate; satisfaction averages; complaint classes; recurring problems and places; change from
 * the month before. Tickets are those created in the month (in the deployment's timezone), judged at report time.
 * The store is asked by creation time only, so it loads just the partitions that month's tickets live in.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { CATEGORY_NAME_ZH, type Category, isComplaint, UNIT_NAME_ZH, type Unit } from '../domain/category.ts';
import { LEDGER_NAME_ZH, type Ledger } from '../domain/ledger.ts';
import type { TimelyRate } from '../domain/timeliness.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { OutgoingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { assigneeKey, autoAnswered, judged, RateTally, rateByLedger, tallyBy, unitKey } from './analysis.ts';
import { monthJudged, recordSent, type Restatement, restatements } from './restated.ts';
import { monthlyT, rateText } from './templates.ts';
import { formatTime } from '../templates.ts';
import { type MonthId, monthRange, shiftMonth } from '../zoned-time.ts';

/** Entries shown per breakdown; a phone screen, not a spreadsheet (the export has everything). */
export const MONTHLY_TOP = 5;

export interface MonthlyAnalysis {
  month: MonthId;
  estateName: string;
  total: number;
  completed: number;
  inWork: number;
  cancelled: number;
  /** Consultations the bot answered from the FAQ: in the duty log, not in the rate (docs/timeliness.md J10). */
  autoAnswered: number;
  overall: TimelyRate;
  previous: TimelyRate;
  byLedger: Array<[Ledger, TimelyRate]>;
  byCategory: Array<[Category, TimelyRate]>;
  byUnit: Array<[Unit, TimelyRate]>;
  byHandler: Array<[string, TimelyRate]>;
  satisfaction: { count: number; quality: number; timeliness: number; attitude: number };
  /**
   * Work reopened after it was reported done (an owner's 不满意, a return visit's, or 重开), with the last reason: the
   * averages above keep only the final rating, so a 不满意 later made good vanished from the month (seen in play).
   */
  reworked: Array<{ number: string; reason: string }>;
  complaintClasses: Array<[string, number]>;
  topProblems: Array<[string, number]>;
  topPlaces: Array<[string, number]>;
  /** The month's work still within its deadline: not in the rate yet, restated once decided. */
  pending: Array<{ number: string; deadline: string }>;
  /** Earlier months whose verdicts changed since their report was sent (补报). */
  restated: Restatement[];
}

async function monthTickets(store: Store, config: Config, month: MonthId, estate?: string): Promise<Ticket[]> {
  const { from, to } = monthRange(month, config.timezone);
  return store.listTickets({ ...(estate !== undefined && { estate }), createdFrom: from.toISOString(), createdTo: to.toISOString() });
}

function topCounts(values: Iterable<string>, limit: number, min = 2): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= min).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

/** What a problem is called when counting repeats: the description without punctuation, spaces and room numbers. */
export function problemKey(description: string): string {
  return description.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/\d+/g, '').slice(0, 16);
}

/** A place for counting repeats: a building for rooms (5栋), the place itself in public areas. */
export function placeKey(ticket: Ticket): string {
  if (!ticket.location) return '';
  return ticket.location.kind === 'room' ? `${ticket.location.building}栋` : ticket.location.place;
}

function sortedRates<K extends string>(m: Map<string, TimelyRate>): Array<[K, TimelyRate]> {
  return ([...m] as Array<[K, TimelyRate]>).sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]));
}

export async function computeMonthly(store: Store, config: Config, now: Date, month: MonthId, estate?: string): Promise<MonthlyAnalysis> {
  const items = await monthJudged(store, config, now, month, estate);
  const tickets = items.map((i) => i.ticket);
  const previousTickets = await monthTickets(store, config, shiftMonth(month, -1), estate);
  const overall = new RateTally();
  for (const i of items) overall.add(i.status);
  const previous = new RateTally();
  for (const i of judged(previousTickets, now, config)) previous.add(i.status);

  const rated = tickets.filter((t) => t.ratings);
  const avg = (k: 'quality' | 'timeliness' | 'attitude') =>
    rated.length === 0 ? 0 : Math.round((rated.reduce((s, t) => s + t.ratings![k], 0) / rated.length) * 10) / 10;

  return {
    month,
    estateName: estateNameOf(config, estate),
    total: tickets.length,
    completed: tickets.filter((t) => t.completedAt || t.ratings).length,
    inWork: tickets.filter((t) => t.status === 'open' || t.status === 'accepted').length,
    cancelled: items.filter((i) => i.judgement.rule === 'dropped_in_time').length,
    autoAnswered: items.filter(autoAnswered).length,
    overall: overall.rate(),
    previous: previous.rate(),
    byLedger: rateByLedger(items),
    byCategory: sortedRates<Category>(tallyBy(items, (i) => [i.ticket.category])),
    byUnit: sortedRates<Unit>(tallyBy(items, unitKey)),
    byHandler: sortedRates<string>(tallyBy(items, assigneeKey)),
    satisfaction: { count: rated.length, quality: avg('quality'), timeliness: avg('timeliness'), attitude: avg('attitude') },
    reworked: tickets.flatMap((t) => {
      const reopened = t.history.findLast((e) => e.type === 'reopened');
      return reopened?.type === 'reopened' ? [{ number: t.number, reason: reopened.reason }] : [];
    }),
    complaintClasses: topCounts(
      tickets.filter((t) => isComplaint(t.category)).map((t) => `${CATEGORY_NAME_ZH[t.category]} ${t.clause}`),
      MONTHLY_TOP,
      1,
    ),
    topProblems: topCounts(
      tickets.map((t) => problemKey(t.description)),
      3,
    ),
    topPlaces: topCounts(tickets.map(placeKey), 3),
    pending: items.filter((i) => i.status === 'pending').map((i) => ({ number: i.ticket.number, deadline: i.deadline })),
    restated: await restatements(store, config, now, month, estate),
  };
}

const VERDICT_ZH = { timely: '及时', late: '不及时', overdue: '超时未办', pending: '待定', none: '不计' } as const;

function restatedLines(a: MonthlyAnalysis, timezone: string): string[] {
  return a.restated.flatMap((r) => [
    monthlyT.restated(r.month, formatTime(r.sentAt, timezone), rateText(r.sent), rateText(r.now)),
    monthlyT.line(
      '  分台账',
      r.byLedger.filter(([, v]) => v.now.total > 0 || v.sent.total > 0).map(([l, v]) => `${LEDGER_NAME_ZH[l]} ${rateText(v.sent)}→${rateText(v.now)}`),
    ),
    monthlyT.line(
      '  变化',
      [
        ...r.changes.slice(0, MONTHLY_TOP).map((c) => `${c.number} ${VERDICT_ZH[c.from]}→${VERDICT_ZH[c.to]}`),
        ...(r.changes.length > MONTHLY_TOP ? [monthlyT.more(r.changes.length - MONTHLY_TOP)] : []),
      ],
    ),
  ]);
}

export function renderMonthly(a: MonthlyAnalysis, timezone = 'Asia/Shanghai'): string {
  const delta = a.overall.percent !== null && a.previous.percent !== null ? a.overall.percent - a.previous.percent : null;
  const rates = <K extends string>(list: Array<[K, TimelyRate]>, name: (k: K) => string) =>
    list
      .filter(([, r]) => r.total > 0)
      .slice(0, MONTHLY_TOP)
      .map(([k, r]) => `${name(k)} ${rateText(r)}`);
  // A month with nothing on record said 无 on ten lines (seen in play: 月报 上月 in a new deployment); a 补报 still shows.
  if (a.total === 0) return [monthlyT.title(a.estateName, a.month), monthlyT.empty(a.month), ...restatedLines(a, timezone)].join('\n');
  return [
    monthlyT.title(a.estateName, a.month),
    monthlyT.counts(a.total, a.completed, a.inWork, a.cancelled, a.autoAnswered),
    monthlyT.overall(rateText(a.overall), monthlyT.change(delta)),
    monthlyT.line('分台账', rates(a.byLedger, (l) => LEDGER_NAME_ZH[l])),
    monthlyT.line('分类别', rates(a.byCategory, (c) => CATEGORY_NAME_ZH[c])),
    monthlyT.line('分部门', rates(a.byUnit, (u) => UNIT_NAME_ZH[u])),
    monthlyT.line('分处理人', rates(a.byHandler, (h) => h)),
    monthlyT.satisfaction(a.month, a.satisfaction.count, a.satisfaction.quality.toFixed(1), a.satisfaction.timeliness.toFixed(1), a.satisfaction.attitude.toFixed(1)),
    ...(a.reworked.length
      ? [
          monthlyT.reworked(a.reworked.length, [
            ...a.reworked.slice(0, MONTHLY_TOP).map((r) => `${r.number} ${r.reason}`),
            ...(a.reworked.length > MONTHLY_TOP ? [monthlyT.more(a.reworked.length - MONTHLY_TOP)] : []),
          ]),
        ]
      : []),
    monthlyT.line('投诉类别', a.complaintClasses.map(([k, n]) => `${k} ×${n}`)),
    monthlyT.line('重复问题', a.topProblems.map(([k, n]) => `${k} ×${n}`)),
    monthlyT.line('集中地点', a.topPlaces.map(([k, n]) => `${k} ×${n}`)),
    ...(a.pending.length
      ? [
          monthlyT.pending(
            a.pending.length,
            [
              ...a.pending.slice(0, MONTHLY_TOP).map((p) => `${p.number} 应${formatTime(p.deadline, timezone)}`),
              ...(a.pending.length > MONTHLY_TOP ? [monthlyT.more(a.pending.length - MONTHLY_TOP)] : []),
            ],
          ),
        ]
      : []),
    ...restatedLines(a, timezone),
  ].join('\n');
}

/** Whose month a narrower report is of: one handler (by name, as results are counted, A1) or one unit. */
export type MonthlyOf = { handler: string } | { unit: Unit };

/**
 * One person's or one unit's month (policy 5.5 分处理人, 分部门): the rate as the monthly analysis counts it, the work
 * that was late or is overdue (3.1 跟催), and the work still pending. Seen in play: the office head's "张工的及时率" met
 * silence, and the whole month's report gives a person one entry on one line.
 */
export async function monthlyOfText(deps: { store: Store; config: Config; clock: Clock }, month: MonthId, who: MonthlyOf, estate?: string): Promise<string> {
  const items = (await monthJudged(deps.store, deps.config, deps.clock.now(), month, estate)).filter((i) =>
    'handler' in who ? assigneeKey(i)[0] === who.handler : unitKey(i)[0] === who.unit,
  );
  const tally = new RateTally();
  for (const i of items) tally.add(i.status);
  const late = items.filter((i) => i.status === 'late' || i.status === 'overdue');
  const pending = items.filter((i) => i.status === 'pending');
  const tz = deps.config.timezone;
  const listed = (list: typeof items, line: (i: (typeof items)[number]) => string) => [
    ...list.slice(0, MONTHLY_TOP).map(line),
    ...(list.length > MONTHLY_TOP ? [monthlyT.more(list.length - MONTHLY_TOP)] : []),
  ];
  const name = 'handler' in who ? who.handler : UNIT_NAME_ZH[who.unit];
  const title = monthlyT.ofTitle(estateNameOf(deps.config, estate), month, name);
  if (items.length === 0) return [title, monthlyT.ofEmpty(month, name)].join('\n');
  return [
    title,
    monthlyT.overall(rateText(tally.rate()), ''),
    ...(late.length ? [monthlyT.ofLate(late.length, listed(late, (i) => `${i.ticket.number} ${VERDICT_ZH[i.status as 'late' | 'overdue']}(应${formatTime(i.deadline, tz)})`))] : []),
    ...(pending.length ? [monthlyT.pending(pending.length, listed(pending, (i) => `${i.ticket.number} 应${formatTime(i.deadline, tz)}`))] : []),
  ].join('\n');
}

/**
 * The month's one figure (policy 5.5), for "及时率多少": the rate with the counts behind it, what is not in it yet, and
 * how to get the whole analysis. Seen in play: the office head's bare question got the ten-line monthly report.
 */
export async function monthlyRateText(deps: { store: Store; config: Config; clock: Clock }, month: MonthId, fullReport: string, estate?: string): Promise<string> {
  const now = deps.clock.now();
  const a = await computeMonthly(deps.store, deps.config, now, month, estate);
  const soFar = now < monthRange(month, deps.config.timezone).to ? formatTime(now, deps.config.timezone) : undefined;
  const delta = a.overall.percent !== null && a.previous.percent !== null ? a.overall.percent - a.previous.percent : null;
  return [
    monthlyT.rateTitle(a.estateName, a.month, soFar),
    a.total === 0 ? monthlyT.empty(a.month) : a.overall.total === 0 ? monthlyT.rateNone() : monthlyT.overall(rateText(a.overall), monthlyT.change(delta)),
    ...(a.total === 0 ? [] : [monthlyT.rateBasis(a.total, a.overall.total, a.pending.length, a.autoAnswered)]),
    monthlyT.rateMore(fullReport),
  ].join('\n');
}

function estateNameOf(config: Config, estate: string | undefined): string {
  return estate === undefined ? (config.estates.length === 1 ? config.estates[0]!.name : '全部小区') : (config.estates.find((e) => e.id === estate)?.name ?? estate);
}

export async function monthlyText(deps: { store: Store; config: Config; clock: Clock }, month: MonthId, estate?: string): Promise<string> {
  return renderMonthly(await computeMonthly(deps.store, deps.config, deps.clock.now(), month, estate), deps.config.timezone);
}

/** The month's analysis to each of leadership's chats (an estate's chat gets its estate, an estate-less chat all). */
export async function monthlyMessages(deps: { store: Store; config: Config; clock: Clock }, month: MonthId): Promise<OutgoingMessage[]> {
  const out: OutgoingMessage[] = [];
  const now = deps.clock.now();
  for (const chat of deps.config.chats.filter((c) => c.role === 'managers')) {
    const analysis = await computeMonthly(deps.store, deps.config, now, month, chat.estate);
    out.push({ chat: { platform: chat.platform, id: chat.id }, text: renderMonthly(analysis, deps.config.timezone) });
    // What leadership was told is remembered, so later reports restate exactly what changed since (补报).
    await recordSent(deps.store, deps.config, now, month, chat.estate, analysis.restated);
  }
  return out;
}
