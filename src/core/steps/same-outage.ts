import { isOwnerOf, ownerActor, via } from '../../commands/owner/context.ts';
import { outageKind, sharedFault } from '../../conversation/same-outage.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { partyOf } from '../../domain/policy.ts';
import { buildingIn, buildingOf, formatLocation } from '../../domain/location.ts';
import { simplified } from '../../conversation/simplified.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { formatTime, ownerT } from '../../templates.ts';
import { addressed, reply } from './replies.ts';
import type { MessageStep } from './turn.ts';

/**
 * One outage, many owners (policy 4.3.2.4: the office deals with the utility and keeps owners informed). Seen in play:
 * in the owners' group, "我家也没水了" and "停水也不说一声" each got "需要我帮您登记吗?", and every yes would have been
 * another ticket for the same outage. A report the classifier places as a utility matter, of the same kind as one
 * recorded in this estate within `same_outage.hours` and still open (and in the same building when both say one), is
 * told that number and goes into its history for the office; no new offer or intake.
 */
export const sameOutage: MessageStep = {
  name: 'same outage',
  async run(turn) {
    const { message, text, bot, staff } = turn;
    const words = CONVERSATION_VOCABULARY.same_outage;
    if (staff || !bot.deps.classify) return undefined;
    const kind = outageKind(text, words);
    const fault = kind ? undefined : sharedFault(text, words);
    if (!kind && !fault) return undefined;
    const classified = bot.deps.classify(text);
    if (kind && (classified.label !== 'assist' || !classified.clause || partyOf(classified.clause) !== 'utility')) return undefined;
    // A lift that "stopped again" is a matter (the classifier's word), or said to the bot; chatter about lifts is not.
    if (fault && classified.label === 'other' && !addressed(message)) return undefined;
    const ctx = bot.ownerContext(message);
    const now = ctx.clock.now();
    const estate = bot.estateFor(turn.chat).id;
    const since = new Date(now.getTime() - words.hours * 3_600_000).toISOString();
    const open = await ctx.store.listTickets({ estate, status: ['open', 'accepted'], createdFrom: since });
    const building = buildingIn(simplified(text));
    const same = open
      .filter((t) =>
        kind
          ? partyOf(t.clause) === 'utility' && outageKind(t.description, words) === kind
          : sharedFault(`${t.location ? formatLocation(t.location) : ''} ${t.description}`, words) === fault,
      )
      .filter((t) => sameBuilding(t, building))
      .at(-1);
    // Their own report: ticket talk and the usual handling answer it.
    if (!same || isOwnerOf(same, message)) return undefined;
    const joined = same.history.some((e) => e.type === 'relayed' && e.by.kind === 'owner' && e.by.platform === message.chat.platform && e.by.id === message.sender.id);
    // Said again in the group without @ by someone already told: no second answer.
    if (joined && !addressed(message)) return [];
    const what = (kind ?? fault)!;
    await ctx.store.appendEvent(same.number, { type: 'relayed', direction: 'to_staff', text: ownerT.sameOutageRecord(what, text), at: now.toISOString(), by: ownerActor(message), via: via(message) });
    const at = formatTime(same.createdAt, ctx.config.timezone);
    return [reply(message, kind ? ownerT.sameOutage(same, kind, at) : ownerT.sameFault(same, what, at))];
  },
};

function sameBuilding(ticket: Ticket, building: string | undefined): boolean {
  const theirs = ticket.location ? buildingOf(ticket.location) : undefined;
  return !building || !theirs || building === theirs;
}
