import type { Clock } from '../clock.ts';
import type { Config, StaffConfig } from '../config/schema.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Store } from '../store/store.ts';
import type { Directory } from './directory.ts';

/**
 * Round-robin dispatch (config `dispatch.mode: round_robin`): the on-duty handler of the ticket's unit with the
 * fewest open tickets gets it, up to the cap; ties go to the one listed first in the config. Returns undefined when
 * the mode is `grab` or everyone is at the cap, so the ticket waits in the unit's chat for someone to accept it.
 */
export async function pickHandler(ticket: Ticket, config: Config, store: Store): Promise<StaffConfig | undefined> {
  if (config.dispatch.mode !== 'round_robin') return undefined;
  const candidates = config.staff.filter(
    (s) => s.unit === ticket.unit && s.role === 'handler' && s.onDuty && (!s.estate || s.estate === ticket.estate),
  );
  if (candidates.length === 0) return undefined;
  const open = await store.listTickets({ status: ['accepted'] });
  const load = (s: StaffConfig) => open.filter((t) => t.handler?.platform === s.platform && t.handler.id === s.id).length;
  let best: StaffConfig | undefined;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const n = load(candidate);
    if (n < config.dispatch.maxOpenPerHandler && n < bestLoad) {
      best = candidate;
      bestLoad = n;
    }
  }
  return best;
}

/** Gives a new ticket to a handler when round-robin dispatch is on; returns the ticket as it now stands. */
export async function dispatchNew(ticket: Ticket, deps: { config: Config; store: Store; clock: Clock; directory: Directory }): Promise<Ticket> {
  const handler = await pickHandler(ticket, deps.config, deps.store);
  if (!handler) return ticket;
  return deps.store.appendEvent(ticket.number, {
    type: 'accepted',
    at: deps.clock.now().toISOString(),
    by: { kind: 'system', name: `${deps.config.botName}(轮派)` },
    handler: deps.directory.staffRef(handler),
  });
}
