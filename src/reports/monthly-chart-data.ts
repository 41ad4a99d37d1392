/**
 * What the monthly chart and the console's monthly page show beyond the text analysis: the month-on-month rate and
 * the month's volume by category and by clause (every ticket created in the month, cancelled ones included).
 */
import type { Config } from '../config/schema.ts';
import { CATEGORY_NAME_ZH, type Category } from '../domain/category.ts';
import type { TimelyRate } from '../domain/timeliness.ts';
import type { Store } from '../store/store.ts';
import { computeMonthly, type MonthlyAnalysis } from './monthly.ts';
import { type MonthId, monthRange, shiftMonth } from '../zoned-time.ts';

export interface MonthlyView {
  analysis: MonthlyAnalysis;
  trend: Array<[MonthId, TimelyRate]>;
  volumeByCategory: Array<[string, number]>;
  volumeByClause: Array<[string, number]>;
}

/** Months shown in the month-on-month line, this one included. */
export const TREND_MONTHS = 6;

export async function monthlyView(deps: { store: Store; config: Config; now: Date }, month: MonthId, estate?: string): Promise<MonthlyView> {
  const analysis = await computeMonthly(deps.store, deps.config, deps.now, month, estate);
  const trend: Array<[MonthId, TimelyRate]> = [];
  for (let i = TREND_MONTHS - 1; i >= 1; i -= 1) {
    const m = shiftMonth(month, -i);
    trend.push([m, (await computeMonthly(deps.store, deps.config, deps.now, m, estate)).overall]);
  }
  trend.push([month, analysis.overall]);
  // Leading months with nothing counted are before the estate started: leave them off the line.
  while (trend.length > 1 && trend[0]![1].total === 0) trend.shift();

  const { from, to } = monthRange(month, deps.config.timezone);
  const tickets = await deps.store.listTickets({ ...(estate !== undefined && { estate }), createdFrom: from.toISOString(), createdTo: to.toISOString() });
  const byCategory = new Map<Category, number>();
  const byClause = new Map<string, number>();
  for (const t of tickets) {
    byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + 1);
    byClause.set(t.clause, (byClause.get(t.clause) ?? 0) + 1);
  }
  const sorted = <K extends string>(m: Map<K, number>, name: (k: K) => string) =>
    [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => [name(k), n] as [string, number]);
  return { analysis, trend, volumeByCategory: sorted(byCategory, (c) => CATEGORY_NAME_ZH[c]), volumeByClause: sorted(byClause, (c) => c) };
}
