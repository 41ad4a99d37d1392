import type { Estate } from '../config/schema.ts';

/**
 * The estate's answer to a question, from its FAQ (config `estates[].faq`; policy 5.1): the first entry whose words
 * all appear in the question. A consultation it answers is answered at once and recorded in the duty log (3.1),
 * without the read-back: there is nothing for the owner to check before hearing the answer.
 */
export function faqAnswerFor(estate: Pick<Estate, 'faq'> | undefined, question: string): string | undefined {
  return estate?.faq.find((entry) => entry.keywords.every((k) => question.includes(k)))?.answer;
}
