import { continueIntake } from '../../conversation/intake.ts';
import { ACCEPT_OFFER } from '../../conversation/offer.ts';
import type { MessageStep } from './turn.ts';

/**
 * A conversation already open with this person: an emergency's follow-up, an intake at its questions, an offer
 * waiting for yes. An emergency word wins over an intake or an offer (policy 3.1: no offer, no questions first).
 */
export const openConversation: MessageStep = {
  name: 'open conversation',
  async run(turn) {
    const { message, key, text, attachments, bot } = turn;
    const env = bot.intakeEnv();
    const session = await bot.sessions.read(key, { platform: message.chat.platform, id: message.sender.id });
    if (session?.kind === 'urgent') {
      await bot.sessions.delete(key);
      const followed = await bot.followUpEmergency(turn, session.state);
      if (followed) return followed;
    }
    const urgent = bot.deps.urgent?.match(text);
    if (urgent) return bot.emergency(turn, urgent);
    if (session?.kind === 'intake') return bot.perform(turn, continueIntake(session.state, text, env, attachments));
    if (session?.kind === 'offer') {
      await bot.sessions.delete(key);
      if (ACCEPT_OFFER.test(text)) return bot.startFor(turn, session.state.verdict, session.state.text, session.state.attachments);
      await bot.sessions.declined({ platform: message.chat.platform, id: message.sender.id });
    }
    return undefined;
  },
};
