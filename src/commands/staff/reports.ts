import { digestText } from '../../reports/digest.ts';
import { monthlyText } from '../../reports/monthly.ts';
import { staffT } from '../../templates.ts';
import { monthOf, parseMonth } from '../../zoned-time.ts';
import { type CommandOutput, elevated, fail, type StaffContext } from './context.ts';
import { notInOwnersGroup } from './views.ts';

/**
 * 日报 / 月报 in a staff chat: the digest and the month's 及时率 when the office head asks, not only when the cron
 * sends them (policy 5.3, 5.5). The field trial's office head typed 日报 and got silence. They name every owner's
 * matters, so only the office and its heads and managers get them, never in the owners' group, and only for the
 * asker's estate.
 */
function forOffice(ctx: StaffContext, word: string): void {
  notInOwnersGroup(ctx, word);
  if (!elevated(ctx.staff) && ctx.staff.unit !== 'office') fail(staffT.reportsForOffice(word));
}

const YESTERDAY = /^(昨天|昨日|yesterday)$/i;
const TODAY = /^(今天|今日|today)?$/i;
const LAST_MONTH = /^(上月|上个月|last)$/i;
const THIS_MONTH = /^(本月|这个月|this)?$/i;

export async function daily(ctx: StaffContext, args: string): Promise<CommandOutput> {
  forOffice(ctx, '日报');
  const arg = args.trim();
  if (!YESTERDAY.test(arg) && !TODAY.test(arg)) fail(staffT.badReportDay());
  const text = await digestText(ctx, ctx.staff.estate, { today: !YESTERDAY.test(arg) });
  return { reply: text, notices: [] };
}

export async function monthly(ctx: StaffContext, args: string): Promise<CommandOutput> {
  forOffice(ctx, '月报');
  const arg = args.trim();
  const tz = ctx.config.timezone;
  const now = ctx.clock.now();
  const month = THIS_MONTH.test(arg) ? monthOf(now, tz) : LAST_MONTH.test(arg) ? monthOf(now, tz, -1) : parseMonth(arg);
  if (!month) fail(staffT.badReportMonth());
  return { reply: await monthlyText(ctx, month, ctx.staff.estate), notices: [] };
}
