import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseYamlText, YamlTextError } from '../config/yaml-text.ts';
import type { z } from 'zod';
import type { Label } from '../domain/category.ts';
import { buildAutomaton } from './matcher.ts';
import { indexPatterns } from './pattern-prefilter.ts';
import type { PatternIndex } from './pattern-prefilter.ts';
import type { Automaton } from './matcher.ts';
import { normalise } from './normalise.ts';
import { expandPattern } from './pattern-expand.ts';
import { requiredSets } from './pattern-hint.ts';
import { buildModel, parseWeights } from './lexical.ts';
import type { LexicalModel } from './lexical.ts';
import { catastrophicReason } from './pattern-safety.ts';
import { parseUserDict } from './segment.ts';
import { loadWordLists, WordListError } from './word-lists.ts';
import type { WordLists } from './word-lists.ts';
import { clauseFits, clausesOf } from '../domain/policy.ts';
import { RulesFileSchema } from './rules-schema.ts';
import type { RulesFile } from './rules-schema.ts';

/** A broken rules file. The message names the file, the rule and the field. */
export class RulesError extends Error {
  override readonly name = 'RulesError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** A rule compiled for matching: each item is the set of word ids that satisfy it. */
export interface CompiledRule {
  id: string;
  file: string;
  label: Label;
  clause: string | null;
  weight: number;
  priority: number;
  /** Settles that the message is a request (see RuleSchema.request). */
  request: boolean;
  all: Int32Array[];
  any: Int32Array[];
  min: number;
  none: Int32Array[];
}

export interface CompiledMajor {
  id: string;
  file: string;
  reason: string;
  all: Int32Array[];
  any: Int32Array[];
  min: number;
  none: Int32Array[];
}

/** A rule word written `/…/` is a regular expression over the normalised text. */
export function isPatternWord(word: string): boolean {
  return word.length > 2 && word.startsWith('/') && word.endsWith('/');
}

/** Everything classify() needs, validated and compiled once at start-up. */
export interface Rules {
  dir: string;
  files: string[];
  /** Every distinct (normalised) word of every rule and group, and the negation cues; index = word id. */
  terms: string[];
  isCue: Uint8Array;
  /**
   * `/…/` words that stay regexes (global, run on each message); `needs`: character sets a match takes one character
   * from each of (absent: unknown, always run). Short finite patterns are in the automaton instead.
   */
  patterns: { term: number; re: RegExp; needs?: Uint16Array[] }[];
  /** The patterns by the characters a message must hold for them to be tried (pattern-prefilter.ts). */
  patternIndex: PatternIndex;
  rules: CompiledRule[];
  major: CompiledMajor[];
  /**
   * word id → flat triples (matcher, section, item): matcher < rules.length is a rule, else a major rule at
   * (matcher - rules.length); section 0 = all, 1 = any, 2 = none. Only matchers touched by a word are evaluated.
   */
  termRefs: Int32Array[];
  negationWindow: number;
  minScore: number;
  automaton: Automaton;
  /** The nodejieba user dictionary (`dict.txt` in the rules directory), if there is one, and its words. */
  userDict: string | undefined;
  dictWords: string[];
  /** Manager-owned word lists (`words/*.txt`), by index; `termLists[term]`: the lists a word belongs to. */
  lists: string[];
  termLists: (readonly number[] | undefined)[];
  /** The learned keyword layer (`learned.tsv`), if there is one. */
  lexical: LexicalModel | undefined;
  gate: GateSettings;
  /** What `huiyin check` shows without refusing the rules: duplicate list words, learned features nobody can use. */
  warnings: string[];
}

/**
 * When the learned gate may overrule the hand rules (they decide; the gate only settles what they are unsure of):
 * below `veto` P(request), a ticket the rules found with less than `strong` score becomes chatter; above `promote`, a
 * message the rules left as chatter without an explicit chatter rule becomes a request of the kind model's label, if the
 * kind model is also sure which (P(kind) ≥ `promoteKind`): on real chatter the gate can be confident from scattered
 * pairs of characters while the kind model spreads over several labels, a sign that no kind of request is there.
 */
export interface GateSettings {
  veto: number;
  /**
   * The veto for a ticket a rule of priority 1 decided (a rule its author marked as settling the question, 谁承担 →
   * consult), where a rule marked `request: true` fired (3号楼停电了: a request is there, whichever kind), or where a
   * repair rule fired in a message with an @mention (@回音 电梯坏了: said to the bot or the office): it takes
   * surer chatter to overrule a decision than a weak guess, so this is at most `veto`.
   */
  vetoDecided: number;
  strong: number;
  promote: number;
  promoteKind: number;
  /** Below this confidence the rules' label is a close call; the kind model's label wins if its probability is ≥ `kind`. */
  tie: number;
  kind: number;
}

const RULE_FILE = /\.ya?ml$/i;
export const USER_DICT_FILE = 'dict.txt';
export const LEARNED_FILE = 'learned.tsv';

/**
 * Read, validate and compile every `*.yaml` file of `dir` (sorted by name), plus `dict.txt`.
 * Throws RulesError on any broken file: bad YAML, a zod failure (file + rule id + field), a clause that does not
 * belong to the rule's label, an unknown `@group`, or a rule id or group defined twice.
 */
export async function loadRules(dir: string, opts: { learned?: boolean } = {}): Promise<Rules> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => RULE_FILE.test(n)).sort();
  } catch (err) {
    throw new RulesError(dir, `rules directory ${dir} cannot be read: ${(err as Error).message}`);
  }
  if (names.length === 0) throw new RulesError(dir, `rules directory ${dir} has no .yaml files`);

  const parsed: { file: string; data: RulesFile }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8');
    parsed.push({ file, data: parseRulesFile(file, text) });
  }

  const dictPath = join(dir, USER_DICT_FILE);
  const userDict = existsSync(dictPath) ? dictPath : undefined;
  const dictWords = userDict ? parseUserDict(await readFile(dictPath, 'utf8')) : [];
  let wordLists: WordLists;
  try {
    wordLists = await loadWordLists(dir);
  } catch (err) {
    if (err instanceof WordListError) throw new RulesError(err.file, err.message);
    throw err;
  }
  const rules = compile(dir, parsed, userDict, dictWords, wordLists);
  for (const d of wordLists.duplicates) rules.warnings.push(`${d.file}:${d.line}: "${d.word}" is already listed (${d.first})`);
  const learnedPath = join(dir, LEARNED_FILE);
  if (opts.learned !== false && existsSync(learnedPath)) {
    let weights;
    try {
      weights = parseWeights(learnedPath, await readFile(learnedPath, 'utf8'));
    } catch (err) {
      throw new RulesError(learnedPath, (err as Error).message);
    }
    const { model, unknown } = buildModel(weights, rules.lists, rules.rules.map((r) => r.id));
    rules.lexical = model;
    if (unknown.length > 0) rules.warnings.push(`${learnedPath}: ${unknown.length} feature(s) naming no word list of words/ and no rule, ignored (retrain with npm run train:lexical): ${unknown.slice(0, 5).join(', ')}`);
  }
  return rules;
}

/** Parse and validate one file's text; exported for tests and `huiyin check`. */
export function parseRulesFile(file: string, text: string): RulesFile {
  let raw: unknown;
  try {
    raw = parseYamlText(text) ?? {};
  } catch (error) {
    const bomb = error instanceof YamlTextError && error.aliasBomb;
    throw new RulesError(file, `${file}: ${bomb ? '' : 'invalid YAML: '}${(error as Error).message}`);
  }
  const result = RulesFileSchema.safeParse(raw);
  if (!result.success) {
    throw new RulesError(file, `${file}: ${describeIssue(raw, result.error.issues[0])}`);
  }
  return result.data;
}

function describeIssue(raw: unknown, issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid rules file';
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const got = valueAt(raw, path);
  const message =
    issue.code === 'invalid_union'
      ? `${issue.errors[0]?.[0]?.message ?? issue.message} (got ${got === undefined ? 'nothing' : JSON.stringify(got)})`
      : issue.message;
  const [section, index, ...rest] = path;
  if ((section === 'rules' || section === 'major') && typeof index === 'number') {
    const entry = (raw as Record<string, unknown[]>)[section]?.[index] as Record<string, unknown> | undefined;
    const id = typeof entry?.id === 'string' ? `"${entry.id}"` : '(no id)';
    const field = rest.length ? formatPath(rest) : '(the rule itself)';
    return `${section}[${index}] rule ${id}, field "${field}": ${message}`;
  }
  return `field "${formatPath(path) || '(top level)'}": ${message}`;
}

function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let v = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function compile(
  dir: string,
  parsed: { file: string; data: RulesFile }[],
  userDict: string | undefined,
  dictWords: string[],
  wordLists: WordLists,
): Rules {
  // Groups first (they may be used by any file); a manager's word list is a group named after its file.
  const groupSource = new Map<string, { file: string; items: (string | string[])[] }>();
  for (const list of wordLists.lists) groupSource.set(list.name, { file: list.file, items: list.words });
  for (const { file, data } of parsed) {
    for (const [name, items] of Object.entries(data.groups ?? {})) {
      const prev = groupSource.get(name);
      if (prev) throw new RulesError(file, `${file}: group "${name}" is already defined in ${basename(prev.file)}`);
      groupSource.set(name, { file, items });
    }
  }

  const terms: string[] = [];
  const termId = new Map<string, number>();
  const cueFlags: number[] = [];
  const patterns: { term: number; re: RegExp; needs?: Uint16Array[] }[] = [];
  const expanded: { literal: string; term: number }[] = [];
  const idOf = (word: string, file = '', where = ''): number => {
    const isPattern = isPatternWord(word);
    const w = isPattern ? word : normalise(word);
    let id = termId.get(w);
    if (id === undefined) {
      id = terms.length;
      terms.push(w);
      termId.set(w, id);
      cueFlags.push(0);
      if (isPattern) {
        const source = w.slice(1, -1);
        try {
          const re = new RegExp(source, 'g');
          const strings = expandPattern(source);
          if (strings) {
            // a short finite pattern joins the word automaton: no regex run per message
            for (const literal of strings) expanded.push({ literal, term: id });
          } else {
            const sets = requiredSets(source);
            patterns.push(sets ? { term: id, re, needs: sets.map((chars) => Uint16Array.from(chars, (c) => c.charCodeAt(0))) } : { term: id, re });
          }
        } catch (err) {
          throw new RulesError(file, `${file}: ${where}: bad pattern ${w}: ${(err as Error).message}`);
        }
        const danger = catastrophicReason(source);
        if (danger) throw new RulesError(file, `${file}: ${where}: pattern ${w} is refused: ${danger}`);
      }
    }
    return id;
  };

  const groupIds = new Map<string, number[]>();
  const resolveGroup = (name: string, file: string, where: string, stack: string[]): number[] => {
    const done = groupIds.get(name);
    if (done) return done;
    const src = groupSource.get(name);
    if (!src) throw new RulesError(file, `${file}: ${where}: unknown group "@${name}"`);
    if (stack.includes(name)) {
      throw new RulesError(src.file, `${src.file}: group "${name}" refers to itself (${[...stack, name].join(' → ')})`);
    }
    const ids = new Set<number>();
    src.items.forEach((item, i) => {
      for (const w of Array.isArray(item) ? item : [item]) {
        for (const id of resolveWord(w, src.file, `group "${name}" item [${i}]`, [...stack, name])) ids.add(id);
      }
    });
    const list = [...ids];
    groupIds.set(name, list);
    return list;
  };
  const resolveWord = (word: string, file: string, where: string, stack: string[] = []): number[] => {
    if (word.startsWith('@')) return resolveGroup(word.slice(1), file, where, stack);
    if (normalise(word).length === 0) throw new RulesError(file, `${file}: ${where}: word "${word}" is empty after normalising`);
    return [idOf(word, file, where)];
  };
  const compileItems = (items: (string | string[])[], file: string, where: string): Int32Array[] =>
    items.map((item, i) => {
      const ids = new Set<number>();
      for (const w of Array.isArray(item) ? item : [item]) {
        for (const id of resolveWord(w, file, `${where}[${i}]`)) ids.add(id);
      }
      return Int32Array.from(ids);
    });

  const rules: CompiledRule[] = [];
  const major: CompiledMajor[] = [];
  const seen = new Map<string, string>();
  let negation: { cues: string[]; window: number } | undefined;
  let settings: RulesFile['settings'];

  for (const { file, data } of parsed) {
    if (data.negation) {
      if (negation) throw new RulesError(file, `${file}: field "negation": defined in more than one file`);
      negation = data.negation;
    }
    if (data.settings) {
      if (settings) throw new RulesError(file, `${file}: field "settings": defined in more than one file`);
      settings = data.settings;
    }
    const checkId = (id: string, where: string) => {
      const prev = seen.get(id);
      if (prev) throw new RulesError(file, `${file}: ${where} rule "${id}": id already used in ${basename(prev)}`);
      seen.set(id, file);
    };
    (data.rules ?? []).forEach((r, i) => {
      const where = `rules[${i}] rule "${r.id}"`;
      checkId(r.id, `rules[${i}]`);
      if (r.all.length === 0 && r.any.length === 0) {
        throw new RulesError(file, `${file}: ${where}, field "any": a rule needs words in "all" or "any"`);
      }
      if (r.min > 1 && r.any.length === 0) {
        throw new RulesError(file, `${file}: ${where}, field "min": "min" counts words of "any", which is empty`);
      }
      if (r.all.length > 30) throw new RulesError(file, `${file}: ${where}, field "all": at most 30 items`);
      const clause = r.clause ?? '';
      if (clause !== '' && !clauseFits(r.label, clause)) {
        throw new RulesError(
          file,
          `${file}: ${where}, field "clause": ${clause} is not a clause of label ${r.label} (allowed: ${clausesOf(r.label).join(', ') || 'none'}; policy table: src/domain/policy.ts)`,
        );
      }
      rules.push({
        id: r.id,
        file,
        label: r.label,
        clause: clause === '' ? null : clause,
        weight: r.weight,
        priority: r.priority,
        request: r.request,
        all: compileItems(r.all, file, `${where}, field "all"`),
        any: compileItems(r.any, file, `${where}, field "any"`),
        min: r.min,
        none: compileItems(r.none, file, `${where}, field "none"`),
      });
    });
    (data.major ?? []).forEach((m, i) => {
      const where = `major[${i}] rule "${m.id}"`;
      checkId(m.id, `major[${i}]`);
      if (m.all.length === 0 && m.any.length === 0) {
        throw new RulesError(file, `${file}: ${where}, field "any": a rule needs words in "all" or "any"`);
      }
      if (m.all.length > 30) throw new RulesError(file, `${file}: ${where}, field "all": at most 30 items`);
      major.push({
        id: m.id,
        file,
        reason: m.reason,
        all: compileItems(m.all, file, `${where}, field "all"`),
        any: compileItems(m.any, file, `${where}, field "any"`),
        min: m.min,
        none: compileItems(m.none, file, `${where}, field "none"`),
      });
    });
  }
  // Every group must resolve, even one no rule uses yet: a typo in a group is still a broken file.
  for (const [name, src] of groupSource) resolveGroup(name, src.file, `group "${name}"`, []);
  if (rules.length === 0) throw new RulesError(dir, `rules directory ${dir} defines no rules`);

  for (const cue of negation?.cues ?? []) cueFlags[idOf(cue)] = 1;
  const termLists: number[][] = [];
  wordLists.lists.forEach((list, i) => {
    for (const id of resolveGroup(list.name, list.file, `word list "${list.name}"`, [])) (termLists[id] ??= []).push(i);
  });

  const refs: number[][] = terms.map(() => []);
  const matchers: { all: Int32Array[]; any: Int32Array[]; none: Int32Array[] }[] = [...rules, ...major];
  matchers.forEach((m, index) => {
    ([m.all, m.any, m.none] as const).forEach((items, section) => {
      items.forEach((item, i) => {
        for (const id of item) refs[id]?.push(index, section, i);
      });
    });
  });
  return {
    dir,
    files: parsed.map((p) => p.file),
    terms,
    isCue: Uint8Array.from(cueFlags),
    patterns,
    patternIndex: indexPatterns(patterns),
    rules,
    major,
    termRefs: refs.map((r) => Int32Array.from(r)),
    negationWindow: negation?.window ?? 6,
    minScore: settings?.min_score ?? 2,
    // Pattern terms are matched by their expansions or their regex, not by their source: an unmatchable placeholder.
    automaton: buildAutomaton(
      [...terms.map((t) => (isPatternWord(t) ? '\u0000' : t)), ...expanded.map((e) => e.literal)],
      [...terms.map((_, i) => i), ...expanded.map((e) => e.term)],
    ),
    userDict,
    dictWords,
    lists: wordLists.lists.map((l) => l.name),
    // Dense, one entry per word: filled at scattered word ids, the array would stay a slow dictionary-mode array.
    termLists: Array.from({ length: terms.length }, (_, id) => termLists[id]),
    lexical: undefined,
    gate: {
      veto: settings?.gate?.veto ?? 0.5,
      vetoDecided: settings?.gate?.veto_decided ?? settings?.gate?.veto ?? 0.5,
      strong: settings?.gate?.strong ?? 10,
      promote: settings?.gate?.promote ?? 0.9,
      promoteKind: settings?.gate?.promote_kind ?? 0,
      tie: settings?.gate?.tie ?? 0,
      kind: settings?.gate?.kind ?? 1,
    },
    warnings: [],
  };
}
