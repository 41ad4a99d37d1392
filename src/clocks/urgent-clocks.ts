/**
 * Emergencies run on their own short clocks (policy 3.1, 5.2), in minutes, not hours: nobody has accepted the ticket
 * after `acceptMinutes` → the unit is told again; after `headMinutes` → the office head; after `managersMinutes` →
 * leadership. Accepted but not finished after `resolveMinutes` → leadership. Each step is one moment of the ordinary
 * reminder scan (jobs/reminder-scan.ts), so it is sent once and only once and goes out in quiet hours too (urgent is major).
 *
 * Still nobody after leadership was told: the chase goes on (3.1 跟催, 5.3 不推诿) every `chaseMinutes`, to the unit (and
 * whoever is on duty for it) and to leadership, until someone accepts it or it is closed. Without it, an entrapment
 * nobody pressed 接单 for went silent after fifteen minutes until its three-day deadline (29 hours of silence seen).
 * Each chase is a step of its own (one key each); after downtime only the latest is sent.
 */
import type { Unit } from '../domain/category.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Config } from '../config/schema.ts';

export type UrgentReminderKind =
  | 'urgent_unaccepted_unit'
  | 'urgent_unaccepted_head'
  | 'urgent_unaccepted_managers'
  | 'urgent_unfinished_managers'
  | 'urgent_chase_unit'
  | 'urgent_chase_managers';

export interface UrgentMoment {
  kind: UrgentReminderKind;
  clock: 'urgent';
  anchor: string;
  at: number;
  audience: 'staff';
  /** The chase's number (1, 2, …): each is a reminder of its own. */
  step?: number;
}

const MINUTE = 60_000;

export function urgentMoments(ticket: Ticket, config: Pick<Config, 'reminders'>, now: number = Date.parse(ticket.updatedAt)): UrgentMoment[] {
  if (!ticket.urgent) return [];
  const u = config.reminders.urgent;
  const created = Date.parse(ticket.createdAt);
  const anchor = ticket.createdAt;
  if (ticket.status === 'open') {
    const managersAt = created + u.managersMinutes * MINUTE;
    const out: UrgentMoment[] = [
      { kind: 'urgent_unaccepted_unit', clock: 'urgent', anchor, at: created + u.acceptMinutes * MINUTE, audience: 'staff' },
      { kind: 'urgent_unaccepted_head', clock: 'urgent', anchor, at: created + u.headMinutes * MINUTE, audience: 'staff' },
      { kind: 'urgent_unaccepted_managers', clock: 'urgent', anchor, at: managersAt, audience: 'staff' },
    ];
    // Only the latest chase due: an earlier one would be superseded by it anyway (one clock, the latest step is sent).
    const step = Math.floor((now - managersAt) / (u.chaseMinutes * MINUTE));
    if (step >= 1) {
      const at = managersAt + step * u.chaseMinutes * MINUTE;
      out.push({ kind: 'urgent_chase_unit', clock: 'urgent', anchor, at, audience: 'staff', step });
      out.push({ kind: 'urgent_chase_managers', clock: 'urgent', anchor, at, audience: 'staff', step });
    }
    return out;
  }
  if (ticket.status === 'accepted') {
    return [{ kind: 'urgent_unfinished_managers', clock: 'urgent', anchor, at: created + u.resolveMinutes * MINUTE, audience: 'staff' }];
  }
  return [];
}

export function urgentUnitFor(kind: UrgentReminderKind, ticket: Ticket): Unit {
  switch (kind) {
    case 'urgent_unaccepted_unit':
    case 'urgent_chase_unit':
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
