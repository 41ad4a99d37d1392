/**
 * Refuses rule patterns that can backtrack catastrophically (issue 17): `/(a+)+$/` once took 95 s on a 30-character
 * message and blocked the bot. The check is safe-regex2's star-height analysis: a repetition inside a repetition, or
 * more repetitions than it can reason about, is refused at load with the file, rule and word named.
 */
import safeRegex from 'safe-regex2';

/** safe-regex2's default: past this many repetitions in one pattern its analysis no longer vouches for it. */
const MAX_REPETITIONS = 25;

/** Why a pattern (the source between the slashes) may take exponential time, or undefined when it is safe. */
export function catastrophicReason(source: string): string | undefined {
  // The checker's parser does not read lookbehind; a lookahead has the same shape for star-height analysis.
  const readable = source.replace(/\(\?<([=!])/g, '(?$1');
  if (!safeRegex(readable, { limit: Number.POSITIVE_INFINITY })) {
    return 'it repeats something that is itself repeated (like (a+)+ or (a*)*), which can take exponential time on some messages; rewrite it without the nested repetition';
  }
  if (!safeRegex(readable, { limit: MAX_REPETITIONS })) {
    return `it has more than ${MAX_REPETITIONS} repetitions (+, *, ?, {n,m}), too many to check for catastrophic backtracking; split it into several words`;
  }
  return undefined;
}
