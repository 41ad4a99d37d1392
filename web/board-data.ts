import { z } from 'zod';
import type { Config, StaffConfig } from '../src/config/schema.ts';
import { UnitSchema } from '../src/domain/category.ts';
import { ledgersOf } from '../src/domain/ledger.ts';
import type { TimelinessStatus } from '../src/domain/timeliness.ts';
import { answeredByBot, type Ticket } from '../src/domain/ticket.ts';
import { LEDGER_BY_NAME } from '../src/reports/ledger-export.ts';
import { judged } from '../src/reports/analysis.ts';
import type { Store } from '../src/store/store.ts';
import { chosenEstate } from './scope.ts';

/** The board's filters, from the query string; anything unknown is ignored rather than refused. */
export const BoardFilterSchema = z.object({
  estate: z.string().optional().catch(undefined),
  ledger: z.enum(['repair', 'complaint', 'duty']).optional().catch(undefined),
  unit: UnitSchema.optional().catch(undefined),
  handler: z.string().max(40).optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  urgent: z.literal('1').optional().catch(undefined),
});
export type BoardFilter = z.infer<typeof BoardFilterSchema>;

export interface BoardRow {
  ticket: Ticket;
  status: TimelinessStatus;
  deadline: string;
}

/** Urgent: a major matter (policy 3.1) or one already taken to leadership. */
export function isUrgent(ticket: Ticket): boolean {
  return ticket.major || ticket.escalatedTo === 'managers';
}

/**
 * Open work (not yet closed) the person may see, most pressing first: overdue, urgent, then by deadline. A question
 * the FAQ answered is done and waits for nobody, so it is not on the board (it stayed there as 未接单 for good).
 */
export async function boardRows(store: Store, config: Config, now: Date, staff: StaffConfig, filter: BoardFilter): Promise<BoardRow[]> {
  const estate = chosenEstate(staff, config, filter.estate);
  const tickets = await store.listTickets({ ...(estate !== undefined && { estate }), status: ['open', 'accepted', 'completed'] });
  const ledger = filter.ledger && LEDGER_BY_NAME[filter.ledger];
  const rows = judged(
    tickets.filter(
      (t) =>
        !answeredByBot(t) &&
        (!staff.estate || t.estate === staff.estate) &&
        (!ledger || ledgersOf(t.category).includes(ledger)) &&
        (!filter.unit || t.unit === filter.unit) &&
        (!filter.handler || (filter.handler === '未接单' ? !t.handler : t.handler?.name === filter.handler)) &&
        (!filter.urgent || isUrgent(t)),
    ),
    now,
    config,
  ).filter((r) => !filter.overdue || r.status === 'overdue');
  const rank = (r: BoardRow) => (r.status === 'overdue' ? 0 : isUrgent(r.ticket) ? 1 : r.ticket.status === 'completed' ? 3 : 2);
  return rows.sort((a, b) => rank(a) - rank(b) || Date.parse(a.deadline) - Date.parse(b.deadline));
}
