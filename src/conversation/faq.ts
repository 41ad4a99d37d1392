import type { Estate } from '../config/schema.ts';
import { t } from '../templates.ts';
import { simplified } from './simplified.ts';
import { CONVERSATION_VOCABULARY } from './vocabulary.ts';
import { holdsAny } from './holds-any.ts';

/**
 * The estate's answer to a question, from its FAQ (config `estates[].faq`; policy 5.1): the first entry whose words
 * all appear in the question. A consultation it answers is answered at once and recorded in the duty log (3.1),
 * without the read-back: there is nothing for the owner to check before hearing the answer.
 */
export function faqAnswerFor(estate: Pick<Estate, 'faq'> | undefined, question: string): string | undefined {
  // 停車 / 物業費 in traditional characters are the FAQ's words too.
  const asked = simplified(question.normalize('NFKC'));
  return estate?.faq.find((entry) => entry.keywords.every((k) => asked.includes(simplified(k.normalize('NFKC')))))?.answer;
}

/** A question for the office's numbers (rules/vocabulary/conversation.yaml `asks_for_numbers`): the service card answers it. */
export function asksForNumbers(question: string): boolean {
  const text = simplified(question.normalize('NFKC'));
  return holdsAny(text, CONVERSATION_VOCABULARY.asks_for_numbers);
}

/** The answer a consultation gets at once: the estate's FAQ, else the service card for a question for its numbers. */
export function consultationAnswer(estate: Estate | undefined, question: string): string | undefined {
  return faqAnswerFor(estate, question) ?? (estate && asksForNumbers(question) ? t.serviceCard(estate) : undefined);
}
