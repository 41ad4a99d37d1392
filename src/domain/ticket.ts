import { z } from 'zod';
import { CategorySchema, ClauseSchema, OutsidePartySchema, type Unit, UnitSchema } from './category.ts';
import { InstantSchema, RatingsSchema, TicketEventSchema } from './events.ts';
import { LocationSchema } from './location.ts';
import { OwnerSchema, StaffRefSchema } from './people.ts';
import { TicketNumberSchema } from './ticket-number.ts';

/**
 * open: recorded, waiting for the responsible unit to accept it.
 * accepted: a handler has it (scheduling and promises happen here).
 * completed: the handler reported a result (policy 5.4); waiting for the owner's rating or a return visit.
 * closed: rated, visited, cancelled or found to be a duplicate. Reopening goes back to work.
 */
export const TicketStatusSchema = z.enum(['open', 'accepted', 'completed', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const STATUS_NAME_ZH: Record<TicketStatus, string> = {
  open: '待受理',
  accepted: '处理中',
  completed: '已完成待评价',
  closed: '已关闭',
};
export const ANSWERED_NAME_ZH = '已答复';

/** A consultation the bot answered from the FAQ at intake (core/record-ticket.ts): done, and never put to the owner for a rating. */
export function answeredByBot(ticket: Pick<Ticket, 'status' | 'history'>): boolean {
  if (ticket.status !== 'completed') return false;
  const done = ticket.history.findLast((e) => e.type === 'completed');
  return done?.by.kind === 'system';
}

/**
 * The status as a manager reads it in a ledger: a ticket closed by cancelling says 已取消, not 已关闭 (issue 16 §4); a
 * question the FAQ answered says 已答复, since no rating was ever asked for (已完成待评价 left it waiting forever).
 */
export function statusName(ticket: Pick<Ticket, 'status' | 'history'>): string {
  if (answeredByBot(ticket)) return ANSWERED_NAME_ZH;
  if (ticket.status !== 'closed') return STATUS_NAME_ZH[ticket.status];
  const closed = ticket.history.findLast((e) => e.type === 'closed');
  return closed?.type === 'closed' && closed.reason === 'cancelled' ? '已取消' : STATUS_NAME_ZH.closed;
}

/**
 * A request and everything that happened to it. The fields after `history` are a fold of the history
 * (`replayTicket` rebuilds them); they are stored so queries and ledgers need not replay.
 */
export const TicketSchema = z.object({
  number: TicketNumberSchema,
  estate: z.string().min(1),
  owner: OwnerSchema,
  history: z.array(TicketEventSchema).min(1),

  status: TicketStatusSchema,
  category: CategorySchema,
  clause: ClauseSchema,
  unit: UnitSchema,
  party: OutsidePartySchema.optional(),
  /** What the owner asked for where the verdict differs (报修 for an assist matter); dropped when staff reclassify. */
  asked: CategorySchema.optional(),
  description: z.string().min(1),
  location: LocationSchema.optional(),
  major: z.boolean(),
  /** An emergency and its kind (电梯困人): short clocks, alerts to the office head and leadership at once. */
  urgent: z.string().optional(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  confirmedAt: InstantSchema.optional(),
  acceptedAt: InstantSchema.optional(),
  handler: StaffRefSchema.optional(),
  appointmentAt: InstantSchema.optional(),
  appointmentEnd: InstantSchema.optional(),
  promisedAt: InstantSchema.optional(),
  promiseReason: z.string().optional(),
  escalatedTo: UnitSchema.optional(),
  ownerChases: z.number().int().min(0),
  result: z.string().optional(),
  completedAt: InstantSchema.optional(),
  ratings: RatingsSchema.optional(),
  closedAt: InstantSchema.optional(),
  /** The ticket this one is about (a 4.3.1.5 complaint names the request that was not done). */
  relatesTo: TicketNumberSchema.optional(),
});
export type Ticket = z.infer<typeof TicketSchema>;

/**
 * The units on their way to an emergency: the ticket's own and those told to help (a fire: security and engineering),
 * as its opening `notified` events record them; the office head and leadership are told, not sent.
 */
export function urgentResponders(ticket: Pick<Ticket, 'unit' | 'history'>): Unit[] {
  const sent = ticket.history.flatMap((e) => (e.type === 'notified' && e.unit !== 'office_head' && e.unit !== 'managers' ? [e.unit] : []));
  return [...new Set([ticket.unit, ...sent])];
}
