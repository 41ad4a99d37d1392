import { minutesSince } from '../../clocks/urgent-clocks.ts';
import { resolutionHours } from '../../domain/policy.ts';
import { ticketTimeliness } from '../../reports/analysis.ts';
import { deadlineTrailT } from '../../reports/deadline-trail.ts';
import { staffT, t } from '../../templates.ts';
import { type CommandOutput, elevated, fail, inScope, isHandlerOf, type StaffContext, ticketArg } from './context.ts';

/**
 * Lists and records name other owners' matters: never in the owners' group, where every owner reads along (owners see
 * only their own tickets).
 */
export function notInOwnersGroup(ctx: StaffContext, word: string): void {
  if (ctx.message.chat.kind === 'private') return;
  if (ctx.directory.chat(ctx.message.chat.platform, ctx.message.chat.id)?.role === 'owners') fail(staffT.notInOwnersGroup(word));
}

/**
 * 查 R0001: the whole record with its history, the deadline and the trail of its moves (docs/timeliness.md D4, D5);
 * the owner's full phone number only in a private chat.
 */
export async function show(ctx: StaffContext, args: string): Promise<CommandOutput> {
  notInOwnersGroup(ctx, '查');
  const { ticket } = await ticketArg(ctx, args, '查 R0001');
  const privateChat = ctx.message.chat.kind === 'private';
  const tz = ctx.config.timezone;
  const hours = resolutionHours(ctx.config, ticket.category);
  const now = ctx.clock.now();
  const trail = [
    // An emergency runs on minute clocks (urgent-clocks.ts); the three-day deadline below only decides its timeliness.
    ...(ticket.urgent && (ticket.status === 'open' || ticket.status === 'accepted') ? [staffT.urgentClock(ticket, minutesSince(ticket, now.getTime()), ctx.config.reminders.urgent)] : []),
    ...deadlineTrailT.lines(ticketTimeliness(ticket, now, ctx.config), hours, tz),
  ];
  return { reply: t.ticketSummary(ticket, tz, { showPhone: privateChat, history: true, beforeHistory: trail }), notices: [] };
}

/** 待办: my tickets in hand, then my unit's tickets nobody has accepted yet (everything in scope for heads). */
export async function todo(ctx: StaffContext): Promise<CommandOutput> {
  notInOwnersGroup(ctx, '待办');
  const open = (await ctx.store.listTickets({ status: ['open', 'accepted'] })).filter((x) => inScope(ctx.staff, x.estate));
  const mine = open.filter((x) => isHandlerOf(ctx.staff, x));
  // The office tracks everyone's work (policy 4.2.1.1), so it sees every ticket nobody has taken yet.
  const waiting = open.filter((x) => x.status === 'open' && (elevated(ctx.staff) || ctx.staff.unit === 'office' || x.unit === ctx.staff.unit));
  const tz = ctx.config.timezone;
  const lines = [
    ...mine.map((x) => t.ticketLine(x, tz, x.appointmentAt ? staffT.todoAppointment(x.appointmentAt, x.appointmentEnd, tz) : '')),
    ...waiting.map((x) => t.ticketLine(x, tz, staffT.todoWaiting())),
  ];
  return { reply: staffT.todo(lines), notices: [] };
}

/** 超时: work past its deadline (promise, appointment, or three days: policy 5.2) within this person's scope. */
export async function overdue(ctx: StaffContext): Promise<CommandOutput> {
  notInOwnersGroup(ctx, '超时');
  const now = ctx.clock.now();
  const open = (await ctx.store.listTickets({ status: ['open', 'accepted'] })).filter(
    (x) => inScope(ctx.staff, x.estate) && (elevated(ctx.staff) || ctx.staff.unit === 'office' || x.unit === ctx.staff.unit || isHandlerOf(ctx.staff, x)),
  );
  const lines = open.flatMap((x) => {
    const status = ticketTimeliness(x, now, ctx.config);
    return status.status === 'overdue' ? [t.ticketLine(x, ctx.config.timezone, staffT.overdueDue(status.deadline, ctx.config.timezone))] : [];
  });
  return { reply: staffT.overdue(lines), notices: [] };
}

export async function help(): Promise<CommandOutput> {
  return { reply: staffT.help(), notices: [] };
}
