import { callsOnOffice } from '../../conversation/calls-on-office.ts';
import { OFFER_CONFIDENCE } from '../../conversation/offer.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import type { MessageStep } from './turn.ts';

/** Unaddressed in a group: offer once when the classifier is confident or the office is called on; otherwise silence. */
export const offer: MessageStep = {
  name: 'offer',
  run(turn) {
    const { verdict, classified, chat } = turn;
    if (verdict && classified && classified.confidence >= OFFER_CONFIDENCE && chat?.offerToRegister) return turn.bot.offer(turn, chat, verdict);
    // Words the classifier cannot place, but the owner calls on the office by name (5栋停电了 物业知道吗): an offer
    // that asks which kind.
    if (!verdict && chat?.offerToRegister && callsOnOffice(turn.text, CONVERSATION_VOCABULARY.calls_on_office)) return turn.bot.offer(turn, chat, undefined);
    return [];
  },
};
