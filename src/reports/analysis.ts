/**
 * Timely-rate arithmetic shared by the digest, the monthly analysis and the exports (policy 5.5): 及时率 = 及时处理数 ÷
 * 总数 × 100%, each ticket judged against its own category's deadline. Tickets still within their deadline are not
 * counted yet; cancelled and duplicate ones never are (domain/timeliness.ts).
 */
import type { Config } from '../config/schema.ts';
import type { Ledger } from '../domain/ledger.ts';
import { LedgerSchema, ledgersOf } from '../domain/ledger.ts';
import { type Timeliness, timelinessOf, type TimelyRate } from '../domain/timeliness.ts';
import type { Ticket } from '../domain/ticket.ts';
import { timelinessOptions } from '../jobs/clocks.ts';

type SlaConfig = Pick<Config, 'sla' | 'followUp'>;

export function ticketTimeliness(ticket: Ticket, now: Date, config: SlaConfig): Timeliness {
  return timelinessOf(ticket, now, timelinessOptions(config, ticket.category));
}

/** A running tally: add tickets' statuses, read the rate. */
export class RateTally {
  timely = 0;
  total = 0;
  add(status: Timeliness['status']): void {
    if (status === 'none' || status === 'pending') return;
    this.total += 1;
    if (status === 'timely') this.timely += 1;
  }
  rate(): TimelyRate {
    return { timely: this.timely, total: this.total, percent: this.total === 0 ? null : Math.round((this.timely / this.total) * 1000) / 10 };
  }
}

/** Tallies by a key; `keys` may give a ticket several (a repair is on the repair notice and in the duty log). */
export function tallyBy(
  items: ReadonlyArray<{ ticket: Ticket; status: Timeliness['status'] }>,
  keys: (ticket: Ticket) => readonly string[],
): Map<string, TimelyRate> {
  const tallies = new Map<string, RateTally>();
  for (const { ticket, status } of items) {
    for (const key of keys(ticket)) {
      let tally = tallies.get(key);
      if (!tally) tallies.set(key, (tally = new RateTally()));
      tally.add(status);
    }
  }
  return new Map([...tallies].map(([k, v]) => [k, v.rate()]));
}

/** The rate in each of the three records (6.1–6.3), in the policy's order. */
export function rateByLedger(items: ReadonlyArray<{ ticket: Ticket; status: Timeliness['status'] }>): Array<[Ledger, TimelyRate]> {
  const by = tallyBy(items, (t) => ledgersOf(t.category));
  const order: Ledger[] = ['repairNotice', 'complaintRecord', 'dutyLog'];
  return order.filter((l) => LedgerSchema.options.includes(l)).map((l) => [l, by.get(l) ?? { timely: 0, total: 0, percent: null }]);
}

export function judged(tickets: readonly Ticket[], now: Date, config: SlaConfig): Array<{ ticket: Ticket; status: Timeliness['status']; deadline: string }> {
  return tickets.map((ticket) => {
    const t = ticketTimeliness(ticket, now, config);
    return { ticket, status: t.status, deadline: t.deadline };
  });
}
