import type { ClassifyFn } from '../../conversation/classify-fn.ts';
import { defaultVerdict, findTrigger, type Verdict } from '../../conversation/triggers.ts';
import { t } from '../../templates.ts';
import { addressed, reply } from './replies.ts';
import type { MessageStep } from './turn.ts';

/**
 * A new request: a trigger word (报修 …) starts an intake; so does anything addressed to the bot that the classifier
 * places, and what it cannot place gets the help. Unaddressed group talk passes on, with the verdict, to the offer.
 */
export const classifyAndStart: MessageStep = {
  name: 'classify and start',
  async run(turn) {
    const { message, text, attachments, bot } = turn;
    const trigger = findTrigger(text);
    const about = trigger ? trigger.rest || text : text;
    const classified = bot.deps.classify?.(about);
    const verdict = toVerdict(classified) ?? (trigger ? defaultVerdict(trigger.category) : undefined);
    if (trigger && verdict) return bot.startFor(turn, verdict, trigger.rest, attachments);
    if (addressed(message)) {
      return verdict ? bot.startFor(turn, verdict, text, attachments) : [reply(message, t.help(false))];
    }
    if (verdict) turn.verdict = verdict;
    if (classified) turn.classified = classified;
    return undefined;
  },
};

function toVerdict(c: ReturnType<ClassifyFn> | undefined): Verdict | undefined {
  if (!c || c.label === 'other' || !c.unit || !c.clause) return undefined;
  return { category: c.label, clause: c.clause, unit: c.unit, major: c.major, ...(c.party && { party: c.party }) };
}
