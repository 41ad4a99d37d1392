/**
 * Complete months (policy 5.5, docs/timeliness.md "Months"). A month's report is sent while some of its work is still
 * pending, so each report remembers what it told leadership. Later reports restate (补报) any earlier month whose
 * verdicts changed since then: the rate as sent, the rate now, and the tickets that changed. A ledger exported at the
 * same moment shows the same verdicts, since both come from `judgeTimeliness`.
 */
import type { Config } from '../config/schema.ts';
import type { Ledger } from '../domain/ledger.ts';
import type { TimelinessStatus, TimelyRate } from '../domain/timeliness.ts';
import type { Store } from '../store/store.ts';
import { type Judged, judged, RateTally, rateByLedger } from './analysis.ts';
import { type MonthId, monthRange, shiftMonth } from '../zoned-time.ts';

/** Where the figures each sent report gave are kept, one record per month and estate. */
export const SENT_REPORTS = 'monthly-sent';

/** How many months back a report looks for work that has been decided since. */
export const RESTATE_MONTHS = 3;

export interface SentMonth {
  month: MonthId;
  at: string;
  overall: TimelyRate;
  byLedger: Array<[Ledger, TimelyRate]>;
  verdicts: Record<string, TimelinessStatus>;
}

export interface Restatement {
  month: MonthId;
  /** When the figures being corrected were sent. */
  sentAt: string;
  sent: TimelyRate;
  now: TimelyRate;
  byLedger: Array<[Ledger, { sent: TimelyRate; now: TimelyRate }]>;
  changes: Array<{ number: string; from: TimelinessStatus; to: TimelinessStatus }>;
}

const sentKey = (month: MonthId, estate: string | undefined) => `${month}|${estate ?? '*'}`;

/** Late and overdue are the same verdict for the rate: a change between them is no change. */
const verdictClass = (s: TimelinessStatus) => (s === 'overdue' ? 'late' : s);

export async function monthJudged(store: Store, config: Config, now: Date, month: MonthId, estate?: string): Promise<Judged[]> {
  const { from, to } = monthRange(month, config.timezone);
  const tickets = await store.listTickets({ ...(estate !== undefined && { estate }), createdFrom: from.toISOString(), createdTo: to.toISOString() });
  return judged(tickets, now, config);
}

export function snapshotOf(month: MonthId, at: Date, items: readonly Judged[]): SentMonth {
  const overall = new RateTally();
  for (const i of items) overall.add(i.status);
  return {
    month,
    at: at.toISOString(),
    overall: overall.rate(),
    byLedger: rateByLedger(items),
    verdicts: Object.fromEntries(items.map((i) => [i.ticket.number, i.status])),
  };
}

/** The earlier months whose verdicts changed since their figures were last sent, oldest first. */
export async function restatements(store: Store, config: Config, now: Date, month: MonthId, estate?: string): Promise<Restatement[]> {
  const out: Restatement[] = [];
  for (let back = RESTATE_MONTHS; back >= 1; back -= 1) {
    const earlier = shiftMonth(month, -back);
    const sent = await store.getRecord<SentMonth>(SENT_REPORTS, sentKey(earlier, estate));
    if (!sent) continue;
    const items = await monthJudged(store, config, now, earlier, estate);
    const changes = items.flatMap((i) => {
      const before = sent.verdicts[i.ticket.number];
      return before !== undefined && verdictClass(before) === verdictClass(i.status) ? [] : [{ number: i.ticket.number, from: before ?? 'pending', to: i.status }];
    });
    if (changes.length === 0) continue;
    const current = snapshotOf(earlier, now, items);
    const sentLedgers = new Map(sent.byLedger);
    out.push({
      month: earlier,
      sentAt: sent.at,
      sent: sent.overall,
      now: current.overall,
      byLedger: current.byLedger.map(([l, r]) => [l, { sent: sentLedgers.get(l) ?? { timely: 0, total: 0, percent: null }, now: r }]),
      changes,
    });
  }
  return out;
}

/**
 * Remembers what a sent report said: the month's own figures and every month it restated, so the next report
 * restates only what changed after this one.
 */
export async function recordSent(store: Store, config: Config, now: Date, month: MonthId, estate: string | undefined, restated: readonly Restatement[]): Promise<void> {
  const months = [month, ...restated.map((r) => r.month)];
  const entries: Array<[string, SentMonth]> = [];
  for (const m of months) entries.push([sentKey(m, estate), snapshotOf(m, now, await monthJudged(store, config, now, m, estate))]);
  await store.putRecords(SENT_REPORTS, entries);
}
