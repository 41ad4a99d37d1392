import { minutesSince } from '../../clocks/urgent-clocks.ts';
import { resolutionHours } from '../../domain/policy.ts';
import { ticketTimeliness } from '../../reports/analysis.ts';
import { deadlineTrailT } from '../../reports/deadline-trail.ts';
import { formatTime, staffT, t } from '../../templates.ts';
import { type Ticket, urgentResponders } from '../../domain/ticket.ts';
import { urges } from '../../reports/urged.ts';
import { type CommandOutput, elevated, estateName, fail, inScope, isHandlerOf, type StaffContext, ticketArg, unknownStaffFor } from './context.ts';
import { namedOf } from './words.ts';

/**
 * Lists and records name other owners' matters: never in the owners' group, where every owner reads along (owners see
 * only their own tickets).
 */
export function notInOwnersGroup(ctx: StaffContext, word: string): void {
  if (ctx.message.chat.kind === 'private') return;
  if (ctx.directory.chat(ctx.message.chat.platform, ctx.message.chat.id)?.role === 'owners') fail(staffT.notInOwnersGroup(word));
}

/** The timely rate, anyone's (及时率, 张工的及时率): the company's figures, not the owners' group's either (5.5). */
export function figuresNotInOwnersGroup(ctx: StaffContext, word: string): void {
  if (ctx.message.chat.kind === 'private') return;
  if (ctx.directory.chat(ctx.message.chat.platform, ctx.message.chat.id)?.role === 'owners') fail(staffT.figuresNotInOwnersGroup(word));
}

/**
 * 查 R0001: the whole record with its history, the deadline and the trail of its moves (docs/timeliness.md D4, D5);
 * the owner's full phone number only in a private chat.
 */
export async function show(ctx: StaffContext, args: string): Promise<CommandOutput> {
  notInOwnersGroup(ctx, '查');
  // 查 alone (seen in play: 李主任's 查 got only 格式:查 R0001, a dead end for a head who wanted to see the work): the
  // open work in the sender's scope, as 待办 lists it, and how to see one (policy 4.2.1.1, the office tracks it all).
  if (!args.trim()) {
    const open = await todo(ctx);
    return { ...open, reply: `${open.reply}\n${staffT.showOne()}` };
  }
  const { ticket, rest } = await ticketArg(ctx, args, '查 R0001');
  const privateChat = ctx.message.chat.kind === 'private';
  const tz = ctx.config.timezone;
  const hours = resolutionHours(ctx.config, ticket.category);
  const now = ctx.clock.now();
  const trail = [
    // An emergency runs on minute clocks (urgent-clocks.ts); the three-day deadline below only decides its timeliness.
    ...(ticket.urgent && (ticket.status === 'open' || ticket.status === 'accepted') ? [staffT.urgentClock(ticket, minutesSince(ticket, now.getTime()), ctx.config.reminders.urgent)] : []),
    ...deadlineTrailT.lines(ticketTimeliness(ticket, now, ctx.config), hours, tz, ticket.category),
  ];
  const summary = t.ticketSummary(ticket, tz, {
    showPhone: privateChat,
    history: true,
    beforeHistory: trail,
    ...(ctx.config.estates.length > 1 && { estateName: estateName(ctx, ticket.estate) }),
  });
  // "进度 C0001 供电局说下午3点前恢复" (seen in play) showed the record and dropped the sentence; the clerk believed the
  // owner had been told. Showing is all 查 does, so the sentence is named as not sent, with the command that sends it.
  return { reply: rest ? `${summary}\n${staffT.showNotSent(ticket.number, rest)}` : summary, notices: [] };
}

/**
 * A list's line: for a reader whose work spans several estates (a manager, or a colleague of no one estate serving
 * them all), each line starts with the estate's name. Seen in play with two estates: 刘工's 待办 and 超时 and 赵总's 超时
 * listed 'R0001 … 5栋502 厨房漏水' and 'R0002 … 5栋502 卫生间堵了', two flats of the same number in two estates, and
 * nothing said which was whose. A reader of one estate reads the lines as before.
 */
function lineMaker(ctx: StaffContext): (x: Ticket, timezone: string, extra?: string) => string {
  const several = !ctx.staff.estate && ctx.config.estates.length > 1;
  return (x, timezone, extra) => `${several ? `${estateName(ctx, x.estate)} ` : ''}${t.ticketLine(x, timezone, extra)}`;
}

/**
 * 待办: my tickets in hand, then my unit's tickets nobody has accepted yet (everything in scope for heads). 待办 张工
 * (or "张工手上有几单" in a staff chat): what that person holds, for the desk.
 */
export async function todo(ctx: StaffContext, args = ''): Promise<CommandOutput> {
  notInOwnersGroup(ctx, '待办');
  const open = (await ctx.store.listTickets({ status: ['open', 'accepted'] })).filter((x) => inScope(ctx.staff, x.estate));
  const named = args.trim().split(/\s+/)[0];
  if (named) return { reply: personTodo(ctx, named, open), notices: [] };
  const mine = open.filter((x) => isHandlerOf(ctx.staff, x));
  // The office tracks everyone's work (policy 4.2.1.1), so it sees every ticket nobody has taken yet.
  const waiting = open.filter((x) => x.status === 'open' && (elevated(ctx.staff) || ctx.staff.unit === 'office' || x.unit === ctx.staff.unit));
  if (elevated(ctx.staff)) return { reply: deskTodo(ctx, open, mine, waiting), notices: [] };
  const tz = ctx.config.timezone;
  const line = lineMaker(ctx);
  const mineLines = mine.map((x) => line(x, tz, marks(reopenedText(x, tz), x.appointmentAt ? staffT.todoAppointment(x.appointmentAt, x.appointmentEnd, tz) : '')));
  // The office chases work it does not hold and keeps the owner informed (policy 4.2.1.1, 5.6 return visits): work an
  // owner sent back (不满意, 重开) while an engineer holds it showed nowhere in 陈文员's 待办 (seen in play).
  const reopened = ctx.staff.unit === 'office' ? open.filter((x) => x.handler && !isHandlerOf(ctx.staff, x) && reopenedText(x, tz)) : [];
  const reopenedLines = reopened.map((x) => line(x, tz, reopenedText(x, tz)));
  // An emergency another unit holds and this unit was sent to (policy 3.1, 4.2.1: 秩序部 at a lift entrapment) is this
  // unit's to attend until its part is done (完成 R0002 …): it showed nowhere in 王队长's 待办 (seen in play).
  const assisting = open.filter((x) => x.urgent && x.unit !== ctx.staff.unit && !isHandlerOf(ctx.staff, x) && urgentResponders(x).includes(ctx.staff.unit)
    && !x.history.some((e) => e.type === 'assisted' && e.unit === ctx.staff.unit && e.part === 'done'));
  const assistingLines = assisting.map((x) => line(x, tz, staffT.todoAssisting(x)));
  return { reply: staffT.todo([...assistingLines, ...mineLines, ...reopenedLines, ...waiting.map((x) => line(x, tz, marks(reopenedText(x, tz), staffT.todoWaiting())))]), notices: [] };
}

/**
 * What one person holds, late work first (policy 3.1 跟催, 5.5 per handler): seen in play, the office head's "张工手上
 * 有几单" met silence and the overview only counted (经办人:张工 3). The desk sees anyone's; others only their own.
 */
function personTodo(ctx: StaffContext, typed: string, open: Ticket[]): string {
  const candidates = ctx.config.staff.filter((s) => !s.estate || inScope(ctx.staff, s.estate));
  const { word, found } = namedOf(typed, (w) => candidates.find((s) => s.name === w || s.id === w));
  if (!found) unknownStaffFor(ctx, word, candidates, ctx.staff.estate);
  const self = found.platform === ctx.staff.platform && found.id === ctx.staff.id;
  if (!self && !elevated(ctx.staff) && ctx.staff.unit !== 'office') fail(staffT.personTodoDeskOnly());
  const tz = ctx.config.timezone;
  const line = lineMaker(ctx);
  const now = ctx.clock.now();
  const held = open
    .filter((x) => isHandlerOf(found, x))
    .map((x) => ({ x, judged: ticketTimeliness(x, now, ctx.config) }))
    // Late work first, the longest past its deadline at the top (policy 3.1 跟催: the head presses the latest first);
    // the rest in the order it came in.
    .sort((a, b) => Number(b.judged.status === 'overdue') - Number(a.judged.status === 'overdue') || (a.judged.status === 'overdue' ? byDeadline(a.judged, b.judged) : 0));
  const lines = held.map(({ x, judged }) =>
    line(
      x,
      tz,
      marks(
        reopenedText(x, tz),
        judged.status === 'overdue' ? staffT.todoLate(daysLate(judged.deadline, now)) : '',
        x.appointmentAt ? staffT.todoAppointment(x.appointmentAt, x.appointmentEnd, tz) : '',
        urgedText(x, tz),
      ),
    ),
  );
  return staffT.personTodo(found.name, held.filter((h) => h.judged.status === 'overdue').length, lines);
}

/** Lines per section of a head's or a manager's 待办: a phone screen, and 超时 / the web board have the rest. */
const TODO_SECTION = 8;

/**
 * A head's or a manager's 待办 is what is theirs to press (policy 3.1: quality complaints to the office head, major and
 * beyond-authority matters to leadership; 跟催): work sent up to them and still open, work past its deadline (5.2,
 * 5.3: with how long and how often it was pressed), work pressed and not yet late, their own, and work nobody has taken. 赵总's 待办 listed only the
 * last.
 */
function deskTodo(ctx: StaffContext, open: Ticket[], mine: Ticket[], waiting: Ticket[]): string {
  const tz = ctx.config.timezone;
  const now = ctx.clock.now();
  // A manager over several estates: each line says whose it is (seen in play: 5栋2单元502 and 2栋301 side by side, the
  // estate nowhere, though the two are run by different offices).
  const line = lineMaker(ctx);
  const level = ctx.staff.role === 'manager' ? 'managers' : 'office_head';
  const escalated = open.filter((x) => x.escalatedTo === level);
  const listed = new Set(escalated.map((x) => x.number));
  const overdue = open
    .flatMap((x) => {
      const judged = ticketTimeliness(x, now, ctx.config);
      return judged.status === 'overdue' && !listed.has(x.number) ? [{ ticket: x, deadline: judged.deadline }] : [];
    })
    .sort(byDeadline);
  for (const o of overdue) listed.add(o.ticket.number);
  // Pressed (督办) and not yet late: a head who urged work wants to see it until it is done (it showed nowhere, or as
  // one more line of 待接单 without the 督办).
  const pressed = open.filter((x) => !listed.has(x.number) && urges(x).length > 0);
  for (const x of pressed) listed.add(x.number);
  // Reopened by the owner's 不满意 or a 重开 and in nobody's list above: the head was named as the one to follow it up
  // (policy 5.6, 3.1; the owner hears 管理处主任会跟进), and it showed nowhere in the head's 待办 while someone held it.
  const reopened = ctx.staff.role === 'manager' ? [] : open.filter((x) => !listed.has(x.number) && !isHandlerOf(ctx.staff, x) && x.handler && reopenedText(x, tz));
  for (const x of reopened) listed.add(x.number);
  const reopenedLines = reopened.map((x) => line(x, tz, reopenedText(x, tz)));
  const pressedLines = pressed.map((x) => line(x, tz, marks(reopenedText(x, tz), urgedText(x, tz), x.handler ? '' : staffT.todoWaiting())));
  const escalatedLines = escalated.map((x) => {
    const e = x.history.findLast((h) => h.type === 'escalated');
    const judged = ticketTimeliness(x, now, ctx.config);
    const late = judged.status === 'overdue' ? staffT.todoLate(daysLate(judged.deadline, now)) : '';
    return line(x, tz, marks(reopenedText(x, tz), e?.type === 'escalated' ? staffT.todoEscalated(e.reason, formatTime(e.at, tz)) : '', late, urgedText(x, tz)));
  });
  const overdueLines = overdue.map(({ ticket, deadline }) =>
    line(ticket, tz, marks(reopenedText(ticket, tz), staffT.overdueDue(deadline, tz), staffT.todoLate(daysLate(deadline, now)), urgedText(ticket, tz))),
  );
  // Each ticket once: one sent up to 赵总 that he then took himself is under 已上报领导 only (seen in play: twice).
  const mineLines = mine
    .filter((x) => !listed.has(x.number))
    .map((x) => line(x, tz, marks(reopenedText(x, tz), x.appointmentAt ? staffT.todoAppointment(x.appointmentAt, x.appointmentEnd, tz) : '')));
  const waitingLines = waiting.filter((x) => !listed.has(x.number)).map((x) => line(x, tz, marks(reopenedText(x, tz), staffT.todoWaiting())));
  const section = (title: string, lines: string[]) =>
    lines.length === 0 ? [] : [staffT.todoSection(title, lines.length), ...lines.slice(0, TODO_SECTION), ...(lines.length > TODO_SECTION ? [staffT.todoMore(lines.length - TODO_SECTION)] : [])];
  const lines = [
    ...section(staffT.todoEscalatedTitle(level), escalatedLines),
    ...section(staffT.todoOverdueTitle(), overdueLines),
    ...section(staffT.todoPressedTitle(), pressedLines),
    ...section(staffT.todoReopenedTitle(), reopenedLines),
    ...section(staffT.todoMineTitle(), mineLines),
    ...section(staffT.todoWaitingTitle(), waitingLines),
  ];
  // The head reads the whole desk at a glance first (seen in play: 李主任's 待办 was lists only, no totals).
  const byUnit = new Map<Ticket['unit'], number>();
  for (const x of open) byUnit.set(x.unit, (byUnit.get(x.unit) ?? 0) + 1);
  const lateNumbers = new Set([...overdue.map((o) => o.ticket.number), ...escalated.filter((x) => ticketTimeliness(x, now, ctx.config).status === 'overdue').map((x) => x.number)]);
  const overview = staffT.todoOverview(open.length, open.filter((x) => x.status === 'open').length, lateNumbers.size, [...byUnit]);
  // And by person: the head asks who holds how much (seen in play: only units were counted, 工程班 4, not 张工 3 · 李工 1).
  const holders = byHandler(open, lateNumbers);
  const handlerLine = holders.length > 0 ? [staffT.todoByHandler(holders.slice(0, TODO_HANDLERS), holders.length - TODO_HANDLERS)] : [];
  return lines.length ? [staffT.todoHeader(), overview, ...handlerLine, ...lines].join('\n') : staffT.todo([]);
}

/** Names on the overview's 经办人 line; the rest are counted. */
const TODO_HANDLERS = 6;

/** Open work per person holding it, the most first (then the most late, then by name), with how much is late. */
function byHandler(open: Ticket[], late: ReadonlySet<string>): Array<{ name: string; open: number; overdue: number }> {
  const counts = new Map<string, { name: string; open: number; overdue: number }>();
  for (const x of open) {
    if (!x.handler) continue;
    // by name: the same person on two platforms is one person to the head
    const key = x.handler.name;
    const entry = counts.get(key) ?? { name: x.handler.name, open: 0, overdue: 0 };
    entry.open += 1;
    if (late.has(x.number)) entry.overdue += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.name.localeCompare(b.name, 'zh-CN'));
}

function daysLate(deadline: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(deadline)) / 86_400_000);
}

/** The marks of one 待办 line, those that apply, in order. */
function marks(...texts: string[]): string {
  return texts.filter(Boolean).join(' · ');
}

/** Open again after it was done (重开, an owner's 不满意): why and when; '' for work never done. */
function reopenedText(ticket: Ticket, tz: string): string {
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return '';
  const e = ticket.history.findLast((h) => h.type === 'reopened');
  return e?.type === 'reopened' ? staffT.todoReopened(e.reason, formatTime(e.at, tz)) : '';
}

/** The longest past its deadline first (policy 3.1 跟催); ties keep the order they came in. */
function byDeadline(a: { deadline: string }, b: { deadline: string }): number {
  return Date.parse(a.deadline) - Date.parse(b.deadline);
}

/** 督办 already given (the 督办 command records a note to staff starting 督办:): how often, and the last time. */
function urgedText(ticket: Ticket, tz: string): string {
  const urged = urges(ticket);
  const last = urged.at(-1);
  return last ? staffT.todoUrged(urged.length, formatTime(last.at, tz)) : '';
}

/** 超时: work past its deadline (promise, appointment, or three days: policy 5.2) within this person's scope. */
export async function overdue(ctx: StaffContext): Promise<CommandOutput> {
  notInOwnersGroup(ctx, '超时');
  const now = ctx.clock.now();
  const open = (await ctx.store.listTickets({ status: ['open', 'accepted'] })).filter(
    (x) => inScope(ctx.staff, x.estate) && (elevated(ctx.staff) || ctx.staff.unit === 'office' || x.unit === ctx.staff.unit || isHandlerOf(ctx.staff, x)),
  );
  const late = open
    .flatMap((x) => {
      const status = ticketTimeliness(x, now, ctx.config);
      return status.status === 'overdue' ? [{ ticket: x, deadline: status.deadline }] : [];
    })
    .sort(byDeadline);
  const line = lineMaker(ctx);
  const lines = late.map(({ ticket, deadline }) => line(ticket, ctx.config.timezone, marks(staffT.overdueDue(deadline, ctx.config.timezone), staffT.todoLate(daysLate(deadline, now)))));
  return { reply: staffT.overdue(lines), notices: [] };
}

export async function help(): Promise<CommandOutput> {
  return { reply: staffT.help(), notices: [] };
}
