/**
 * The reminder scan (issue 6; policy 4.2.1.1, 4.3.1.5, 5.2, 5.6): every few minutes, each ticket still in work is
 * checked against its clocks (clocks.ts), and each reminder that has come due is sent once and only once.
 *
 * Once only, even across restarts: what was sent is written to the store (`reminders-YYYY-MM` records, one per
 * ticket, keyed ticket + reminder kind + deadline) *before* the messages are handed out, so a crash can lose a
 * reminder but never repeat one. Within one clock only the latest due step goes (after downtime the head is told,
 * not the unit and then the head a second later); a step more than `catchUpHours` late is not sent at all.
 * Quiet hours: nothing to owners. A staff reminder goes privately to whoever the duty roster (值班表, policy 3.1's
 * 24-hour duty desk; config/duty-roster.ts) has on duty for its unit; with nobody on duty it waits, unless the matter
 * is major, which goes to the unit's chats as by day. A held reminder goes at the first scan after. By day, the
 * on-duty person (a weekend shift) hears privately as well as the unit's chat.
 */
import type { Clock } from '../clock.ts';
import type { Config, StaffConfig } from '../config/schema.ts';
import { type DutyRoster, EMPTY_ROSTER, onDuty } from '../config/duty-roster.ts';
import { DutyRosterFile } from '../config/duty-roster-file.ts';
import type { Directory } from '../services/directory.ts';
import type { Notifier } from '../services/notifier.ts';
import { UNIT_NAME_ZH, type Unit } from '../domain/category.ts';
import { firstResponseMinutes } from '../domain/policy.ts';
import type { TicketEvent, TicketEventInput } from '../domain/events.ts';
import type { TicketNumber } from '../domain/ticket-number.ts';
import { TransitionError } from '../domain/state-machine.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { OutgoingMessage } from '../messages.ts';
import { inDailyWindow } from '../zoned-time.ts';
import { reminderT } from '../reports/templates.ts';
import { ticketTimeliness } from '../reports/analysis.ts';
import type { Store } from '../store/store.ts';
import { type Moment, momentKey, momentsOf, stallOf, unitFor } from '../clocks/clocks.ts';
import { recordStalledComplaint } from './stalled-complaint.ts';
import { minutesSince } from '../clocks/urgent-clocks.ts';

export interface JobDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log?: (line: string) => void;
  /** The roster in force; by default the `dutyRoster` file, read again when it changes. */
  duty?: { current(): Promise<DutyRoster> };
}

/** What one scan knows about the hour: quiet hours, and the roster in force. */
interface ScanContext {
  now: Date;
  quiet: boolean;
  roster: DutyRoster;
}

/** The reminder scan also tells units and owners: the composition root's one Directory and Notifier. */
export interface ReminderScanDeps extends JobDeps {
  directory: Directory;
  notifier: Notifier;
}

const HOUR = 3_600_000;

/** Whole hours from the moment's anchor (the ticket came to its unit) to now: a step held overnight says the hours at sending. */
const hoursSince = (m: Moment, now: Date) => Math.floor((now.getTime() - Date.parse(m.anchor)) / HOUR);

/** The record namespace a ticket's sent reminders live in: by the month it was created, so no file grows forever. */
export function reminderNamespace(ticket: Pick<Ticket, 'createdAt'>): string {
  return `reminders-${ticket.createdAt.slice(0, 7)}`;
}

/**
 * A warning before a time (【即将到期】 before the deadline, 【预约提醒】 before the visit) is true only until that time.
 * One held by quiet hours to a scan at or after it is not sent: what is true then (【超时】, 【预约已过】) follows on its
 * own clock, and the reader does not get "due at 08:00" at 08:00 and "overdue" five minutes later.
 */
function comeAlready(m: Moment, now: number): boolean {
  return (m.kind === 'deadline_soon' || m.kind === 'appointment_soon') && now >= Date.parse(m.anchor);
}

export interface ScanResult {
  messages: OutgoingMessage[];
  /** Reminders sent in this scan, as their keys; for tests and the bench. */
  sent: string[];
  /** Tickets flagged 4.3.1.5 in this scan. */
  flagged: string[];
}

export class ReminderScan {
  private readonly directory: Directory;
  private readonly notifier: Notifier;
  private readonly log: (line: string) => void;
  private readonly duty: { current(): Promise<DutyRoster> };

  constructor(private readonly deps: ReminderScanDeps) {
    this.directory = deps.directory;
    this.notifier = deps.notifier;
    this.log = deps.log ?? (() => {});
    const file = deps.config.dutyRoster;
    this.duty = deps.duty ?? (file ? new DutyRosterFile(file, deps.config, this.log) : { current: async () => EMPTY_ROSTER });
  }

  /** One pass over the work in progress; returns what to send. */
  async scan(): Promise<OutgoingMessage[]> {
    return (await this.scanDetailed()).messages;
  }

  async scanDetailed(): Promise<ScanResult> {
    const now = this.deps.clock.now();
    const quiet = inDailyWindow(now, this.deps.config.reminders.quietHours, this.deps.config.timezone);
    const ctx: ScanContext = { now, quiet, roster: await this.duty.current() };
    const result: ScanResult = { messages: [], sent: [], flagged: [] };
    const tickets = await this.deps.store.listTickets({ status: ['open', 'accepted', 'completed'] });

    // 1. Decide, without writing anything, which reminders are due for each ticket.
    const plans: Plan[] = [];
    for (const ticket of tickets) {
      const plan = await this.plan(ticket, ctx);
      if (plan) plans.push(plan);
    }

    // 2. Remember them before anything is sent: at most once, even if we crash right after. One write per month.
    const marks = new Map<string, Array<[string, string[]]>>();
    for (const plan of plans) marks.set(plan.namespace, [...(marks.get(plan.namespace) ?? []), [plan.ticket.number, plan.marked]]);
    for (const [namespace, entries] of marks) await this.deps.store.putRecords(namespace, entries);

    // 3. The events and notices of every reminder, written together (tickets sharing a file share a write).
    const batch: Array<{ number: TicketNumber; events: TicketEvent[] }> = [];
    for (const plan of plans) {
      if (plan.toSend.length === 0) continue;
      const events: TicketEvent[] = [];
      const joined = this.missedAndOverdue(plan.ticket, plan.toSend, ctx);
      for (const m of plan.toSend) {
        if (joined && m.kind === 'appointment_missed_office') this.sendMissedAndOverdue(plan.ticket, events, result.messages, ctx);
        else if (!joined || m.kind !== 'overdue_head') this.send(plan.ticket, m, events, result.messages, ctx);
        result.sent.push(momentKey(plan.ticket.number, m));
      }
      batch.push({ number: plan.ticket.number, events });
    }
    const written = await this.apply(batch);

    // 4. The 4.3.1.5 complaint entry: normally opened by the owner's second 催单 itself; this catches one a crash left.
    for (const ticket of tickets) {
      const current = written.get(ticket.number) ?? ticket;
      if (!stallOf(current, this.deps.config, now).due) continue;
      const opened = await recordStalledComplaint({ ...this.deps, notifier: this.notifier }, current);
      if (!opened) continue;
      result.messages.push(...opened.messages);
      result.flagged.push(current.number);
    }
    return result;
  }

  /** Writes a batch; a ticket changed under us (a staff command in between) is left for the next scan. */
  private async apply(batch: Array<{ number: TicketNumber; events: TicketEvent[] }>): Promise<Map<string, Ticket>> {
    if (batch.length === 0) return new Map();
    const { tickets, refused } = await this.deps.store.appendEventsMany(batch);
    for (const { number, error } of refused) {
      if (error instanceof TransitionError) this.log(`reminders ${number}: ${error.message}`);
      else throw error;
    }
    return new Map(tickets.map((t) => [t.number, t]));
  }

  private async plan(ticket: Ticket, ctx: ScanContext): Promise<Plan | undefined> {
    const now = ctx.now.getTime();
    const due = momentsOf(ticket, this.deps.config, now).filter((m) => m.at <= now);
    if (due.length === 0) return undefined;
    const catchUp = this.deps.config.reminders.catchUpHours * HOUR;
    const groups = new Map<string, Moment[]>();
    for (const m of due) groups.set(`${m.clock}|${m.anchor}`, [...(groups.get(`${m.clock}|${m.anchor}`) ?? []), m]);
    const namespace = reminderNamespace(ticket);
    let sent: Set<string> | undefined;
    const toSend: Moment[] = [];
    const toMark: string[] = [];
    for (const group of groups.values()) {
      const latest = Math.max(...group.map((m) => m.at));
      if (now - latest > catchUp) continue;
      sent ??= new Set(await this.deps.store.getRecord<string[]>(namespace, ticket.number));
      for (const m of group) {
        const key = momentKey(ticket.number, m);
        if (sent.has(key)) continue;
        if (m.at < latest) {
          toMark.push(key); // superseded by a later step of the same clock
          continue;
        }
        if (ctx.quiet && !this.deliverableAtNight(ticket, m, ctx)) continue; // held until quiet hours end
        if (comeAlready(m, now)) {
          toMark.push(key); // held past the time it warns of: 【即将到期】 at the deadline is no longer true
          continue;
        }
        toSend.push(m);
        toMark.push(key);
      }
    }
    if (toSend.length === 0) return undefined;
    return { ticket, namespace, toSend, marked: [...(sent ?? []), ...toMark] };
  }

  /** In quiet hours: never to owners; to staff when major, or when someone is on duty for the unit (policy 3.1). */
  private deliverableAtNight(ticket: Ticket, m: Moment, ctx: ScanContext): boolean {
    if (m.audience === 'owner') return false;
    return ticket.major || this.onDutyFor(ticket, unitFor(m.kind, ticket), ctx).length > 0;
  }

  private onDutyFor(ticket: Ticket, unit: Unit, ctx: ScanContext): StaffConfig[] {
    return onDuty(ctx.roster, unit, ticket.estate, ctx.now, this.deps.config.timezone);
  }

  /** Adds one reminder's events to `events` and its messages to `out`. */
  private send(ticket: Ticket, m: Moment, events: TicketEvent[], out: OutgoingMessage[], ctx: ScanContext): void {
    const toUnit = (u: Unit, text: string, evs: TicketEvent[]) => this.toUnit(ticket, u, text, evs, ctx);
    const tz = this.deps.config.timezone;
    const unit = unitFor(m.kind, ticket);
    const target = UNIT_NAME_ZH[unit];
    const { deadline } = ticketTimeliness(ticket, this.deps.clock.now(), this.deps.config);
    const nudge = (reason: Extract<TicketEventInput, { type: 'nudged' }>['reason']) => events.push(this.event({ type: 'nudged', reason, target }));
    switch (m.kind) {
      case 'first_response_unit': {
        const minutes = firstResponseMinutes(this.deps.config, ticket.category);
        nudge('first_response');
        out.push(...toUnit(unit, reminderT.firstResponseUnit(ticket, minutes), events));
        break;
      }
      case 'first_response_head': {
        const minutes = Math.round((m.at - Date.parse(m.anchor)) / 60_000);
        nudge('first_response');
        out.push(...toUnit(unit, reminderT.firstResponseHead(ticket, minutes), events));
        break;
      }
      case 'first_response_chase': {
        nudge('first_response');
        out.push(...toUnit(unit, reminderT.firstResponseChase(ticket, hoursSince(m, ctx.now)), events));
        break;
      }
      case 'first_response_managers':
        events.push(this.event({ type: 'escalated', to: 'managers', reason: reminderT.unacceptedReason(hoursSince(m, ctx.now)) }));
        out.push(...toUnit(unit, reminderT.firstResponseManagers(ticket, hoursSince(m, ctx.now)), events));
        break;
      case 'appointment_soon':
        out.push(...toUnit(unit, reminderT.appointmentSoon(ticket, tz), events));
        break;
      case 'appointment_missed_office':
        nudge('appointment');
        out.push(...toUnit(unit, reminderT.appointmentMissedOffice(ticket, tz), events));
        break;
      case 'appointment_missed_owner':
        this.toOwner(ticket, 'appointment', reminderT.appointmentMissedOwner(ticket), events, out);
        break;
      case 'deadline_soon':
        out.push(...toUnit(unit, reminderT.deadlineSoon(ticket, deadline, tz), events));
        break;
      case 'overdue_head':
        nudge('deadline');
        out.push(...toUnit(unit, reminderT.overdueHead(ticket, deadline, tz), events));
        break;
      case 'overdue_managers':
        events.push(this.event({ type: 'escalated', to: 'managers', reason: reminderT.farOverdueReason() }));
        out.push(...toUnit(unit, reminderT.overdueManagers(ticket, deadline, tz), events));
        break;
      case 'overdue_daily':
        nudge('deadline');
        out.push(...toUnit(unit, reminderT.overdueDaily(ticket, deadline, tz, Math.floor((m.at - Date.parse(deadline)) / 86_400_000)), events));
        break;
      case 'rating_reminder':
        this.toOwner(ticket, 'return_visit', reminderT.ratingReminder(ticket), events, out);
        break;
      case 'return_visit_task':
        nudge('return_visit');
        out.push(...toUnit(unit, reminderT.returnVisitTask(ticket, m.at > Date.parse(m.anchor)), events));
        break;
      case 'unhappy_task':
        nudge('return_visit');
        out.push(...toUnit(unit, reminderT.unhappyTask(ticket), events));
        break;
      case 'urgent_unaccepted_unit':
      case 'urgent_unaccepted_head':
      case 'urgent_unaccepted_managers':
      case 'urgent_unfinished_managers':
        if (m.kind === 'urgent_unaccepted_managers' || m.kind === 'urgent_unfinished_managers') {
          events.push(this.event({ type: 'escalated', to: 'managers', reason: reminderT.urgentReason(minutesSince(ticket, m.at)) }));
        }
        out.push(...toUnit(unit, reminderT.urgentSilence(ticket, m.kind, minutesSince(ticket, m.at)), events));
        break;
      case 'urgent_chase_unit':
      case 'urgent_chase_managers':
        if (m.kind === 'urgent_chase_unit') nudge('first_response');
        out.push(...toUnit(unit, reminderT.urgentChase(ticket, minutesSince(ticket, ctx.now.getTime())), events));
        break;
    }
  }

  /**
   * A missed appointment that is also the deadline (a repair's, 4.2.1.1) makes 【预约已过】 for the office and 【超时】 for
   * the head in the same scan. When the same people read both (the head reads the office chat, or one person on duty
   * holds both), they get one notice that says both, not two about one ticket in one minute.
   */
  private missedAndOverdue(ticket: Ticket, toSend: Moment[], ctx: ScanContext): boolean {
    if (!toSend.some((m) => m.kind === 'appointment_missed_office') || !toSend.some((m) => m.kind === 'overdue_head')) return false;
    const readers = (unit: Unit) =>
      this.toUnit(ticket, unit, '', [], ctx)
        .map((m) => `${m.chat.platform}:${m.chat.id}`)
        .sort()
        .join(',');
    return readers('office') === readers('office_head');
  }

  private sendMissedAndOverdue(ticket: Ticket, events: TicketEvent[], out: OutgoingMessage[], ctx: ScanContext): void {
    const { deadline } = ticketTimeliness(ticket, this.deps.clock.now(), this.deps.config);
    const text = reminderT.appointmentMissedOverdue(ticket, deadline, this.deps.config.timezone);
    events.push(this.event({ type: 'nudged', reason: 'appointment', target: UNIT_NAME_ZH.office }));
    events.push(this.event({ type: 'nudged', reason: 'deadline', target: UNIT_NAME_ZH.office_head }));
    out.push(...this.toUnit(ticket, 'office_head', text, events, ctx));
  }

  private event(input: TicketEventInput): TicketEvent {
    return { ...input, at: this.deps.clock.now().toISOString(), by: { kind: 'system', name: this.deps.config.botName } } as TicketEvent;
  }

  /**
   * The messages to a unit's chats and to whoever is on duty for it, with their `notified` events added to `events`.
   * In quiet hours a matter that is not major goes to the people on duty only: the rest of the unit sleeps.
   */
  private toUnit(ticket: Ticket, unit: Unit, text: string, events: TicketEvent[], ctx: ScanContext): OutgoingMessage[] {
    const duty = this.onDutyFor(ticket, unit, ctx);
    const out: OutgoingMessage[] = [];
    if (!ctx.quiet || ticket.major || duty.length === 0) {
      const plan = this.notifier.plan(unit, ticket.estate, text);
      if (plan.messages.length === 0) this.log(`reminders ${ticket.number}: no chat configured for ${unit} in ${ticket.estate}`);
      events.push(...plan.events);
      out.push(...plan.messages);
    }
    for (const member of duty) {
      const plan = this.notifier.planPrivate(member, unit, reminderT.onDuty(text));
      events.push(...plan.events);
      out.push(...plan.messages);
    }
    return out;
  }

  /** A message to the owner, recorded as a reminder addressed to them (it counts as an owner-visible update, 5.3). */
  private toOwner(ticket: Ticket, reason: 'appointment' | 'return_visit', text: string, events: TicketEvent[], out: OutgoingMessage[]): void {
    const messages = this.notifier.toOwner(ticket, text);
    // Requests taken by phone have no chat: the office calls back, the digest and tasks show the work.
    if (messages.length === 0) return;
    events.push(this.event({ type: 'nudged', reason, target: 'owner' }));
    out.push(...messages);
  }
}

interface Plan {
  ticket: Ticket;
  namespace: string;
  toSend: Moment[];
  /** Everything sent for this ticket so far, including what this scan sends. */
  marked: string[];
}
