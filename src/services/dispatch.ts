import type { Config, StaffConfig } from '../config/schema.ts';
import type { Unit } from '../domain/category.ts';
import type { TicketEvent } from '../domain/events.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Store } from '../store/store.ts';
import type { Directory } from './directory.ts';

/**
 * Round-robin dispatch (config `dispatch.mode: round_robin`): the on-duty handler of the ticket's unit with the
 * fewest open tickets gets it, up to the cap; ties go to the one listed first in the config. Returns undefined when
 * the mode is `grab` or everyone is at the cap, so the ticket waits in the unit's chat for someone to accept it.
 */
export async function pickAssignee(ticket: Pick<Ticket, 'unit' | 'estate'>, config: Config, store: Store): Promise<StaffConfig | undefined> {
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

/**
 * What happens to a new ticket the moment it is recorded, as events for the same write: round-robin dispatch (an
 * `accepted` by the system) and the notices to its unit's chats, and to leadership for major matters (policy 3.1,
 * 4.1.1 报告). One write instead of one per event keeps intake fast; `Notifier.announcement` says the same in words.
 */
export async function openingEvents(
  ticket: Pick<Ticket, 'unit' | 'estate' | 'major'> & { urgent?: string | undefined; also?: Unit[] },
  deps: { config: Config; store: Store; directory: Directory },
  at: string,
): Promise<TicketEvent[]> {
  const system = { kind: 'system' as const, name: deps.config.botName };
  const handler = await pickAssignee(ticket, deps.config, deps.store);
  const accepted: TicketEvent[] = handler
    ? [{ type: 'accepted', at, by: { ...system, name: `${deps.config.botName}(轮派)` }, handler: deps.directory.staffRef(handler) }]
    : [];
  // An emergency reaches the unit, those sent to help, the office head and leadership in the same moment (policy 3.1).
  const wanted: Unit[] = ticket.urgent
    ? [ticket.unit, ...(ticket.also ?? []), 'office_head', 'managers']
    : ticket.major
      ? [ticket.unit, 'managers']
      : [ticket.unit];
  const units = [...new Set(wanted)];
  // The office head may read the office chat (no chat of their own): one notice per chat, not two.
  const seen = new Set<string>();
  const notified: TicketEvent[] = units.flatMap((unit) =>
    deps.directory.chatsForUnit(unit, ticket.estate).flatMap((chat) => {
      const key = `${chat.platform}:${chat.id}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ type: 'notified' as const, at, by: system, unit, chat: key }];
    }),
  );
  return [...accepted, ...notified];
}
