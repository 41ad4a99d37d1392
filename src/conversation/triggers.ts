import type { Category, Clause, OutsideParty, Unit } from '../domain/category.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT } from '../domain/policy.ts';

/** What the classifier (or a trigger word) says a request is. */
export interface Verdict {
  category: Category;
  clause: Clause;
  unit: Unit;
  party?: OutsideParty;
  major: boolean;
}

/** Words an owner starts a message with to ask the bot for something; each implies a category. */
const TRIGGERS: Array<[RegExp, Category]> = [
  [/^(报修|维修|修理)/, 'repair'],
  [/^投诉/, 'valid'],
  [/^(咨询|问一下|请问)/, 'consult'],
  [/^(有偿服务|有偿|家政|预约保洁)/, 'paid_service'],
  [/^(求助|登记)/, 'repair'],
];

export interface Trigger {
  word: string;
  category: Category;
  rest: string;
}

export function findTrigger(text: string): Trigger | undefined {
  for (const [pattern, category] of TRIGGERS) {
    const m = pattern.exec(text);
    if (m) return { word: m[0], category, rest: text.slice(m[0].length).replace(/^[\s,,::]+/, '') };
  }
  return undefined;
}

export function defaultVerdict(category: Category): Verdict {
  return { category, clause: DEFAULT_CLAUSE[category], unit: DEFAULT_UNIT[category], major: false };
}
