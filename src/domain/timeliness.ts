import type { Unit } from './category.ts';
import type { TicketEvent } from './events.ts';
import type { Actor, StaffRef } from './people.ts';
import { POLICY } from './policy.ts';
import type { Ticket } from './ticket.ts';

/**
 * Timeliness by the policy (5.2, 5.5, 4.2.1.1), as one function of a ticket's history: `judgeTimeliness`. Every rule
 * it applies is one line of docs/timeliness.md, named by `TimelinessRule`; the report, the ledger export, the digest,
 * 超时 and the reminders all read it, so no two of them can disagree about a ticket.
 *
 * timely / late: decided (late can never turn timely again); overdue: not done and past the deadline, already late;
 * pending: not done and still within the deadline, decided later; none: dropped in time, not counted (5.5 总件数).
 */
export type TimelinessStatus = 'timely' | 'late' | 'pending' | 'overdue' | 'none';

/** The lines of docs/timeliness.md that decide a ticket; the table test covers each of them. */
export type TimelinessRule =
  | 'timely_done' // J1 done by the deadline
  | 'late_done' // J2 done after the deadline
  | 'late_closed_unsolved' // J4 reopened, then closed without being done again
  | 'dropped_in_time' // J5 closed without being done, before the deadline
  | 'auto_answered' // J10 a consultation the bot answered from the FAQ: recorded, not counted
  | 'late_dropped' // J6 closed without being done, after the deadline
  | 'pending' // J8 in work, deadline not passed
  | 'overdue'; // J9 in work, deadline passed

export type DeadlineSource = 'appointment' | 'promised' | 'default';

/** One change of a time the work is due by: the audit trail (who, when, why) shown by 查 and the ledger export. */
export interface DeadlineMove {
  at: string;
  by: Actor;
  kind: 'appointment' | 'promised';
  /** The deadline in force before and the one asked for. */
  from: string;
  to: string;
  reason?: string;
  /** False when the deadline had already passed: the new time is kept for the work, but never makes it timely (D5). */
  counts: boolean;
}

export interface Holder {
  unit: Unit;
  handler?: StaffRef;
}

export interface Timeliness {
  status: TimelinessStatus;
  rule: TimelinessRule;
  /** The deadline the ticket is judged against. */
  deadline: string;
  source: DeadlineSource;
  /** The latest time anyone set for the work, even one set too late to count (what reminders point at). */
  target: string;
  /** When it went late: the deadline, or the moment unfinished work was dropped or reopened past it. */
  lateAt?: string;
  /** The completion (or answer, for a consultation) it is judged on, and who gave it. */
  doneAt?: string;
  doneBy?: Actor;
  /** Who the result belongs to: the holder when it went late, else when it was done (A1). */
  heldBy: Holder;
  moves: DeadlineMove[];
  /** Reopened at least once: judged on its final completion (J3). */
  reopened: boolean;
}

export interface TimelinessOptions {
  /** An appointment without an end is a window of this length from its start. */
  appointmentWindowMinutes: number;
  /**
   * Without appointment or promise, the work is due this long after the request (policy 5.2: normally ≤ 3 days): the
   * ticket's category's time (`resolutionHours` of policy.ts), which the caller looks up.
   */
  resolutionHours: number;
}

/** The clause an owner's visit time is due by (D1, D7): a repair's appointment (4.2.1.1), a paid service's arranged time (4.2.2). */
export function visitClause(category: Ticket['category']): string {
  return category === 'paid_service' ? '4.2.2' : '4.2.1.1';
}

export const DEFAULT_TIMELINESS: TimelinessOptions = { appointmentWindowMinutes: 120, resolutionHours: 72 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();

function windowEnd(start: string, end: string | undefined, options: TimelinessOptions): number {
  return end ? Date.parse(end) : Date.parse(start) + options.appointmentWindowMinutes * MINUTE;
}

/** A consultation is handled when it is answered: by a staff reply (J7, policy 5.2), or from the FAQ at intake (J10, 5.1). */
function answersConsultation(e: TicketEvent, category: Ticket['category']): boolean {
  return POLICY[category].doneWhenAnswered && e.type === 'relayed' && e.direction === 'to_owner' && e.by.kind === 'staff';
}

/**
 * The one timeliness function (docs/timeliness.md). Walks the history once:
 * D1–D3 the deadline is the owner's appointment for repairs, else the promise told to the owner, else 72 h from the
 * request; D4 a new time set before the deadline passed replaces it; D5 one set after never rescues; D6 transfers and
 * reclassifications keep it; D7 a visit later than D3 for the owner's own day is due by its end; J1–J9 decide; A1 says
 * whose result it is.
 */
export function judgeTimeliness(ticket: Ticket, now: Date, options: TimelinessOptions = DEFAULT_TIMELINESS): Timeliness {
  const [created, ...rest] = ticket.history;
  if (!created || created.type !== 'created') throw new Error(`${ticket.number}: history must start with a created event`);
  // Appointments are the deadline for repairs only (4.2.1.1 工程班应在业户预约时间内完成); elsewhere they are a visit time.
  const { appointmentIsDeadline } = POLICY[ticket.category];
  const base = Date.parse(created.at) + options.resolutionHours * HOUR;
  let appointment = created.appointmentAt ? windowEnd(created.appointmentAt, created.appointmentEnd, options) : undefined;
  let promise: number | undefined;
  // D4 for a repair: whichever of the appointment and the promise was set last is in force. Seen in play: 张工's
  // 承诺 R0001 明天下午, made during the owner's appointment (the part had to be ordered), showed 现定 12月9日 18:00 in 查,
  // yet the work went 超时 at the appointment's end and the owner got an apology for a visit already moved.
  let promiseLast = false;
  const deadlineNow = (): [number, DeadlineSource] => {
    if (appointmentIsDeadline && appointment !== undefined && !(promiseLast && promise !== undefined)) return [appointment, 'appointment'];
    if (promise !== undefined) return [promise, 'promised'];
    // D7: a visit arranged for the owner's time later than D3's (a paid service for next Saturday, 4.2.2: the office
    // arranges with the owner) is when the work is due; it was overdue before the owner's own day (seen in play).
    if (appointment !== undefined && appointment > base) return [appointment, 'appointment'];
    return [base, 'default'];
  };
  let target = deadlineNow()[0];

  const holder: Holder = { unit: created.unit };
  const snapshot = (): Holder => ({ unit: holder.unit, ...(holder.handler && { handler: holder.handler }) });
  const moves: DeadlineMove[] = [];
  let done: { at: number; holder: Holder; by: Actor } | undefined;
  let undoneSince = Date.parse(created.at);
  let late: { at: number; holder: Holder } | undefined;
  let reopened = false;
  let dropped: { at: number; holder: Holder } | undefined;

  // Goes late at `t` if the work is unfinished past its deadline: the holder at that moment carries it (A1).
  const checkLate = (t: number) => {
    if (late || done || dropped) return;
    const [deadline] = deadlineNow();
    if (t > deadline) late = { at: Math.max(deadline, undoneSince), holder: snapshot() };
  };

  for (const e of rest) {
    const t = Date.parse(e.at);
    checkLate(t);
    switch (e.type) {
      case 'scheduled':
      case 'promised': {
        const kind = e.type === 'scheduled' ? 'appointment' : 'promised';
        const to = e.type === 'scheduled' ? windowEnd(e.appointmentAt, e.appointmentEnd, options) : Date.parse(e.promisedAt);
        const [before] = deadlineNow();
        const counts = !late && !done;
        if (counts) {
          if (kind === 'appointment') appointment = to;
          else promise = to;
          promiseLast = kind === 'promised';
        }
        const affectsDeadline = kind === 'promised' || appointmentIsDeadline;
        // Elsewhere a visit moves the deadline only as D7 says (never before D3's time, never past a promise).
        const next = affectsDeadline ? to : counts ? deadlineNow()[0] : before;
        if (affectsDeadline || counts) target = next;
        // An appointment inside the window already in force (10:00 within 上午 09–12) moves nothing: listing it as a
        // change "12:00→12:00 原因:未注明" read as an unexplained move in the field trial.
        if (next !== before) {
          const reason = 'reason' in e ? e.reason : undefined;
          moves.push({ at: e.at, by: e.by, kind, from: iso(before), to: iso(next), ...(reason && { reason }), counts });
        }
        break;
      }
      case 'accepted':
        holder.handler = e.handler;
        break;
      case 'transferred':
        holder.unit = e.toUnit;
        if (e.toHandler) holder.handler = e.toHandler;
        else delete holder.handler;
        break;
      case 'reclassified':
        holder.unit = e.unit;
        break;
      case 'completed':
      case 'relayed':
        if (done || (e.type === 'relayed' && !answersConsultation(e, ticket.category))) break;
        // Work nobody had taken, done by a member of staff (a consultation answered by a reply), is theirs (A1).
        if (!holder.handler && e.by.kind === 'staff') holder.handler = { platform: e.by.platform, id: e.by.id, name: e.by.name };
        done = { at: t, holder: snapshot(), by: e.by };
        break;
      case 'reopened':
        // Reopened past the deadline: the work was not done after all, and it is late from now on (J3).
        if (done) reopened = true;
        done = undefined;
        dropped = undefined;
        undoneSince = t;
        checkLate(t);
        break;
      case 'closed':
        if (!done) dropped = { at: t, holder: snapshot() };
        break;
      default:
        break;
    }
  }
  if (!done && !dropped) checkLate(now.getTime());

  const [deadlineMs, source] = deadlineNow();
  const common = { deadline: iso(deadlineMs), source, target: iso(target), moves, reopened };
  const lateAt = late ? { lateAt: iso(late.at) } : {};
  if (done) {
    const doneAt = iso(done.at);
    const doneBy = done.by;
    if (late) return { status: 'late', rule: 'late_done', ...common, ...lateAt, doneAt, doneBy, heldBy: late.holder };
    // The FAQ's answer at intake is the duty desk's service card (5.1), not a unit handling a request (5.2, 5.3): it is
    // in the duty log as 已答复, but the rate measures how staff handle work, and an answer given by construction at
    // once would only dilute it (J10).
    if (doneBy.kind === 'system' && POLICY[ticket.category].doneWhenAnswered) return { status: 'none', rule: 'auto_answered', ...common, doneAt, doneBy, heldBy: done.holder };
    return { status: 'timely', rule: 'timely_done', ...common, doneAt, doneBy, heldBy: done.holder };
  }
  if (dropped) {
    if (late) return { status: 'late', rule: 'late_dropped', ...common, ...lateAt, heldBy: late.holder };
    // Closing reopened work without doing it leaves the owner's matter unsolved (J4).
    if (reopened) return { status: 'late', rule: 'late_closed_unsolved', ...common, lateAt: iso(dropped.at), heldBy: dropped.holder };
    return { status: 'none', rule: 'dropped_in_time', ...common, heldBy: dropped.holder };
  }
  if (late) return { status: 'overdue', rule: 'overdue', ...common, ...lateAt, heldBy: late.holder };
  return { status: 'pending', rule: 'pending', ...common, heldBy: snapshot() };
}

/** Whether a judgement enters the rate (5.5): decided or already late. Pending work waits; work dropped in time never does. */
export function counts(status: TimelinessStatus): boolean {
  return status === 'timely' || status === 'late' || status === 'overdue';
}

export interface TimelyRate {
  timely: number;
  /** Tickets that count: decided or already late (pending and dropped-in-time work does not). */
  total: number;
  /** timely ÷ total × 100 (policy 5.5), or null when there is nothing to count. */
  percent: number | null;
}

export function rateOf(timely: number, total: number): TimelyRate {
  return { timely, total, percent: total === 0 ? null : Math.round((timely / total) * 1000) / 10 };
}

/** Policy 5.5: 及时率 = 及时处理数 ÷ 总数 × 100%. */
export function timelyRate(tickets: Iterable<Ticket>, now: Date, options: TimelinessOptions = DEFAULT_TIMELINESS): TimelyRate {
  let timely = 0;
  let total = 0;
  for (const ticket of tickets) {
    const { status } = judgeTimeliness(ticket, now, options);
    if (!counts(status)) continue;
    total += 1;
    if (status === 'timely') timely += 1;
  }
  return rateOf(timely, total);
}
