import type { Ticket } from './ticket.ts';

/**
 * How a ticket stands against its deadline (policy 5.2, 5.5):
 * timely / late once completed; pending / overdue while work goes on; `none` when closed without being done
 * (cancelled, duplicate), which the timely rate leaves out.
 */
export type TimelinessStatus = 'timely' | 'late' | 'pending' | 'overdue' | 'none';

export interface Timeliness {
  status: TimelinessStatus;
  /** The moment the work had to be done by. */
  deadline: string;
  /** Where the deadline comes from: a promise beats an appointment, which beats the default resolution time. */
  source: 'promised' | 'appointment' | 'default';
}

export interface TimelinessOptions {
  /** An appointment without an end is a window of this length from its start. */
  appointmentWindowMinutes: number;
  /** Without appointment or promise, the work is due this long after the request (policy 5.2: normally ≤ 3 days). */
  defaultResolutionHours: number;
}

export const DEFAULT_TIMELINESS: TimelinessOptions = { appointmentWindowMinutes: 120, defaultResolutionHours: 72 };

export function deadlineOf(ticket: Ticket, options: TimelinessOptions = DEFAULT_TIMELINESS): Pick<Timeliness, 'deadline' | 'source'> {
  if (ticket.promisedAt) return { deadline: ticket.promisedAt, source: 'promised' };
  if (ticket.appointmentAt) {
    const end = ticket.appointmentEnd ?? new Date(Date.parse(ticket.appointmentAt) + options.appointmentWindowMinutes * 60_000).toISOString();
    return { deadline: end, source: 'appointment' };
  }
  const due = Date.parse(ticket.createdAt) + options.defaultResolutionHours * 3_600_000;
  return { deadline: new Date(due).toISOString(), source: 'default' };
}

/**
 * Derived from the history only: the last completion is compared with the deadline in force when it happened, so a
 * reopened and redone ticket is judged by when it was finally done.
 */
export function timelinessOf(ticket: Ticket, now: Date, options: TimelinessOptions = DEFAULT_TIMELINESS): Timeliness {
  const { deadline, source } = deadlineOf(ticket, options);
  const due = Date.parse(deadline);
  if (ticket.completedAt) {
    return { status: Date.parse(ticket.completedAt) <= due ? 'timely' : 'late', deadline, source };
  }
  if (ticket.status === 'closed') {
    // Closed without a completion: cancelled or duplicate. If it was ever completed, the history says when.
    const lastCompleted = [...ticket.history].reverse().find((e) => e.type === 'completed');
    if (!lastCompleted) return { status: 'none', deadline, source };
    return { status: Date.parse(lastCompleted.at) <= due ? 'timely' : 'late', deadline, source };
  }
  return { status: now.getTime() > due ? 'overdue' : 'pending', deadline, source };
}

export interface TimelyRate {
  timely: number;
  /** Tickets that count: everything but those closed without work (cancelled, duplicate). */
  total: number;
  /** timely ÷ total × 100 (policy 5.5), or null when there is nothing to count. */
  percent: number | null;
}

/** Policy 5.5: 及时率 = 及时处理数 ÷ 总数 × 100%. Open tickets still within their deadline are not yet late. */
export function timelyRate(tickets: Iterable<Ticket>, now: Date, options: TimelinessOptions = DEFAULT_TIMELINESS): TimelyRate {
  let timely = 0;
  let total = 0;
  for (const ticket of tickets) {
    const { status } = timelinessOf(ticket, now, options);
    if (status === 'none' || status === 'pending') continue;
    total += 1;
    if (status === 'timely') timely += 1;
  }
  return { timely, total, percent: total === 0 ? null : Math.round((timely / total) * 1000) / 10 };
}
