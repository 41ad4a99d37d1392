import { supplement } from '../../commands/owner/supplement.ts';
import { findTrigger } from '../../conversation/triggers.ts';
import { ownerT } from '../../templates.ts';
import type { MessageStep } from './turn.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { holdsAny } from '../../conversation/holds-any.ts';
import { simplified } from '../../conversation/simplified.ts';

/** Words after the owner's answer that still speak to staff: a question or a bargain (ticket_talk.follow_on). */
function goesOn(text: string): boolean {
  return holdsAny(simplified(text.normalize('NFKC')), CONVERSATION_VOCABULARY.ticket_talk.follow_on ?? []);
}

/** How long after staff asked the owner something (回复 …吗) the owner's next words are taken as the answer. */
const ANSWER_WINDOW_MS = 4 * 3_600_000;
/** How soon after the owner's answer more words are still part of it. */
const FOLLOW_ON_MS = 5 * 60_000;
/** An answer is short; a long message is something of its own. */
const ANSWER_MAX_CHARS = 80;

/**
 * The owner answering what staff last told them on a ticket (policy 4.2.1.1 跟踪): seen in play, 陈文员's "周六上午9点到
 * 可以吗" was answered "可以" in the group and nobody at the office ever saw it. While the last word on an open ticket is
 * staff's, from within the last hours, the owner's next short message goes to the handler as a 补充 would.
 */
export const answerToStaff: MessageStep = {
  name: 'answer to staff',
  async run(turn) {
    const { message, text, bot, staff } = turn;
    if (staff || !text || text.length > ANSWER_MAX_CHARS || findTrigger(text)) return undefined;
    const ctx = bot.ownerContext(message);
    const open = await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id }, status: ['open', 'accepted'] });
    const since = ctx.clock.now().getTime() - ANSWER_WINDOW_MS;
    const now = ctx.clock.now().getTime();
    const asked = open.filter((t) => {
      // Notices sent (notified) are not words between the owner and staff.
      const words = t.history.filter((e) => e.type !== 'notified');
      const last = words.at(-1);
      const staffAsked = (e: (typeof words)[number] | undefined) => e?.type === 'relayed' && e.direction === 'to_owner' && e.by.kind === 'staff' && Date.parse(e.at) >= since;
      if (staffAsked(last)) return true;
      // The owner answering in more than one message ("可以的", then "太贵了 能便宜点吗"): seen in play, the second met
      // silence. Words that follow the owner's own answer within minutes go on with it.
      const previous = words.at(-2);
      return last?.type === 'relayed' && last.direction === 'to_staff' && last.by.kind === 'owner' && last.by.id === message.sender.id && now - Date.parse(last.at) <= FOLLOW_ON_MS && staffAsked(previous) && goesOn(text);
    });
    const ticket = asked.at(-1);
    if (!ticket) return undefined;
    const out = await supplement(ctx, `${ticket.number} ${text}`);
    return bot.answer(message, { reply: ownerT.answerPassedOn(ticket), notices: out.notices });
  },
};
