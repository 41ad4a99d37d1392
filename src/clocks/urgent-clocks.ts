/**
 * Emergencies run on their own short clocks (policy 3.1, 5.2), in minutes, not hours: nobody has accepted the ticket
 * after `acceptMinutes` → the unit is told again; after `headMinutes` → the office head; after `managersMinutes` →
 * leadership. Accepted but not finished after `resolveMinutes` → leadership. Each step is one moment of the ordinary
 * reminder scan (jobs/reminder-scan.ts), so it is sent once and only once and goes out in quiet hours too (urgent is major).
 */
import type { Unit } from '../domain/category.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Config } from '../config/schema.ts';

export type UrgentReminderKind = 'urgent_unaccepted_unit' | 'urgent_unaccepted_head' | 'urgent_unaccepted_managers' | 'urgent_unfinished_managers';

export interface UrgentMoment {
  kind: UrgentReminderKind;
  clock: 'urgent';
  anchor: string;
  at: number;
  audience: 'staff';
}

const MINUTE = 60_000;

export function urgentMoments(ticket: Ticket, config: Pick<Config, 'reminders'>): UrgentMoment[] {
  if (!ticket.urgent) return [];
  const u = config.reminders.urgent;
  const created = Date.parse(ticket.createdAt);
  const anchor = ticket.createdAt;
  if (ticket.status === 'open') {
    return [
      { kind: 'urgent_unaccepted_unit', clock: 'urgent', anchor, at: created + u.acceptMinutes * MINUTE, audience: 'staff' },
      { kind: 'urgent_unaccepted_head', clock: 'urgent', anchor, at: created + u.headMinutes * MINUTE, audience: 'staff' },
      { kind: 'urgent_unaccepted_managers', clock: 'urgent', anchor, at: created + u.managersMinutes * MINUTE, audience: 'staff' },
    ];
  }
  if (ticket.status === 'accepted') {
    return [{ kind: 'urgent_unfinished_managers', clock: 'urgent', anchor, at: created + u.resolveMinutes * MINUTE, audience: 'staff' }];
  }
  return [];
}

export function urgentUnitFor(kind: UrgentReminderKind, ticket: Ticket): Unit {
  switch (kind) {
    case 'urgent_unaccepted_unit':
      return ticket.unit;
    case 'urgent_unaccepted_head':
      return 'office_head';
    default:
      return 'managers';
  }
}

/** Minutes since the emergency was reported, as the reminder says them. */
export function minutesSince(ticket: Ticket, at: number): number {
  return Math.round((at - Date.parse(ticket.createdAt)) / MINUTE);
}
