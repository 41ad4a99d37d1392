import { digestText } from '../../reports/digest.ts';
import { type MonthlyOf, monthlyOfText, monthlyRateText, monthlyText } from '../../reports/monthly.ts';
import { COMMAND_VOCABULARY } from '../vocabulary.ts';
import { staffT } from '../../templates.ts';
import { monthOf, parseMonth } from '../../zoned-time.ts';
import { type CommandOutput, elevated, fail, type StaffContext } from './context.ts';
import { figuresNotInOwnersGroup, notInOwnersGroup } from './views.ts';
import { namedOf, unitOf } from './words.ts';

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
/** The rate alone was asked for ("及时率多少", asked-view.ts passes the word on): the one figure, not the analysis. */
const RATE_WORDS: readonly string[] = COMMAND_VOCABULARY.asked.words.rate ?? [];

export async function daily(ctx: StaffContext, args: string): Promise<CommandOutput> {
  forOffice(ctx, '日报');
  const arg = args.trim();
  if (!YESTERDAY.test(arg) && !TODAY.test(arg)) fail(staffT.badReportDay());
  const text = await digestText(ctx, ctx.staff.estate, { today: !YESTERDAY.test(arg) });
  return { reply: text, notices: [] };
}

/**
 * 月报 [month] [person or unit]: the estate's month, or one handler's or one unit's ("张工的及时率" comes here as 月报 张工,
 * asked-view.ts), in either order.
 */
export async function monthly(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const rateWord = args.trim().split(/\s+/).find((w) => RATE_WORDS.includes(w));
  if (rateWord) figuresNotInOwnersGroup(ctx, rateWord);
  notInOwnersGroup(ctx, '月报');
  const tz = ctx.config.timezone;
  const now = ctx.clock.now();
  let month = monthOf(now, tz);
  let who: MonthlyOf | undefined;
  let rateOnly = false;
  let monthWord = '';
  for (const word of args.trim().split(/\s+/).filter(Boolean)) {
    if (RATE_WORDS.includes(word)) {
      rateOnly = true;
      continue;
    }
    const named = LAST_MONTH.test(word) ? monthOf(now, tz, -1) : THIS_MONTH.test(word) ? monthOf(now, tz) : parseMonth(word);
    if (named) {
      month = named;
      monthWord = month === monthOf(now, tz) ? '' : LAST_MONTH.test(word) ? '上月' : month;
      continue;
    }
    const person = namedOf(word, (w) => ctx.config.staff.find((s) => s.name === w && (!s.estate || s.estate === ctx.staff.estate || !ctx.staff.estate))).found;
    const unit = person ? undefined : unitOf(word).unit;
    if (who || (!person && !unit)) fail(staffT.badReportMonth());
    who = person ? { handler: person.name } : { unit: unit! };
  }
  // One's own rate is one's own to see (policy 5.5 分处理人): "我的及时率" from 张工. Everything else is the office's.
  if (!(who && 'handler' in who && who.handler === ctx.staff.name)) forOffice(ctx, rateOnly && !who ? RATE_WORDS[0]! : '月报');
  if (who) return { reply: await monthlyOfText(ctx, month, who, ctx.staff.estate), notices: [] };
  if (rateOnly) return { reply: await monthlyRateText(ctx, month, ['月报', monthWord].filter(Boolean).join(' '), ctx.staff.estate), notices: [] };
  return { reply: await monthlyText(ctx, month, ctx.staff.estate), notices: [] };
}
