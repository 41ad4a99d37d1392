import type { Category, Clause, OutsideParty, Unit } from '../domain/category.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT } from '../domain/policy.ts';
import { simplified } from './simplified.ts';
import { CONVERSATION_VOCABULARY, triggerTable } from './vocabulary.ts';

/** What the classifier (or a trigger word) says a request is. */
export interface Verdict {
  category: Category;
  clause: Clause;
  unit: Unit;
  party?: OutsideParty;
  major: boolean;
  /**
   * The owner's own word (报修, 投诉) where the classifier placed the matter otherwise: what the owner asked for and reads
   * back, while the record keeps the verdict ("报修 5栋停水了" is an assist matter, 4.3.2.4, read back as 报修).
   */
  asked?: Category;
}

/**
 * Words an owner starts a message with to ask the bot for something; each implies a category. Data in
 * rules/vocabulary/conversation.yaml `triggers`, tried in the file's order.
 */
const TRIGGERS = triggerTable(CONVERSATION_VOCABULARY);
const LONGEST = Math.max(...TRIGGERS.flatMap((t) => t.words.map((w) => w.length)));

export interface Trigger {
  word: string;
  category: Category;
  rest: string;
}

export function findTrigger(text: string): Trigger | undefined {
  // "報修 …" in traditional characters is 报修 (one character for one, so the rest is cut as written).
  const head = simplified(text.slice(0, LONGEST));
  for (const { words, category } of TRIGGERS) {
    const word = words.find((w) => head.startsWith(w));
    if (word) return { word, category, rest: text.slice(word.length).replace(/^[\s,,::]+/, '') };
  }
  return undefined;
}

export function defaultVerdict(category: Category): Verdict {
  return { category, clause: DEFAULT_CLAUSE[category], unit: DEFAULT_UNIT[category], major: false };
}
