import type { Clock } from '../clock.ts';
import type { ResolvedConfig } from '../config/load.ts';
import type { Estate } from '../config/schema.ts';
import { consultationAnswer } from '../conversation/faq.ts';
import type { Draft } from '../conversation/intake.ts';
import { asWrittenBack } from '../domain/location.ts';
import type { Actor, Owner } from '../domain/people.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { IncomingMessage } from '../messages.ts';
import type { Directory } from '../services/directory.ts';
import { openingEvents } from '../services/dispatch.ts';
import type { NewTicket, Store } from '../store/store.ts';
import { ownerT } from '../templates.ts';

export interface RecordTicketDeps {
  config: ResolvedConfig;
  store: Store;
  clock: Clock;
  directory: Directory;
}

/**
 * A confirmed intake becomes a ticket (policy 4.1.1: recorded only after the read-back was confirmed): created,
 * confirmed, dispatched and the notices recorded in one write; a consultation the FAQ answers is completed there and
 * then (docs/timeliness.md J7).
 */
export async function recordTicket(deps: RecordTicketDeps, message: IncomingMessage, estate: Estate, draft: Draft & { description: string }, records?: NewTicket['records']): Promise<Ticket> {
  const now = deps.clock.now().toISOString();
  // The room as the read-back said it and the owner confirmed it (6栋301), not as typed: '6动301' reached 【待接单提醒】
  // and the ledger's 房号/地点 as 6动301 (seen in play, field13; policy 4.1.1 记清楚).
  const location = draft.location && asWrittenBack(draft.location);
  const owner: Owner = {
    platform: message.chat.platform,
    id: message.sender.id,
    displayName: message.sender.displayName,
    ...(location?.kind === 'room' && { room: location.text }),
    ...(draft.phone && { phone: draft.phone }),
  };
  const by: Actor = { kind: 'owner', platform: owner.platform, id: owner.id, name: owner.displayName };
  const faq = faqAnswer(deps.directory, { category: draft.category, estate: estate.id, description: draft.description });
  return deps.store.createTicket({
    estate: estate.id,
    owner,
    created: {
      type: 'created',
      at: now,
      by,
      via: `${message.chat.platform}:${message.chat.id}`,
      category: draft.category,
      clause: draft.clause,
      unit: draft.unit,
      description: draft.description,
      major: draft.major,
      channel: 'chat',
      ...(draft.party && { party: draft.party }),
      ...(draft.asked && { asked: draft.asked }),
      ...(location && { location }),
      ...(draft.appointmentAt && { appointmentAt: draft.appointmentAt }),
      ...(draft.appointmentEnd && { appointmentEnd: draft.appointmentEnd }),
      ...(draft.attachments.length > 0 && { attachments: draft.attachments }),
    },
    // Recorded only now, after the read-back was confirmed (policy 4.1.1); dispatch and notices in the same write.
    then: [
      { type: 'confirmed', at: now, by },
      // A consultation the FAQ answers is handled there and then (docs/timeliness.md J7), not left 待受理: nobody is
      // asked to take it, so the office chat is not told of work that is already done (the digest counts it).
      ...(faq
        ? [{ type: 'completed' as const, at: now, by: { kind: 'system' as const, name: deps.config.botName }, result: ownerT.faqResult(faq) }]
        : await openingEvents({ unit: draft.unit, estate: estate.id, major: draft.major }, { config: deps.config, store: deps.store, directory: deps.directory }, now)),
    ],
    ...(records && { records }),
  });
}

/** Consultations are answered from the estate's FAQ where its words match (policy 5.1). */
export function faqAnswer(directory: Directory, ticket: Pick<Ticket, 'category' | 'estate' | 'description'>): string | undefined {
  if (ticket.category !== 'consult') return undefined;
  return consultationAnswer(directory.estate(ticket.estate), ticket.description);
}
