import { correctRecorded } from '../../commands/owner/correct.ts';
import { addressed } from './replies.ts';
import type { MessageStep } from './turn.ts';

/** "时间改成周六下午" after the read-back was confirmed corrects the recorded ticket (issue 16 §3). */
export const correction: MessageStep = {
  name: 'correction',
  async run({ message, text, bot }) {
    const corrected = await correctRecorded(bot.ownerContext(message), text, bot.intakeWords, { addressed: addressed(message), freshMs: bot.timeoutMs() });
    return corrected ? bot.answer(message, corrected) : undefined;
  },
};
