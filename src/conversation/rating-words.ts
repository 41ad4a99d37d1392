import type { Ratings } from '../domain/events.ts';
import { extractLocation, extractPhone } from './extract.ts';
import { longestFirst } from './longest-first.ts';
import type { ConversationVocabulary } from './vocabulary.ts';
import { holdsAny } from './holds-any.ts';

/** What owners' own words say about finished work; the words are data (rules/vocabulary/conversation.yaml). */
export type WordsRating =
  | { kind: 'rated'; ratings: Ratings; readAs: '满意' | '基本满意' }
  | { kind: 'unhappy' }
  | { kind: 'unsure' };

const FULL: Ratings = { quality: 5, timeliness: 5, attitude: 5 };
const FAIR: Ratings = { quality: 4, timeliness: 4, attitude: 4 };

/**
 * Reads "还行吧,师傅挺好的" or "还是漏" as a rating (policy 4.2.1.1, 5.6). Undefined when the message is not one: too
 * long, carrying a room or phone (the start of a new request), or holding none of the words.
 */
export function readRatingWords(text: string, words: ConversationVocabulary['rating_words']): WordsRating | undefined {
  const input = text.normalize('NFKC').trim();
  if (input.length > words.max_length) return undefined;
  const any = (list: readonly string[]) => holdsAny(input, list);
  // Most messages hold none of the words: that is settled before the costlier room and phone patterns run.
  if (!any(words.unhappy) && !any(words.fair) && !any(words.happy)) return undefined;
  if (extractPhone(input) || extractLocation(input)) return undefined;
  let rest = input;
  let unhappy = false;
  // Longest first, and set aside once found: 没修好 must not leave 修好 behind to be read as praise.
  for (const word of longestFirst(words.unhappy)) {
    if (!rest.includes(word)) continue;
    unhappy = true;
    rest = rest.split(word).join(' ');
  }
  const fair = holdsAny(rest, words.fair);
  const happy = holdsAny(rest, words.happy);
  if (unhappy) return happy || fair ? { kind: 'unsure' } : { kind: 'unhappy' };
  if (fair) return { kind: 'rated', ratings: FAIR, readAs: '基本满意' };
  if (happy) return { kind: 'rated', ratings: FULL, readAs: '满意' };
  return undefined;
}
