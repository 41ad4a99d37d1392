import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { normalise } from '../classifier/normalise.ts';
import { expandPattern } from '../classifier/pattern-expand.ts';
import { CategorySchema, ClauseSchema, UnitSchema } from '../domain/category.ts';
import { clauseFits, clausesOf } from '../domain/policy.ts';
import { answerOf } from './vocabulary.ts';
import { simplified } from './simplified.ts';
import { longestFirst } from './longest-first.ts';

/**
 * Emergencies (policy 3.1, 5.2): people trapped in a lift, gas, fire or smoke, flooding, electric shock, someone hurt.
 * Which words make a matter urgent is the company's data (`<rulesDir>/conversation/urgent.yaml`), validated here with
 * the file and the field named on any mistake. It lives in a subfolder so the classifier, which reads every
 * `*.yaml` at the top of the rules folder, never sees it.
 */
const WordsSchema = z.array(z.string().trim().min(1, 'an empty word would match every message')).min(1, 'at least one word');

export const UrgentKindSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _ only (e.g. lift_trapped)'),
    /** What staff read in the alert: 电梯困人. */
    name: z.string().min(1),
    any: WordsSchema,
    /**
     * Word groups that make it urgent together, one word from each (电梯 + 出不来: "电梯坏了 我妈在里面"), where no
     * single word is safe to take alone (在里面 is also where keys get locked).
     */
    together: z.array(WordsSchema).optional(),
    /** Words that mean it is not happening now (演习, 万一被困). */
    none: z.array(z.string().trim().min(1)).default([]),
    /** A line of safety advice the owner reads with the 24-hour number (不要强行扒门). */
    advice: z.string().min(1).optional(),
    /** The unit that responds (policy 4.2.1): engineering for a lift or a burst pipe, security for a break-in. */
    unit: UnitSchema.default('engineering'),
    /** Other units told at once, to help (a fire: engineering cuts the power while security responds). */
    also: z.array(UnitSchema).default([]),
    /** What it is recorded as: a repair (4.2.1.1) or an incident for the duty log (3.1, 4.2.1). */
    category: CategorySchema.default('repair'),
    /** The clause it is recorded under; the category's own when not given. */
    clause: ClauseSchema.optional(),
    /**
     * Whether a later report joins an open one of this kind that said no place (same_event). Off where two reports
     * are more likely two of them than one: two people hurt are two patients.
     */
    join_unplaced: z.boolean().default(true),
  })
  .strict()
  .superRefine((kind, ctx) => {
    if (kind.clause && !clauseFits(kind.category, kind.clause)) {
      ctx.addIssue({ code: 'custom', path: ['clause'], message: `${kind.clause} is not a clause of ${kind.category} (${clausesOf(kind.category).join(', ')})` });
    }
  });

/**
 * How a second owner's report says it is the emergency already reported ("就是刚才那部") or another one ("我们这部电梯
 * 也关人了"): only the same event joins the first ticket (core/emergency.ts).
 */
export const SameEventWordsSchema = z
  .object({
    /** How long an open emergency takes in later reports of its kind (the on-call engineer's "one event, one ticket"). */
    minutes: z.number().int().min(1).max(24 * 60).default(30),
    same: z.array(z.string().trim().min(1)).default([]),
    other: z.array(z.string().trim().min(1)).default([]),
    /** Places that say nowhere in particular (电梯 with no building): a report naming only these names no place. */
    no_place: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();
export type SameEventWords = z.infer<typeof SameEventWordsSchema>;
export const NO_SAME_EVENT_WORDS: SameEventWords = { minutes: 30, same: [], other: [], no_place: [] };

export const UrgentFileSchema = z
  .object({ urgent: z.array(UrgentKindSchema).min(1, 'at least one kind of emergency'), same_event: SameEventWordsSchema.default(NO_SAME_EVENT_WORDS) })
  .strict();
export type UrgentKind = z.infer<typeof UrgentKindSchema>;

export const URGENT_FILE = join('conversation', 'urgent.yaml');

export class UrgentRulesError extends Error {
  override readonly name = 'UrgentRulesError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

export interface UrgentMatch {
  id: string;
  name: string;
  word: string;
}

export type UrgentMatcher = (text: string) => UrgentMatch | undefined;

/** Parses and validates the file's text; errors name the file, the entry (by id) and the field. */
export function parseUrgentRules(file: string, text: string): UrgentKind[] {
  return parseUrgentFile(file, text).kinds;
}

export function parseUrgentFile(file: string, text: string): { kinds: UrgentKind[]; sameEvent: SameEventWords } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new UrgentRulesError(file, `${file}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const raw: unknown = doc.toJS() ?? {};
  const result = UrgentFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const [section, index, ...rest] = issue.path;
    const entry = typeof index === 'number' ? ((raw as { urgent?: Array<{ id?: unknown }> }).urgent?.[index] ?? undefined) : undefined;
    const where =
      section === 'urgent' && typeof index === 'number'
        ? `urgent[${index}]${typeof entry?.id === 'string' ? ` "${entry.id}"` : ''}${rest.length ? ` field ${rest.join('.')}` : ''}`
        : issue.path.join('.') || '(top level)';
    throw new UrgentRulesError(file, `${file}: ${where}: ${issue.message}`);
  }
  const seen = new Set<string>();
  for (const kind of result.data.urgent) {
    if (seen.has(kind.id)) throw new UrgentRulesError(file, `${file}: urgent id "${kind.id}" is defined twice`);
    seen.add(kind.id);
  }
  return { kinds: result.data.urgent.map((kind, index) => spelledOut(file, index, kind)), sameEvent: result.data.same_event };
}

/** At most this many words from one `/…/` pattern: a short list, still matched as plain words. */
const PATTERN_WORDS = 400;

/**
 * A word written `/…/` is the short list of words it spells ("/里面(还)?有(个)?(老人|小孩)/": 里面有老人, 里面有个小孩, …),
 * so a person in the lift is said once rather than forty times; a pattern that does not spell a short list is refused,
 * naming the word, since an emergency must never hang on a regex (issue 17, item 7).
 */
function spelledOut(file: string, index: number, kind: UrgentKind): UrgentKind {
  const words = (field: string, list: string[]): string[] =>
    list.flatMap((word) => {
      if (!(word.length > 2 && word.startsWith('/') && word.endsWith('/'))) return [word];
      const spelled = expandPattern(word.slice(1, -1), PATTERN_WORDS);
      if (spelled) return spelled;
      throw new UrgentRulesError(
        file,
        `${file}: urgent[${index}] "${kind.id}" field ${field}: ${word} does not spell out a short list of words (at most ${PATTERN_WORDS}, each of two characters or more; no ".", ranges or open repeats): write the words instead`,
      );
    });
  return {
    ...kind,
    any: words('any', kind.any),
    none: words('none', kind.none),
    ...(kind.together && { together: kind.together.map((group, g) => words(`together.${g}`, group)) }),
  };
}

/** The first emergency the text describes, with the word that said so; undefined for everything else. */
export function urgentMatcher(kinds: UrgentKind[]): UrgentMatcher {
  const prepared = kinds.map((k) => ({ ...k, any: k.any.map(norm), none: k.none.map(norm), together: (k.together ?? []).map((g) => g.map(norm)) }));
  return (text) => {
    const t = norm(text);
    for (const kind of prepared) {
      if (kind.none.some((w) => t.includes(w))) continue;
      const word = kind.any.find((w) => t.includes(w));
      if (word) return { id: kind.id, name: kind.name, word };
      const both = kind.together.length > 0 ? kind.together.map((group) => group.find((w) => t.includes(w))) : [];
      if (both.length > 0 && both.every(Boolean)) return { id: kind.id, name: kind.name, word: both.join('+') };
    }
    return undefined;
  };
}

/**
 * Both the words and the message as the classifier reads them (classifier/normalise.ts): traditional characters and
 * written Cantonese too, so "電梯困住人呀" or "樓道著火" is the emergency it is.
 */
function norm(text: string): string {
  return normalise(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
}

/**
 * Reads `<rulesDir>/conversation/urgent.yaml`; a rules folder without one uses the file shipped with Huiyin, so a
 * company that only customised the classifier still gets emergencies handled.
 */
export async function loadUrgentRules(rulesDir: string, builtinDir: string): Promise<{ file: string; kinds: UrgentKind[]; sameEvent: SameEventWords }> {
  const own = join(rulesDir, URGENT_FILE);
  const file = existsSync(own) ? own : join(builtinDir, URGENT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UrgentRulesError(file, `${file}: cannot be read: ${(error as Error).message}`);
  }
  return { file, ...parseUrgentFile(file, text) };
}

/** Whether a second report says it is the same event, another one, or neither (core/emergency.ts decides by place). */
export function saysWhichEvent(text: string, words: SameEventWords): 'same' | 'other' | undefined {
  const t = norm(text);
  if (words.same.some((w) => t.includes(norm(w)))) return 'same';
  if (words.other.some((w) => t.includes(norm(w)))) return 'other';
  return undefined;
}

/** After an emergency is recorded, the owner's next message goes to its ticket (core/emergency.ts) until this expires. */
export interface UrgentSession {
  version: 1;
  kind: 'urgent';
  number: string;
  expiresAt: string;
}

export function isUrgentSession(raw: unknown): raw is UrgentSession {
  return typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'urgent' && typeof (raw as { number?: unknown }).number === 'string';
}

/** Where an emergency's words split into clauses: spaces and punctuation, kept to join what stays. */
const CLAUSES = /([\s,,。.!!??~～、;;…]+)/u;

/**
 * An emergency's words as the record keeps them (policy 4.1.1 四清楚: 内容清楚): without the owner's urging
 * (rules/vocabulary/conversation.yaml `urging`). Seen in play: "@回音 3栋电梯困人了 快来人啊" reached the responders and
 * leadership as 内容:3栋电梯困人了 快来人啊. A clause made only of urging words and `fillers` goes (快来人啊, 急急急); an
 * urging word at the end of a clause goes only after 了 ("水管爆了快点"), and at its start only with a filler after it
 * ("救命啊电梯困人了"), so that "有人在喊救命" keeps its words. Exclamation marks do not go on the record. A message that
 * is only urging keeps its words.
 */
export function withoutUrging(text: string, words: readonly string[], fillers: readonly string[]): string {
  if (words.length === 0) return text;
  const whole = answerOf(words, fillers);
  const byLength = longestFirst(words);
  const fill = longestFirst(fillers);
  const parts = text.normalize('NFKC').split(CLAUSES);
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i]!;
    if (!clause || whole.test(clause)) continue;
    const sep = i > 0 ? parts[i - 1]! : '';
    out += `${out && /^[\s!!??~～…]+$/u.test(sep) ? ' ' : out ? sep : ''}${atEdges(clause, byLength, fill)}`;
  }
  const left = out.replace(/^[\s\p{P}~～]+|[\s\p{P}~～]+$/gu, '');
  return left.length >= 2 ? left : text;
}

/**
 * Any request's words without clauses made only of urging (急, 急急急, 快点): the record says what is wrong, not how
 * much the owner wants it (policy 4.1.1 内容清楚). Seen in play (field13, field14): '急 厨房水管漏水 5栋2单元502' kept 急
 * in 内容. Unlike an emergency's, urging inside a clause stays ("快点来修", "漏水了怎么办" keep their words).
 */
export function withoutUrgingClauses(text: string, words: readonly string[], fillers: readonly string[]): string {
  if (words.length === 0) return text;
  const whole = answerOf(words, fillers);
  const parts = text.split(CLAUSES);
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    const clause = parts[i]!;
    if (!clause || whole.test(clause)) continue;
    const sep = i > 0 ? parts[i - 1]! : '';
    out += `${out ? sep : ''}${clause}`;
  }
  const left = out.replace(/^[\s\p{P}~～]+|[\s\p{P}~～]+$/gu, '');
  return left.length >= 2 ? left : text;
}

/**
 * An emergency's words without "just now" (rules/vocabulary/conversation.yaml `urgent_now`): it is reported as it happens
 * and recorded at that minute, so 刚才 / 现在 say nothing the record does not. Seen in play: '@回音 刚才3栋门口有个老人
 * 摔倒了 头流血了' reached the guards and leadership as 内容:刚才 有个老人摔倒了 …, '2栋地下室水管爆了 刚刚 水淹了' as
 * …爆了 刚刚 水淹了. A clause made only of these words (and `fillers`) goes, and one at the start of the first clause
 * when more follows it; anywhere else it is the story ("本来好好的 现在又不动了") and stays. A time that says since when
 * ("早上8点开始") is the story and stays.
 */
export function withoutNow(text: string, words: readonly string[], fillers: readonly string[]): string {
  if (words.length === 0) return text;
  const whole = answerOf(words, fillers);
  const byLength = longestFirst(words);
  const parts = text.split(CLAUSES);
  let out = '';
  for (let i = 0; i < parts.length; i += 2) {
    let clause = parts[i]!;
    if (!clause || whole.test(clause)) continue;
    if (!out) {
      const plain = simplified(clause);
      const w = byLength.find((word) => plain.startsWith(word) && plain.length - word.length >= 2);
      if (w) clause = clause.slice(w.length);
    }
    const sep = i > 0 ? parts[i - 1]! : '';
    out += `${out ? sep : ''}${clause}`;
  }
  const left = out.replace(/^[\s\p{P}~～]+|[\s\p{P}~～]+$/gu, '');
  return left.length >= 2 ? left : text;
}

/** "电梯困人了快来人啊" → 电梯困人了; "救命啊电梯困人了" → 电梯困人了 (withoutUrging). */
function atEdges(clause: string, words: readonly string[], fillers: readonly string[]): string {
  let out = clause;
  const plain = simplified(out);
  for (const w of words) {
    const at = plain.lastIndexOf(w);
    if (at < 2) continue;
    const after = plain.slice(at + w.length);
    if (!fillsOut(after, fillers) || !/[了啦]$/.test(plain.slice(0, at))) continue;
    out = out.slice(0, at);
    break;
  }
  const start = simplified(out);
  for (const w of words) {
    if (!start.startsWith(w)) continue;
    const filler = fillers.find((f) => start.slice(w.length).startsWith(f));
    if (!filler || start.length - w.length - filler.length < 2) continue;
    out = out.slice(w.length + filler.length);
    break;
  }
  return out;
}

/** Whether text is nothing, or only fillers. */
function fillsOut(text: string, fillers: readonly string[]): boolean {
  let rest = text;
  while (rest) {
    const f = fillers.find((w) => rest.startsWith(w));
    if (!f) return false;
    rest = rest.slice(f.length);
  }
  return true;
}
