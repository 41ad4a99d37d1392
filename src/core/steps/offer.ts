import { OFFER_CONFIDENCE } from '../../conversation/offer.ts';
import type { MessageStep } from './turn.ts';

/** Unaddressed in a group: offer once when the classifier is confident; otherwise it is chatter (silence). */
export const offer: MessageStep = {
  name: 'offer',
  run(turn) {
    const { verdict, classified, chat } = turn;
    if (verdict && classified && classified.confidence >= OFFER_CONFIDENCE && chat?.offerToRegister) return turn.bot.offer(turn, chat, verdict);
    return [];
  },
};
