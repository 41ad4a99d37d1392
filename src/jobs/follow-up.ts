/**
 * The follow-up scan (issue 6; policy 4.2.1.1, 4.3.1.5, 5.2, 5.6): every few minutes, each ticket still in work is
 * checked against its clocks (clocks.ts), and each reminder that has come due is sent once and only once.
 *
 * Once only, even across restarts: what was sent is written to the store (`reminders-YYYY-MM` records, one per
 * ticket, keyed ticket + reminder kind + deadline) *before* the messages are handed out, so a crash can lose a
 * reminder but never repeat one. Within one clock only the latest due step goes (after downtime the head is told,
 * not the unit and then the head a second later); a step more than `catchUpHours` late is not sent at all.
 * Quiet hours: nothing to owners; to staff only for major matters. A held reminder goes at the first scan after.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import { Directory } from '../core/directory.ts';
import { Notifier } from '../core/notifier.ts';
import { UNIT_NAME_ZH, type Unit } from '../domain/category.ts';
import type { TicketEventInput } from '../domain/events.ts';
import { TransitionError } from '../domain/state-machine.ts';
import { deadlineOf } from '../domain/timeliness.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { OutgoingMessage } from '../messages.ts';
import { inDailyWindow } from '../reports/zoned-time.ts';
import { followUpT } from '../reports/templates.ts';
import type { Store } from '../store/store.ts';
import { type Moment, momentKey, momentsOf, STALLED_CLAUSE, stallOf, timelinessOptions, unitFor } from './clocks.ts';

export interface JobDeps {
  config: Config;
  store: Store;
  clock: Clock;
  log?: (line: string) => void;
}

const HOUR = 3_600_000;

/** The record namespace a ticket's sent reminders live in: by the month it was created, so no file grows forever. */
export function reminderNamespace(ticket: Pick<Ticket, 'createdAt'>): string {
  return `reminders-${ticket.createdAt.slice(0, 7)}`;
}

export interface ScanResult {
  messages: OutgoingMessage[];
  /** Reminders sent in this scan, as their keys; for tests and the bench. */
  sent: string[];
  /** Tickets flagged 4.3.1.5 in this scan. */
  flagged: string[];
}

export class FollowUp {
  private readonly directory: Directory;
  private readonly notifier: Notifier;
  private readonly log: (line: string) => void;

  constructor(private readonly deps: JobDeps) {
    this.directory = new Directory(deps.config);
    this.notifier = new Notifier(deps.store, this.directory, deps.clock, deps.config.botName);
    this.log = deps.log ?? (() => {});
  }

  /** One pass over the work in progress; returns what to send. */
  async scan(): Promise<OutgoingMessage[]> {
    return (await this.scanDetailed()).messages;
  }

  async scanDetailed(): Promise<ScanResult> {
    const now = this.deps.clock.now();
    const quiet = inDailyWindow(now, this.deps.config.followUp.quietHours, this.deps.config.timezone);
    const result: ScanResult = { messages: [], sent: [], flagged: [] };
    const tickets = await this.deps.store.listTickets({ status: ['open', 'accepted', 'completed'] });
    for (const ticket of tickets) {
      try {
        await this.follow(ticket, now.getTime(), quiet, result);
      } catch (error) {
        // The ticket changed under us (a staff command in between): the next scan sees its new state.
        if (error instanceof TransitionError) this.log(`follow-up ${ticket.number}: ${error.message}`);
        else throw error;
      }
    }
    return result;
  }

  private async follow(ticket: Ticket, now: number, quiet: boolean, result: ScanResult): Promise<void> {
    const due = momentsOf(ticket, this.deps.config).filter((m) => m.at <= now);
    let current = ticket;
    if (due.length > 0) {
      const catchUp = this.deps.config.followUp.catchUpHours * HOUR;
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
          if (quiet && (m.audience === 'owner' || !ticket.major)) continue; // held until quiet hours end
          toSend.push(m);
          toMark.push(key);
        }
      }
      if (toSend.length > 0) {
        // Remembered before anything is sent: at most once, even if we crash right after.
        await this.deps.store.putRecord(namespace, ticket.number, [...(sent ?? []), ...toMark]);
        for (const m of toSend) {
          current = await this.send(current, m, result.messages);
          result.sent.push(momentKey(ticket.number, m));
        }
      }
    }
    const stall = stallOf(current);
    if (stall.due) {
      current = await this.record(current, { type: 'escalated', to: 'office_head', reason: followUpT.stalledReason(stall.chases), clause: STALLED_CLAUSE });
      result.messages.push(...(await this.toUnit(current, 'office_head', followUpT.stalled(current, stall.chases))));
      result.flagged.push(current.number);
    }
  }

  private async send(ticket: Ticket, m: Moment, out: OutgoingMessage[]): Promise<Ticket> {
    const tz = this.deps.config.timezone;
    const sla = this.deps.config.sla;
    const unit = unitFor(m.kind, ticket);
    const target = UNIT_NAME_ZH[unit];
    const { deadline } = deadlineOf(ticket, timelinessOptions(this.deps.config, ticket.category));
    let next = ticket;
    switch (m.kind) {
      case 'first_response_unit': {
        const minutes = this.deps.config.followUp.categories[ticket.category]?.firstResponseMinutes ?? sla.firstResponseMinutes;
        next = await this.record(next, { type: 'nudged', reason: 'first_response', target });
        out.push(...(await this.toUnit(next, unit, followUpT.firstResponseUnit(next, minutes))));
        break;
      }
      case 'first_response_head': {
        const minutes = Math.round((m.at - Date.parse(m.anchor)) / 60_000);
        next = await this.record(next, { type: 'nudged', reason: 'first_response', target });
        out.push(...(await this.toUnit(next, unit, followUpT.firstResponseHead(next, minutes))));
        break;
      }
      case 'appointment_soon':
        out.push(...(await this.toUnit(next, unit, followUpT.appointmentSoon(next, tz))));
        break;
      case 'appointment_missed_office':
        next = await this.record(next, { type: 'nudged', reason: 'appointment', target });
        out.push(...(await this.toUnit(next, unit, followUpT.appointmentMissedOffice(next, tz))));
        break;
      case 'appointment_missed_owner':
        next = await this.toOwner(next, 'appointment', followUpT.appointmentMissedOwner(next), out);
        break;
      case 'deadline_soon':
        out.push(...(await this.toUnit(next, unit, followUpT.deadlineSoon(next, deadline, tz))));
        break;
      case 'overdue_head':
        next = await this.record(next, { type: 'nudged', reason: 'deadline', target });
        out.push(...(await this.toUnit(next, unit, followUpT.overdueHead(next, deadline, tz))));
        break;
      case 'overdue_managers':
        next = await this.record(next, { type: 'escalated', to: 'managers', reason: followUpT.farOverdueReason() });
        out.push(...(await this.toUnit(next, unit, followUpT.overdueManagers(next, deadline, tz))));
        break;
      case 'rating_reminder':
        next = await this.toOwner(next, 'return_visit', followUpT.ratingReminder(next), out);
        break;
      case 'return_visit_task':
        next = await this.record(next, { type: 'nudged', reason: 'return_visit', target });
        out.push(...(await this.toUnit(next, unit, followUpT.returnVisitTask(next, m.at > Date.parse(m.anchor)))));
        break;
      case 'unhappy_task':
        next = await this.record(next, { type: 'nudged', reason: 'return_visit', target });
        out.push(...(await this.toUnit(next, unit, followUpT.unhappyTask(next))));
        break;
    }
    return next;
  }

  private async record(ticket: Ticket, event: TicketEventInput): Promise<Ticket> {
    const at = this.deps.clock.now().toISOString();
    return this.deps.store.appendEvent(ticket.number, { ...event, at, by: { kind: 'system', name: this.deps.config.botName } } as Parameters<Store['appendEvent']>[1]);
  }

  private async toUnit(ticket: Ticket, unit: Unit, text: string): Promise<OutgoingMessage[]> {
    const out = await this.notifier.toUnit(ticket, unit, text);
    if (out.length === 0) this.log(`follow-up ${ticket.number}: no chat configured for ${unit} in ${ticket.estate}`);
    return out;
  }

  /** A message to the owner, recorded as a reminder addressed to them (it counts as an owner-visible update, 5.3). */
  private async toOwner(ticket: Ticket, reason: 'appointment' | 'return_visit', text: string, out: OutgoingMessage[]): Promise<Ticket> {
    const messages = this.notifier.toOwner(ticket, text);
    // Requests taken by phone have no chat: the office calls back, the digest and tasks show the work.
    if (messages.length === 0) return ticket;
    const next = await this.record(ticket, { type: 'nudged', reason, target: 'owner' });
    out.push(...messages);
    return next;
  }
}
