import type { ConversationVocabulary } from './vocabulary.ts';

/** What an owner says about their work in progress, in their own words (rules/vocabulary/conversation.yaml). */
export type TicketTalk = 'ask' | 'chase' | 'cancel';

/** "师傅什么时候到" → ask, "怎么还没来" → chase, "不用来了,已经好了" → cancel; undefined for anything else or too long. */
export function readTicketTalk(text: string, words: ConversationVocabulary['ticket_talk']): TicketTalk | undefined {
  const input = text.normalize('NFKC').trim();
  if (!input || input.length > words.max_length) return undefined;
  if (words.cancel.some((w) => input.includes(w))) return 'cancel';
  if (words.chase.some((w) => input.includes(w))) return 'chase';
  if (words.ask.some((w) => input.includes(w))) return 'ask';
  return undefined;
}
