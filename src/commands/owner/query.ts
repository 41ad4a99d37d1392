import { parseTicketNumber } from '../../domain/ticket-number.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { t } from '../../templates.ts';
import { isOwnerOf, type OwnerContext } from './context.ts';

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
  if (!ticket || !isOwnerOf(ticket, ctx.message)) return t.notYourTicket(number);
  return t.ticketSummary(ticket, tz, { showPhone: false, history: false });
}

function recentList(tickets: Ticket[], timezone: string): string {
  if (tickets.length === 0) return t.noTickets();
  const recent = tickets.slice(-5).reverse();
  return [t.recentTickets(), ...recent.map((ticket) => t.ticketSummary(ticket, timezone, { showPhone: false, history: false }))].join('\n\n');
}
