import type { ClassifyFn } from './classify-fn.ts';
import { escapeRegExp } from './escape-regexp.ts';
import type { Verdict } from './triggers.ts';

/**
 * Two matters in one message ("5栋2单元502 厨房水管漏水,另外这个月物业费怎么多收了200块"): seen in play, the whole message
 * became one fee complaint for the office head and 工程班 never heard of the leak. A clause opened by an
 * `another_matter` word (rules/vocabulary/conversation.yaml) that the classifier places as another kind of matter, or
 * for another unit, than the words before it is split off; without such a word, clauses stay one matter ("楼上漏水,
 * 天花板都湿了" is one leak however its clauses are read).
 */
export interface SplitMatters {
  first: { text: string; verdict: Verdict };
  second: { text: string; verdict: Verdict };
}

export function splitMatters(text: string, classify: ClassifyFn, words: readonly string[]): SplitMatters | undefined {
  const opener = new RegExp(`[\\s,,。.;;!!??、]+(?:${[...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`, 'u');
  const m = opener.exec(text);
  if (!m || m.index === 0) return undefined;
  const firstText = text.slice(0, m.index).trim();
  // The opening word only said "and another thing": the record starts with the matter itself.
  const secondText = text.slice(m.index + m[0].length).replace(/^[\s,,。.;;!!??、::]+/u, '').trim();
  const first = verdictOf(classify(firstText));
  const second = verdictOf(classify(secondText));
  if (!first || !second) return undefined;
  if (first.category === second.category && first.unit === second.unit) return undefined;
  return { first: { text: firstText, verdict: first }, second: { text: secondText, verdict: second } };
}

function verdictOf(c: ReturnType<ClassifyFn>): Verdict | undefined {
  if (c.label === 'other' || !c.unit || !c.clause) return undefined;
  return { category: c.label, clause: c.clause, unit: c.unit, major: c.major, ...(c.party && { party: c.party }) };
}

