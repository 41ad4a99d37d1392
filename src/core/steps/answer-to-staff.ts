import { supplement } from '../../commands/owner/supplement.ts';
import { findTrigger } from '../../conversation/triggers.ts';
import { ownerT } from '../../templates.ts';
import type { MessageStep } from './turn.ts';

/** How long after staff asked the owner something (回复 …吗) the owner's next words are taken as the answer. */
const ANSWER_WINDOW_MS = 4 * 3_600_000;
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
    const asked = open.filter((t) => {
      // Notices sent (notified) are not words between the owner and staff.
      const last = t.history.findLast((e) => e.type !== 'notified');
      return last?.type === 'relayed' && last.direction === 'to_owner' && last.by.kind === 'staff' && Date.parse(last.at) >= since;
    });
    const ticket = asked.at(-1);
    if (!ticket) return undefined;
    const out = await supplement(ctx, `${ticket.number} ${text}`);
    return bot.answer(message, { reply: ownerT.answerPassedOn(ticket), notices: out.notices });
  },
};
