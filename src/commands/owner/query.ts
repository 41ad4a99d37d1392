import { parseTicketNumber } from '../../domain/ticket-number.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { ticketTimeliness } from '../../reports/analysis.ts';
import { ownerT, t } from '../../templates.ts';
import { isReporterOf, type OwnerContext } from './context.ts';

/**
 * 查询 R0001 / 进度 R0001 / 我的报修 from an owner: only their own tickets, and a number that exists but is someone
 * else's gets the same answer as one that does not exist, so numbers reveal nothing. (Staff use `查`: staff/views.ts.)
 */
export async function ownerQuery(ctx: OwnerContext, args: string): Promise<string> {
  const tz = ctx.config.timezone;
  const raw = args.split(/\s+/)[0] ?? '';
  if (!raw) {
    return recentList(await ctx.store.listTickets({ owner: { platform: ctx.message.chat.platform, id: ctx.message.sender.id } }), tz);
  }
  const number = parseTicketNumber(raw);
  if (!number) return t.badTicketNumber(raw);
  const ticket = await ctx.store.getTicket(number);
  if (!ticket || !isReporterOf(ticket, ctx.message)) return t.notYourTicket(number);
  return t.ticketSummary(ticket, tz, { showPhone: false, history: false, beforeHistory: dueLine(ctx, ticket) });
}

/** "什么时候来?" is what an owner asks most: open work says by when it is due (policy 5.2, 4.2.1.1). */
function dueLine(ctx: OwnerContext, ticket: Ticket): string[] {
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return [];
  // An emergency is not on the three-day clock: seen in play, the owner of a gas leak was told "最迟 12月10日 前处理好".
  if (ticket.urgent) return [ownerT.urgentUnderway(ticket)];
  const j = ticketTimeliness(ticket, ctx.clock.now(), ctx.config);
  // Seen in play: work 李主任 had taken was still promised "受理后处理人会联系您", as if nobody had it yet.
  return [ownerT.dueBy(j.target, ctx.config.timezone, j.source, ticket.category, ticket.status === 'accepted' ? ticket.handler?.name : undefined)];
}

function recentList(tickets: Ticket[], timezone: string): string {
  if (tickets.length === 0) return t.noTickets();
  const recent = tickets.slice(-5).reverse();
  return [t.recentTickets(), ...recent.map((ticket) => t.ticketSummary(ticket, timezone, { showPhone: false, history: false }))].join('\n\n');
}
