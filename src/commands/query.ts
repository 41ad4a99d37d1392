import { parseTicketNumber } from '../domain/ticket-number.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Store } from '../store/store.ts';
import { t } from '../templates.ts';

export interface QueryViewer {
  platform: string;
  id: string;
  isStaff: boolean;
  /** Private chats may show a staff member the owner's full phone number; groups never do. */
  privateChat: boolean;
}

/**
 * 查询 R0001: staff see the whole record; an owner sees only their own tickets, and a number that exists but is
 * someone else's gets the same answer as one that does not exist, so numbers reveal nothing.
 */
export async function runQuery(store: Store, args: string, viewer: QueryViewer, timezone: string): Promise<string> {
  const raw = args.split(/\s+/)[0] ?? '';
  if (!raw) {
    if (viewer.isStaff) return t.queryNeedsNumber();
    return ownerTicketList(await store.listTickets({ owner: viewer }), timezone);
  }
  const number = parseTicketNumber(raw);
  if (!number) return t.badTicketNumber(raw);
  const ticket = await store.getTicket(number);
  if (viewer.isStaff) {
    if (!ticket) return t.unknownTicket(number);
    return t.ticketSummary(ticket, timezone, { showPhone: viewer.privateChat, history: true });
  }
  if (!ticket || ticket.owner.platform !== viewer.platform || ticket.owner.id !== viewer.id) return t.notYourTicket(number);
  return t.ticketSummary(ticket, timezone, { showPhone: false, history: false });
}

function ownerTicketList(tickets: Ticket[], timezone: string): string {
  if (tickets.length === 0) return t.noTickets();
  const recent = tickets.slice(-5).reverse();
  return [t.recentTickets(), ...recent.map((ticket) => t.ticketSummary(ticket, timezone, { showPhone: false, history: false }))].join('\n\n');
}
