import { rate } from '../../commands/owner/rate.ts';
import type { MessageStep } from './turn.ts';

/** An owner's rating of a finished ticket (满意, 不满意 …, or the buttons 完成 attaches). */
export const rating: MessageStep = {
  name: 'rating',
  async run({ message, text, bot }) {
    const rated = await rate(bot.ownerContext(message), text);
    return rated ? bot.answer(message, rated) : undefined;
  },
};
