import type { TicketEvent } from '../domain/events.ts';
import type { Ticket } from '../domain/ticket.ts';

/** How a 督办 is recorded (policy 3.1 跟催): a note to staff starting with this. 待办 and the ledgers' 跟催 count them. */
export const URGE_PREFIX = '督办:';

/** The 督办 given on a ticket, oldest first. */
export function urges(ticket: Pick<Ticket, 'history'>): TicketEvent[] {
  return ticket.history.filter((e) => e.type === 'relayed' && e.direction === 'to_staff' && e.text.startsWith(URGE_PREFIX));
}
