/**
 * Timely-rate arithmetic shared by the digest, the monthly analysis and the exports (policy 5.5): 及时率 = 及时处理数 ÷
 * 总数 × 100%. Every ticket is judged by the one function of docs/timeliness.md (`judgeTimeliness`) against its own
 * category's clocks; pending work and work dropped in time are not counted.
 */
import type { Config } from '../config/schema.ts';
import type { Ledger } from '../domain/ledger.ts';
import { ledgersOf } from '../domain/ledger.ts';
import { counts, judgeTimeliness, rateOf, type Timeliness, type TimelyRate } from '../domain/timeliness.ts';
import type { Ticket } from '../domain/ticket.ts';
import { timelinessOptions } from '../clocks/clocks.ts';

type SlaConfig = Pick<Config, 'sla' | 'reminders'>;

/** A ticket with its verdict. */
export interface Judged {
  ticket: Ticket;
  judgement: Timeliness;
  status: Timeliness['status'];
  deadline: string;
}

/** The verdict for one ticket under the deployment's clocks: what every report, export and reminder reads. */
export function ticketTimeliness(ticket: Ticket, now: Date, config: SlaConfig): Timeliness {
  return judgeTimeliness(ticket, now, timelinessOptions(config, ticket.category));
}

export function judged(tickets: readonly Ticket[], now: Date, config: SlaConfig): Judged[] {
  return tickets.map((ticket) => {
    const judgement = ticketTimeliness(ticket, now, config);
    return { ticket, judgement, status: judgement.status, deadline: judgement.deadline };
  });
}

/** A running tally: add tickets' statuses, read the rate. */
export class RateTally {
  timely = 0;
  total = 0;
  add(status: Timeliness['status']): void {
    if (!counts(status)) return;
    this.total += 1;
    if (status === 'timely') this.timely += 1;
  }
  rate(): TimelyRate {
    return rateOf(this.timely, this.total);
  }
}

/**
 * Tallies by a key; `keys` may give a ticket several (a repair is on the repair notice and in the duty log). Only work
 * that counts makes a row: the FAQ's answers (J10) and work dropped in time (J5) showed as 自动答复 0/0 or 未接单 0/0.
 */
export function tallyBy(items: readonly Judged[], keys: (item: Judged) => readonly string[]): Map<string, TimelyRate> {
  const tallies = new Map<string, RateTally>();
  for (const item of items) {
    if (!counts(item.status)) continue;
    for (const key of keys(item)) {
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = new RateTally()));
      tally.add(item.status);
    }
  }
  return new Map([...tallies].map(([k, v]) => [k, v.rate()]));
}

const LEDGER_ORDER: Ledger[] = ['repairNotice', 'complaintRecord', 'dutyLog'];

/** The rate in each of the three records (6.1–6.3), in the policy's order. */
export function rateByLedger(items: readonly Judged[]): Array<[Ledger, TimelyRate]> {
  const by = tallyBy(items, (i) => ledgersOf(i.ticket.category));
  return LEDGER_ORDER.map((l) => [l, by.get(l) ?? rateOf(0, 0)]);
}

/** The unit a result belongs to (docs/timeliness.md A1): who held it when it went late, or when it was done. */
export const unitKey = (i: Judged): string[] => [i.judgement.heldBy.unit];

/** The handler a result belongs to (A1); work nobody had accepted is 未接单. */
export const assigneeKey = (i: Judged): string[] => [i.judgement.heldBy.handler?.name ?? UNASSIGNED];

export const UNASSIGNED = '未接单';

/** A consultation the bot answered from the FAQ: recorded, not in the rate (docs/timeliness.md J10). */
export const autoAnswered = (i: Pick<Judged, 'judgement'>): boolean => i.judgement.rule === 'auto_answered';
