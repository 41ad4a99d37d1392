import { chase } from '../../commands/owner/chase.ts';
import { ownerQuery } from '../../commands/owner/query.ts';
import { readTicketTalk } from '../../conversation/ticket-talk.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { ownerT } from '../../templates.ts';
import type { MessageStep } from './turn.ts';

/**
 * An owner with work in progress talking about it without a command (policy 4.2.1.1, 4.3.1.5). The field trial: "@回音
 * 我报的修什么时候来人啊" was asked which kind of matter it was, "师傅什么时候到" met silence, "厨房水管还在漏 快点来"
 * opened a second repair for the same leak. Now they get the progress, a 催单, or a question whether to cancel.
 */
export const ticketTalk: MessageStep = {
  name: 'ticket talk',
  async run(turn) {
    const { message, text, bot, staff } = turn;
    if (staff) return undefined;
    const talk = readTicketTalk(text, CONVERSATION_VOCABULARY.ticket_talk);
    if (!talk) return undefined;
    const ctx = bot.ownerContext(message);
    const open = await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id }, status: ['open', 'accepted'] });
    const latest = open.at(-1);
    if (!latest) return undefined;
    switch (talk) {
      case 'ask':
        return bot.answer(message, { reply: await ownerQuery(ctx, latest.number), notices: [] });
      case 'chase':
        return bot.answer(message, await chase(ctx, latest.number));
      case 'cancel':
        return bot.answer(message, { reply: ownerT.confirmCancel(latest), notices: [] });
    }
  },
};
