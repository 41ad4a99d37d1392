import type { MessageStep } from './turn.ts';

/** The message that recorded a ticket, delivered again after a crash (issue 17): its replies again, no second ticket. */
export const recordedAgain: MessageStep = {
  name: 'recorded again',
  run: (turn) => turn.bot.recordedAgain(turn),
};
