/**
 * The clocks every ticket runs on (policy 4.2.1.1, 5.2, 5.6), as pure functions of the ticket and the config: which
 * reminder moments it has, whether it has stalled (4.3.1.5), when the owner last heard anything (5.3).
 * The reminder scan (jobs/reminder-scan.ts) decides which moments are due and sends each once.
 */
import { type Category, isComplaint, type Unit } from '../domain/category.ts';
import type { TicketEvent } from '../domain/events.ts';
import { judgeTimeliness, type TimelinessOptions } from '../domain/timeliness.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Config } from '../config/schema.ts';
import { inDailyWindow } from '../zoned-time.ts';
import { firstResponseMinutes, POLICY, resolutionHours, returnVisitRule } from '../domain/policy.ts';
import { type UrgentReminderKind, urgentMoments, urgentUnitFor } from './urgent-clocks.ts';

/** The clause a flagged ticket is recorded under: asked for twice and still not done is a valid complaint. */
export const STALLED_CLAUSE = '4.3.1.5';
/** The owner's prompts about something already due before it counts (4.3.1.5 "经两次提示或督促还没有做的事"). */
export const STALLED_PROMPTS = 2;

type SlaConfig = Pick<Config, 'sla' | 'reminders'> & { timezone?: string };

/** The timeliness options for a ticket's category: its resolution time from the policy table (policy.ts). */
export function timelinessOptions(config: SlaConfig, category: Category): TimelinessOptions {
  return { appointmentWindowMinutes: config.sla.appointmentWindowMinutes, resolutionHours: resolutionHours(config, category) };
}

export type ReminderKind =
  | 'first_response_unit'
  | 'first_response_head'
  | 'first_response_chase'
  | 'first_response_managers'
  | 'appointment_soon'
  | 'appointment_missed_office'
  | 'appointment_missed_owner'
  | 'deadline_soon'
  | 'overdue_head'
  | 'overdue_managers'
  | 'overdue_daily'
  | 'rating_reminder'
  | 'return_visit_task'
  | 'unhappy_task'
  | UrgentReminderKind;

export type ClockKind = 'first_response' | 'unaccepted_managers' | 'appointment' | 'deadline' | 'daily_chase' | 'return_visit' | 'unhappy' | 'urgent';

/** One moment a reminder is due. `anchor` is the deadline the clock runs to: a new deadline is a new clock. */
export interface Moment {
  kind: ReminderKind;
  clock: ClockKind;
  anchor: string;
  at: number;
  audience: 'owner' | 'staff';
  /** The day of a daily chase (1, 2, …): each day is a reminder of its own. */
  step?: number;
}

/** The key a sent reminder is remembered by: ticket + clock kind + deadline. */
export function momentKey(number: string, m: Pick<Moment, 'kind' | 'anchor' | 'step'>): string {
  return `${number}|${m.kind}|${m.anchor}${m.step === undefined ? '' : `|${m.step}`}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The owner's prompt (催单): the bot's own reminders are not the owner's 提示或督促 and never count (4.3.1.5). */
export function isOwnerPrompt(e: TicketEvent): boolean {
  return e.type === 'nudged' && e.reason === 'owner_chase' && e.by.kind === 'owner';
}

export function isStalledFlag(e: TicketEvent): boolean {
  return e.type === 'escalated' && e.clause === STALLED_CLAUSE;
}

/**
 * Policy 4.3.1.5, as written: "应做的,经两次提示或督促还没有做的事". Only the owner's prompts count, and only those made
 * once the work was due (past its appointment, promise or resolution time, by the same verdict the reports use), since
 * the work last came back to be done (creation or reopening). `due` when it should be recorded now; `flagged` when it
 * has been, for this round of the work.
 */
export function stallOf(ticket: Ticket, config: SlaConfig, now: Date): { prompts: number; due: boolean; flagged: boolean } {
  const { deadline } = judgeTimeliness(ticket, now, timelinessOptions(config, ticket.category));
  const dueAt = Date.parse(deadline);
  const interval = config.reminders.chaseIntervalHours * HOUR;
  let prompts = 0;
  let flagged = false;
  let lastCounted = Number.NEGATIVE_INFINITY;
  for (const e of ticket.history) {
    if (e.type === 'reopened') {
      prompts = 0;
      flagged = false;
      lastCounted = Number.NEGATIVE_INFINITY;
    } else if (isOwnerPrompt(e) && Date.parse(e.at) > dueAt && Date.parse(e.at) - lastCounted >= interval) {
      prompts += 1;
      lastCounted = Date.parse(e.at);
    }
    else if (isStalledFlag(e)) flagged = true;
  }
  const working = ticket.status === 'open' || ticket.status === 'accepted';
  return { prompts, due: working && prompts >= STALLED_PROMPTS && !flagged, flagged };
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

function lastOwnerUpdate(ticket: Ticket): string {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) {
    const e = ticket.history[i]!;
    if (ownerVisible(e)) return e.at;
  }
  return ticket.createdAt;
}

/**
 * Since when the owner has heard nothing they were not waiting for (5.3): the last update, or the end of the visit or
 * the promised time they were told, whichever is later. Seen in play: a cleaning booked on the 8th for Saturday the
 * 12th was listed 超24小时未回音 in the digests of the 9th, 10th and 11th, though the owner knew the day and had agreed
 * the price; the days before an agreed visit are not silence, and the day after it passes with no word is.
 */
export function silentSince(ticket: Ticket): number {
  const told = Date.parse(lastOwnerUpdate(ticket));
  const agreed = [ticket.appointmentEnd ?? ticket.appointmentAt, ticket.promisedAt].map((at) => (at ? Date.parse(at) : 0));
  return Math.max(told, ...agreed);
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

/** The reminder scan's step: a moment moved earlier lands on a scan. */
const SCAN_STEP = 5 * MINUTE;

/**
 * A reminder before an appointment that quiet hours would hold until the appointment itself goes out the evening
 * before instead: held until quiet hours ended, the reminder for "明天早上8点前" reached the handler at 08:00, when the
 * work was already due. One held to a moment still before the appointment (07:30 for 08:30) keeps its time. A major
 * matter is not held at night.
 */
function beforeQuietHours(at: number, appointment: number, ticket: Ticket, config: SlaConfig): number {
  if (ticket.major || !config.timezone) return at;
  const { quietHours } = config.reminders;
  const timezone = config.timezone;
  const quiet = (ms: number) => inDailyWindow(new Date(ms), quietHours, timezone);
  const limit = (24 * 60 * MINUTE) / SCAN_STEP; // quiet all day: nothing to move to
  let released = at;
  for (let steps = 0; quiet(released); steps += 1) {
    if (steps > limit) return at;
    released += SCAN_STEP;
  }
  if (released < appointment) return at;
  let moved = at;
  for (let steps = 0; quiet(moved); steps += 1) {
    if (steps > limit) return at;
    moved -= SCAN_STEP;
  }
  return moved;
}

/**
 * A complaint nobody has taken (policy 3.1, 4.2.3, 5.2). Its unit is the office head (or the office, which the head
 * reads), so the first-response steps reach the head twice in the same chat and then nothing until the deadline,
 * three days on, while a repair goes from its unit to the head. 3.1 makes the duty desk chase (跟催) and sends
 * complaints the head does not settle to leadership; 5.2 asks for contact with the owner at once. So, until someone
 * accepts it or its deadline comes (the deadline clock takes over then): the head is chased again every
 * `complaintChaseHours`, and after `farOverdueHours` unaccepted, leadership is told, once. From then on the head is
 * chased once a day, not every few hours: leadership has it (the notice, and 无人接单 in each evening's digest), and
 * a notice every four hours that nobody acts on teaches the head's chat to stop reading the bot.
 */
function unacceptedComplaint(ticket: Ticket, config: SlaConfig, since: number, now: number): Moment[] {
  if (!isComplaint(ticket.category)) return [];
  const f = config.reminders;
  const anchor = iso(since);
  const due = Date.parse(judgeTimeliness(ticket, new Date(now), timelinessOptions(config, ticket.category)).deadline);
  const out: Moment[] = [];
  const head = since + Math.max(firstResponseMinutes(config, ticket.category) * MINUTE + MINUTE, f.firstResponseHeadMinutes * MINUTE);
  const interval = Math.max(f.complaintChaseHours * HOUR, HOUR);
  const leadership = since + f.farOverdueHours * HOUR;
  const told = leadership < due;
  const until = Math.min(now, due);
  // Every `complaintChaseHours` until leadership is told; then once a day (steps numbered on, one key each).
  let step = 1;
  for (let at = head + interval; at <= until && (!told || at < leadership); at += interval, step += 1) {
    out.push({ kind: 'first_response_chase', clock: 'first_response', anchor, at, audience: 'staff', step });
  }
  if (told) {
    for (let at = leadership + DAY; at <= until; at += DAY, step += 1) {
      out.push({ kind: 'first_response_chase', clock: 'first_response', anchor, at, audience: 'staff', step });
    }
    out.push({ kind: 'first_response_managers', clock: 'unaccepted_managers', anchor, at: leadership, audience: 'staff' });
  }
  return out;
}

/** Every reminder moment the ticket has in its current state, in time order. */
export function momentsOf(ticket: Ticket, config: SlaConfig, now: number = Date.parse(ticket.updatedAt)): Moment[] {
  const out: Moment[] = [];
  const f = config.reminders;
  // An emergency's own minute clocks replace the ordinary first-response ones (urgent-clocks.ts).
  out.push(...urgentMoments(ticket, config, now));
  if (ticket.status === 'open' && !ticket.urgent) {
    const since = Date.parse(waitingSince(ticket));
    const anchor = iso(since);
    const unitAfter = firstResponseMinutes(config, ticket.category) * MINUTE;
    out.push({ kind: 'first_response_unit', clock: 'first_response', anchor, at: since + unitAfter, audience: 'staff' });
    out.push({
      kind: 'first_response_head',
      clock: 'first_response',
      anchor,
      at: since + Math.max(unitAfter + MINUTE, f.firstResponseHeadMinutes * MINUTE),
      audience: 'staff',
    });
    out.push(...unacceptedComplaint(ticket, config, since, now));
  }
  const inWork = ticket.status === 'open' || ticket.status === 'accepted';
  // The same verdict the reports use (docs/timeliness.md): a time set after the deadline passed moves no clock (D5).
  const judgement = inWork ? judgeTimeliness(ticket, new Date(now), timelinessOptions(config, ticket.category)) : undefined;
  if (inWork && ticket.appointmentAt) {
    const start = Date.parse(ticket.appointmentAt);
    const end = ticket.appointmentEnd ? Date.parse(ticket.appointmentEnd) : start + config.sla.appointmentWindowMinutes * MINUTE;
    const anchor = ticket.appointmentAt;
    const soon = beforeQuietHours(start - config.sla.appointmentReminderMinutes * MINUTE, start, ticket, config);
    // A reminder before a time that was only just set would tell the handler what they have just typed.
    const scheduledAt = Date.parse(lastOf(ticket, 'scheduled')?.at ?? ticket.createdAt);
    // A repair whose appointment a promise replaced before its window ended (D4: 张工 at the door, "承诺 R0001 明天下午",
    // the part to be ordered): the owner was told the new time, so the old window has no reminder and its end is no
    // missed visit. Seen in play: 【预约提醒】 for the old window, then 【预约已过·超时】 to the office and an apology to
    // the owner for a visit already moved.
    const replaced = POLICY[ticket.category].appointmentIsDeadline && judgement?.source === 'promised';
    if (ticket.handler && soon > scheduledAt && !replaced) out.push({ kind: 'appointment_soon', clock: 'appointment', anchor, at: soon, audience: 'staff' });
    // Missed a minute after the window ends, as overdue is a minute after the deadline (docs/timeliness.md J1): a
    // repair's appointment is its deadline, so both come due in the same scan and go out as one notice.
    if (!replaced) {
      out.push({ kind: 'appointment_missed_office', clock: 'appointment', anchor, at: end + MINUTE, audience: 'staff' });
      out.push({ kind: 'appointment_missed_owner', clock: 'appointment', anchor, at: end + MINUTE, audience: 'owner' });
    }
  }
  if (judgement) {
    const deadline = judgement.deadline;
    const due = Date.parse(deadline);
    const warning = due - f.deadlineWarningHours * HOUR;
    // When the appointment is the deadline, its own clock already warns the handler before it.
    if (judgement.source !== 'appointment' && warning > Date.parse(ticket.createdAt)) {
      out.push({ kind: 'deadline_soon', clock: 'deadline', anchor: deadline, at: warning, audience: 'staff' });
    }
    // Policy 3.1: every kind of deadline reaches the office head before leadership. A minute after the deadline, since
    // work done at the deadline itself is timely (docs/timeliness.md J1).
    out.push({ kind: 'overdue_head', clock: 'deadline', anchor: deadline, at: due + MINUTE, audience: 'staff' });
    const managersAt = due + f.farOverdueHours * HOUR;
    out.push({ kind: 'overdue_managers', clock: 'deadline', anchor: deadline, at: managersAt, audience: 'staff' });
    // After leadership is told, the holder is chased every day until it is done (3.1 跟催); its own clock, so a day's
    // chase never hides leadership's notice.
    for (let day = 1; managersAt + day * DAY <= now; day += 1) {
      out.push({ kind: 'overdue_daily', clock: 'daily_chase', anchor: deadline, at: managersAt + day * DAY, audience: 'staff', step: day });
    }
  }
  if (ticket.status === 'completed' && ticket.completedAt) {
    const done = Date.parse(ticket.completedAt);
    const policy = returnVisitRule(config, ticket.category);
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
  if (kind.startsWith('urgent_')) return urgentUnitFor(kind as UrgentReminderKind, ticket);
  switch (kind) {
    case 'first_response_head':
    case 'first_response_chase':
    case 'overdue_head':
      return 'office_head';
    case 'overdue_managers':
    case 'first_response_managers':
      return 'managers';
    case 'overdue_daily':
      return ticket.unit;
    case 'appointment_missed_office':
    case 'return_visit_task':
    case 'unhappy_task':
      return 'office';
    default:
      return ticket.unit;
  }
}
