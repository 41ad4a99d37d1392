/**
 * The clocks every ticket runs on (policy 4.2.1.1, 5.2, 5.6), as pure functions of the ticket and the config: which
 * reminder moments it has, whether it has stalled (4.3.1.5), when the owner last heard anything (5.3).
 * The follow-up job (follow-up.ts) decides which moments are due and sends each once.
 */
import type { Category, Unit } from '../domain/category.ts';
import type { TicketEvent } from '../domain/events.ts';
import { deadlineOf, type TimelinessOptions } from '../domain/timeliness.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Config } from '../config/schema.ts';

export type ReturnVisitPolicy = 'never' | 'unrated' | 'always';

/** Return visits by default (issue 6): always for complaints, when unrated for repairs and paid services. */
export const DEFAULT_RETURN_VISIT: Record<Category, ReturnVisitPolicy> = {
  repair: 'unrated',
  paid_service: 'unrated',
  valid: 'always',
  assist: 'always',
  excessive: 'always',
  consult: 'never',
};

/** The clause a flagged ticket is recorded under: asked for twice and still not done is a valid complaint. */
export const STALLED_CLAUSE = '4.3.1.5';
/** Chases (owner's or the bot's) without progress in between before a ticket is flagged. */
export const STALLED_NUDGES = 2;

type SlaConfig = Pick<Config, 'sla' | 'followUp'>;

/** The timeliness options for a ticket's category: the category's own resolution time, else the deployment's. */
export function timelinessOptions(config: SlaConfig, category: Category): TimelinessOptions {
  return {
    appointmentWindowMinutes: config.sla.appointmentWindowMinutes,
    defaultResolutionHours: config.followUp.categories[category]?.resolutionHours ?? config.sla.defaultResolutionHours,
  };
}

export function returnVisitPolicy(config: SlaConfig, category: Category): ReturnVisitPolicy {
  return config.followUp.categories[category]?.returnVisit ?? DEFAULT_RETURN_VISIT[category];
}

export type ReminderKind =
  | 'first_response_unit'
  | 'first_response_head'
  | 'appointment_soon'
  | 'appointment_missed_office'
  | 'appointment_missed_owner'
  | 'deadline_soon'
  | 'overdue_head'
  | 'overdue_managers'
  | 'rating_reminder'
  | 'return_visit_task'
  | 'unhappy_task';

export type ClockKind = 'first_response' | 'appointment' | 'deadline' | 'return_visit' | 'unhappy';

/** One moment a reminder is due. `anchor` is the deadline the clock runs to: a new deadline is a new clock. */
export interface Moment {
  kind: ReminderKind;
  clock: ClockKind;
  anchor: string;
  at: number;
  audience: 'owner' | 'staff';
}

/** The key a sent reminder is remembered by: ticket + clock kind + deadline. */
export function momentKey(number: string, m: Pick<Moment, 'kind' | 'anchor'>): string {
  return `${number}|${m.kind}|${m.anchor}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Events that are progress on the work: they reset the count of unanswered chases (4.3.1.5). */
function isProgress(e: TicketEvent): boolean {
  switch (e.type) {
    case 'accepted':
    case 'scheduled':
    case 'promised':
    case 'completed':
    case 'transferred':
      return true;
    case 'relayed':
      return e.direction === 'to_owner' && e.by.kind === 'staff';
    default:
      return false;
  }
}

/** A chase: the owner's, or a reminder the bot sent staff after something was missed. Courtesy reminders are not. */
export function isChase(e: TicketEvent): boolean {
  return e.type === 'nudged' && e.reason !== 'return_visit' && e.target !== 'owner';
}

export function isStalledFlag(e: TicketEvent): boolean {
  return e.type === 'escalated' && e.clause === STALLED_CLAUSE;
}

/**
 * Policy 4.3.1.5: chased twice with no progress in between. `due` when it should be flagged now (not yet flagged since
 * the last progress); `flagged` when the record already carries the flag.
 */
export function stallOf(ticket: Ticket): { chases: number; due: boolean; flagged: boolean } {
  let chases = 0;
  let flaggedSinceProgress = false;
  let flagged = false;
  for (const e of ticket.history) {
    if (isProgress(e)) {
      chases = 0;
      flaggedSinceProgress = false;
    } else if (isChase(e)) chases += 1;
    else if (isStalledFlag(e)) {
      flaggedSinceProgress = true;
      flagged = true;
    }
  }
  const working = ticket.status === 'open' || ticket.status === 'accepted';
  return { chases, due: working && chases >= STALLED_NUDGES && !flaggedSinceProgress, flagged };
}

/** Events the owner saw or was told about: the digest lists work that has been silent for a day (5.3). */
function ownerVisible(e: TicketEvent): boolean {
  switch (e.type) {
    case 'created':
    case 'accepted':
    case 'scheduled':
    case 'promised':
    case 'transferred':
    case 'completed':
    case 'reopened':
    case 'closed':
      return true;
    case 'relayed':
      return e.direction === 'to_owner';
    case 'nudged':
      return e.target === 'owner';
    default:
      return false;
  }
}

export function lastOwnerUpdate(ticket: Ticket): string {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) {
    const e = ticket.history[i]!;
    if (ownerVisible(e)) return e.at;
  }
  return ticket.createdAt;
}

/** When the ticket last came to its unit with nobody holding it: creation, a transfer to a unit, a reopening. */
function waitingSince(ticket: Ticket): string {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) {
    const e = ticket.history[i]!;
    if (e.type === 'created' || e.type === 'reopened' || (e.type === 'transferred' && !e.toHandler)) return e.at;
  }
  return ticket.createdAt;
}

function lastOf(ticket: Ticket, type: TicketEvent['type']): TicketEvent | undefined {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) if (ticket.history[i]!.type === type) return ticket.history[i];
  return undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Every reminder moment the ticket has in its current state, in time order. */
export function momentsOf(ticket: Ticket, config: SlaConfig): Moment[] {
  const out: Moment[] = [];
  const f = config.followUp;
  const cat = f.categories[ticket.category];
  if (ticket.status === 'open') {
    const since = Date.parse(waitingSince(ticket));
    const anchor = iso(since);
    const unitAfter = (cat?.firstResponseMinutes ?? config.sla.firstResponseMinutes) * MINUTE;
    out.push({ kind: 'first_response_unit', clock: 'first_response', anchor, at: since + unitAfter, audience: 'staff' });
    out.push({
      kind: 'first_response_head',
      clock: 'first_response',
      anchor,
      at: since + Math.max(unitAfter + MINUTE, f.firstResponseHeadMinutes * MINUTE),
      audience: 'staff',
    });
  }
  if ((ticket.status === 'open' || ticket.status === 'accepted') && ticket.appointmentAt) {
    const start = Date.parse(ticket.appointmentAt);
    const end = ticket.appointmentEnd ? Date.parse(ticket.appointmentEnd) : start + config.sla.appointmentWindowMinutes * MINUTE;
    const anchor = ticket.appointmentAt;
    const soon = start - config.sla.appointmentReminderMinutes * MINUTE;
    // A reminder before a time that was only just set would tell the handler what they have just typed.
    const scheduledAt = Date.parse(lastOf(ticket, 'scheduled')?.at ?? ticket.createdAt);
    if (ticket.handler && soon > scheduledAt) out.push({ kind: 'appointment_soon', clock: 'appointment', anchor, at: soon, audience: 'staff' });
    out.push({ kind: 'appointment_missed_office', clock: 'appointment', anchor, at: end, audience: 'staff' });
    out.push({ kind: 'appointment_missed_owner', clock: 'appointment', anchor, at: end, audience: 'owner' });
  }
  if (ticket.status === 'open' || ticket.status === 'accepted') {
    const { deadline, source } = deadlineOf(ticket, timelinessOptions(config, ticket.category));
    const due = Date.parse(deadline);
    const warning = due - f.deadlineWarningHours * HOUR;
    // When the appointment is the deadline, its own clock already warns the handler and tells the office at the end.
    if (source !== 'appointment') {
      if (warning > Date.parse(ticket.createdAt)) out.push({ kind: 'deadline_soon', clock: 'deadline', anchor: deadline, at: warning, audience: 'staff' });
      out.push({ kind: 'overdue_head', clock: 'deadline', anchor: deadline, at: due, audience: 'staff' });
    }
    out.push({ kind: 'overdue_managers', clock: 'deadline', anchor: deadline, at: due + f.farOverdueHours * HOUR, audience: 'staff' });
  }
  if (ticket.status === 'completed' && ticket.completedAt) {
    const done = Date.parse(ticket.completedAt);
    const policy = returnVisitPolicy(config, ticket.category);
    const anchor = ticket.completedAt;
    if (policy === 'always') out.push({ kind: 'return_visit_task', clock: 'return_visit', anchor, at: done, audience: 'staff' });
    if (policy === 'unrated') {
      out.push({ kind: 'rating_reminder', clock: 'return_visit', anchor, at: done + config.sla.returnVisitAfterHours * HOUR, audience: 'owner' });
      out.push({ kind: 'return_visit_task', clock: 'return_visit', anchor, at: done + f.returnVisitTaskAfterHours * HOUR, audience: 'staff' });
    }
  }
  if (ticket.status === 'open' || ticket.status === 'accepted') {
    // An unhappy owner (a low rating or 不满意 reopens the work): a return-visit task for the office at once (5.6).
    const reopened = lastOf(ticket, 'reopened');
    if (reopened && reopened.by.kind === 'owner') {
      out.push({ kind: 'unhappy_task', clock: 'unhappy', anchor: reopened.at, at: Date.parse(reopened.at), audience: 'staff' });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Who a staff reminder goes to. */
export function unitFor(kind: ReminderKind, ticket: Ticket): Unit {
  switch (kind) {
    case 'first_response_head':
    case 'overdue_head':
      return 'office_head';
    case 'overdue_managers':
      return 'managers';
    case 'appointment_missed_office':
    case 'return_visit_task':
    case 'unhappy_task':
      return 'office';
    default:
      return ticket.unit;
  }
}
