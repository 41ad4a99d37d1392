/**
 * Policy 4.3.1.5 "应做的,经两次提示或督促还没有做的事" is a valid complaint: when the owner has prompted twice about work
 * already due (`stallOf`), a complaint record entry (投诉记录表, a C… number) is opened, linked to the request, and given
 * to the office head (3.1). The original ticket records the escalation with the entry's number. The owner's 催单 and the
 * reminder scan both come here, so the command and the scan can never disagree.
 */
import type { Clock } from '../clock.ts';
import type { Config } from '../config/schema.ts';
import type { Notifier } from '../services/notifier.ts';
import type { Actor } from '../domain/people.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { OutgoingMessage } from '../messages.ts';
import { reminderT } from '../reports/templates.ts';
import type { Store } from '../store/store.ts';
import { STALLED_CLAUSE, stallOf } from '../clocks/clocks.ts';

export interface StalledDeps {
  config: Config;
  store: Store;
  clock: Clock;
  notifier: Notifier;
}

/** The round of work the prompts belong to starts at creation or the last reopening. */
function roundStart(ticket: Ticket): string {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) if (ticket.history[i]!.type === 'reopened') return ticket.history[i]!.at;
  return ticket.createdAt;
}

/**
 * Opens the complaint entry when 4.3.1.5 is met and not yet recorded for this round; otherwise does nothing.
 * Re-running after a crash between the two writes finds the entry already made (by its link) and only completes the
 * escalation, so one round never gets two entries.
 */
export async function recordStalledComplaint(
  deps: StalledDeps,
  ticket: Ticket,
): Promise<{ complaint: Ticket; original: Ticket; messages: OutgoingMessage[] } | undefined> {
  const now = deps.clock.now();
  const stall = stallOf(ticket, deps.config, now);
  if (!stall.due) return undefined;
  const at = now.toISOString();
  const system: Actor = { kind: 'system', name: deps.config.botName };
  const mine = await deps.store.listTickets({ owner: ticket.owner, createdFrom: roundStart(ticket) });
  let complaint = mine.find((t) => t.relatesTo === ticket.number && t.clause === STALLED_CLAUSE);
  const notice = deps.notifier.plan('office_head', ticket.estate, '');
  if (!complaint) {
    complaint = await deps.store.createTicket({
      estate: ticket.estate,
      owner: ticket.owner,
      created: {
        type: 'created',
        at,
        by: system,
        category: 'valid',
        clause: STALLED_CLAUSE,
        unit: 'office_head',
        description: reminderT.stalledComplaintText(ticket, stall.prompts),
        ...(ticket.location && { location: ticket.location }),
        major: ticket.major,
        channel: 'chat',
        relatesTo: ticket.number,
        ...(ticket.history[0]?.via && { via: ticket.history[0].via }),
      },
      then: notice.events,
    });
  }
  const text = reminderT.stalled(ticket, stall.prompts, complaint.number);
  const messages = notice.messages.map((m) => ({ ...m, text }));
  const original = await deps.store.appendEvents(ticket.number, [
    { type: 'escalated', at, by: system, to: 'office_head', reason: reminderT.stalledReason(stall.prompts, complaint.number), clause: STALLED_CLAUSE, complaint: complaint.number },
    ...notice.events,
  ]);
  return { complaint, original, messages };
}
