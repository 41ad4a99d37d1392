import type { Ratings } from '../domain/events.ts';
import { extractLocation, extractPhone } from './extract.ts';
import { longestFirst } from './longest-first.ts';
import type { ConversationVocabulary } from './vocabulary.ts';
import { holdsAny } from './holds-any.ts';
import { strip } from './appointment.ts';

/** What owners' own words say about finished work; the words are data (rules/vocabulary/conversation.yaml). */
export type WordsRating =
  | { kind: 'rated'; ratings: Ratings; readAs: '满意' | '基本满意'; remark?: string }
  | { kind: 'unhappy' }
  | { kind: 'unsure' };

const FULL: Ratings = { quality: 5, timeliness: 5, attitude: 5 };
const FAIR: Ratings = { quality: 4, timeliness: 4, attitude: 4 };

/**
 * Reads "还行吧,师傅挺好的" or "还是漏" as a rating (policy 4.2.1.1, 5.6). Undefined when the message is not one: too
 * long, carrying a room or phone (the start of a new request), or holding none of the words.
 */
export function readRatingWords(text: string, words: ConversationVocabulary['rating_words'], fillers: readonly string[] = []): WordsRating | undefined {
  const input = text.normalize('NFKC').trim();
  if (input.length > words.max_length) return undefined;
  const any = (list: readonly string[]) => holdsAny(input, list);
  // Most messages hold none of the words: that is settled before the costlier room and phone patterns run.
  if (!any(words.unhappy) && !any(words.fair) && !any(words.happy) && !any(words.not_fixed)) return undefined;
  if (extractPhone(input) || extractLocation(input)) return undefined;
  // The fault still there ("师傅人挺好 但是水还是有点漏"): the work is not done, whatever is said of the person (policy 5.2
  // 跟踪验证). Seen in play: read 基本满意 and closed, the leak left to a remark for the head.
  if (holdsAny(input, words.not_fixed)) return { kind: 'unhappy' };
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
  // Thanks and fillers say nothing after a "but" ("修好了 就是这样 谢谢"): they are not counted.
  const remark = happy || fair ? reservationIn(rest, words.reservation, [...fillers, ...words.happy, ...words.fair]) : undefined;
  if (remark) return { kind: 'rated', ratings: FAIR, readAs: '基本满意', remark };
  if (fair) return { kind: 'rated', ratings: FAIR, readAs: '基本满意' };
  if (happy) return { kind: 'rated', ratings: FULL, readAs: '满意' };
  return undefined;
}

/**
 * What follows a "but" word (但是, 不过 …) when it says something: three Han characters or more once `ignore` words
 * (thanks, fillers, praise) are set aside, so 就是这样 谢谢 says nothing more. Undefined when there is none.
 */
export function reservationIn(text: string, reservation: readonly string[], ignore: readonly string[]): string | undefined {
  for (const word of longestFirst(reservation)) {
    const at = text.indexOf(word);
    if (at < 0) continue;
    const after = text.slice(at + word.length).replace(/^[\s,,。.!!~]+/, '').trim();
    if ((strip(after, ignore).match(/\p{Script=Han}/gu) ?? []).length >= 3) return after;
  }
  return undefined;
}
