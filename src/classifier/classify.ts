import type { Label } from '../domain/category.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT, partyOf } from '../domain/policy.ts';
import { featureRows, scoreRows, topFeatures } from './lexical.ts';
import type { CompiledMajor, CompiledRule, Rules } from './load-rules.ts';
import { findAll } from './matcher.ts';
import type { Occurrence } from './matcher.ts';
import { normalise } from './normalise.ts';
import type { Classification, Evidence, Segmenter } from './types.ts';

/** Per character code, the number of the last message that contained it (no clearing between messages). */
const charSeen = new Uint32Array(65536);
let charStamp = 0;

/** Whether the message (marked with `stamp`) holds a character of every set. */
function hasAll(needs: readonly Uint16Array[], stamp: number): boolean {
  outer: for (let n = 0; n < needs.length; n++) {
    const codes = needs[n] as Uint16Array;
    for (let i = 0; i < codes.length; i++) if (charSeen[codes[i] as number] === stamp) continue outer;
    return false;
  }
  return true;
}

/**
 * One-character rule words that are whole words wherever they occur (question particles, punctuation): no need to
 * segment the text to check them. 么 is not among them (这么, 那么 are not questions).
 */
const STANDALONE = charTable('吗嘛呢?!,.~');

/** Characters that end a clause: negation does not reach across them. */
const CLAUSE_BREAKS = charTable(' ,，。.!！?？;；:：、~～…()（）"“”\'‘’「」\n\t');

/**
 * Where nodejieba splits a text on its own (whitespace and sentence punctuation): cutting each block separately gives
 * the same words as cutting the whole message (checked on all labelled sets), so only blocks with a one-character
 * rule word need cutting.
 */
const BLOCK_BREAKS = charTable(' \n\t,，。!！?？;；');

/** A set of characters as a table indexed by code unit: a look-up per character of every message, cheaper than a Set. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(65536);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/**
 * Classify one message (pure: same text, rules and segmenter → same result; no I/O).
 *
 * 1. normalise (traditional → simplified, full-width, emoji, @mentions);
 * 2. segment with nodejieba (HMM on) to know the word boundaries;
 * 3. find every rule word in one pass; drop a one-character word that is not a whole word of the segmentation
 *    (修 in 装修) and a word negated by a cue just before it in the same clause (楼上 in 不是楼上的);
 * 4. evaluate only the rules that mention a found word; a fired rule adds its weight to its label and clause;
 * 5. among labels with a fired rule of the highest priority, the highest score wins if it reaches `min_score`,
 *    otherwise the message is chatter (`other`);
 * 6. where the rules are unsure (a ticket on little evidence, or chatter only because nothing fired), the learned
 *    keyword layer (`learned.tsv`) settles it: its gate says whether the message asks anything of the office at all,
 *    its kind model which label. Settings `gate.veto` / `gate.strong` / `gate.promote` say how unsure is unsure.
 *
 * `detail`: also list the learned layer's weightiest words when it let the rules stand (for --explain).
 */
/**
 * How long one message may take (issue 17). Patterns that could backtrack exponentially are refused at load
 * (pattern-safety.ts); what remains is at worst polynomial in the length, so the text is cut to MAX_CLASSIFY_CHARS
 * (the core refuses longer messages anyway) and the patterns stop once `budgetMs` has passed: the rest count as not
 * found and the result says `limited`. Wall-clock, so a result past the budget may differ under load; it is a guard,
 * never reached by the shipped rules. A pause of the whole process (a major GC, a busy machine: 50 ms gaps at load 10)
 * lands inside some message now and then and is no fault of the patterns: it cut a test's message short (seen at load
 * 10) and would mislabel an owner's. So the first time past the deadline buys one more budget; only a message still
 * running past that is cut (at most twice the budget). Measuring CPU time instead costs ~4 µs a call here, as much as
 * classifying a message.
 */
export interface ClassifyLimits {
  budgetMs: number;
  now: () => number;
}
export const MAX_CLASSIFY_CHARS = 2000;
export const DEFAULT_LIMITS: ClassifyLimits = { budgetMs: 50, now: () => performance.now() };

export function classify(text: string, rules: Rules, segmenter: Segmenter, detail = false, limits: ClassifyLimits = DEFAULT_LIMITS): Classification {
  const bound = { limits, limited: false };
  const result = classifyWithin(text.length > MAX_CLASSIFY_CHARS ? text.slice(0, MAX_CLASSIFY_CHARS) : text, rules, segmenter, detail, bound);
  return bound.limited ? { ...result, limited: true } : result;
}

function classifyWithin(
  text: string,
  rules: Rules,
  segmenter: Segmenter,
  detail: boolean,
  bound: { limits: ClassifyLimits; limited: boolean },
): Classification {
  const norm = normalise(text);
  if (norm.length === 0) return chatter(norm, 1, [], [], {});
  let deadline = bound.limits.now() + bound.limits.budgetMs;
  let extended = false;

  // Segmentation is only needed to check one-character words (修 in 修一下, not in 装修): cut lazily, and only the
  // block (between spaces or sentence punctuation, where nodejieba splits anyway) that holds such a word.
  let boundary: Uint8Array | undefined;
  let blockDone: Uint8Array | undefined;
  const occurrences = findAll(rules.automaton, norm);
  const scratch = scratchFor(rules);
  const stamp = ++scratch.stamp;
  // Mark the characters of the message once, and the patterns filed under them (pattern-prefilter.ts); a pattern
  // that needs a character the message lacks is skipped. Candidates run in rule-file order, as every pattern did.
  if (++charStamp === 0xffffffff) {
    charSeen.fill(0);
    charStamp = 1;
  }
  const { start: filedFrom, list: filed, always, rest } = rules.patternIndex;
  const candidate = scratch.patternCandidate;
  for (let i = 0; i < norm.length; i++) {
    const code = norm.charCodeAt(i);
    if (charSeen[code] === charStamp) continue;
    charSeen[code] = charStamp;
    const to = filedFrom[code + 1] as number;
    for (let k = filedFrom[code] as number; k < to; k++) candidate[filed[k] as number] = stamp;
  }
  for (let k = 0; k < always.length; k++) candidate[always[k] as number] = stamp;
  for (let p = 0; p < rules.patterns.length; p++) {
    if (candidate[p] !== stamp) continue;
    if (!hasAll(rest[p] as readonly Uint16Array[], charStamp)) continue;
    const { term, re } = rules.patterns[p] as Rules['patterns'][number];
    const now = bound.limits.now();
    if (now > deadline) {
      if (extended) {
        bound.limited = true;
        break;
      }
      extended = true;
      deadline = now + bound.limits.budgetMs;
    }
    re.lastIndex = 0;
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      occurrences.push({ term, start: m.index, end: m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  const cueEnds = negationCueEnds(occurrences, rules);

  const { termSeen, ruleStamp, allMask, anyCount, anyLast, blocked, firedAt } = scratch;
  const matched: number[] = [];
  const negatedTerms: number[] = [];
  const found: Found = { norm, cueEnds, window: rules.negationWindow, termSeen, stamp, matched, negatedTerms };
  // A one-character word counts only as a whole word (修 in 修一下, not in 装修; 锁 alone, not in 锁定); longer words
  // match anywhere (HMM cuts unknown phrases unpredictably: 能派|人来 would hide 派人). Checking needs nodejieba, the
  // dearest step, so one-character words wait until we know whether any rule could fire with them.
  let deferred: Occurrence[] | undefined;
  for (const o of occurrences) {
    if (scratch.unreferenced[o.term] === 1) continue;
    if (insideLongerNumber(norm, o, rules)) continue;
    if (o.end - o.start === 1 && STANDALONE[norm.charCodeAt(o.start)] !== 1) (deferred ??= []).push(o);
    else accept(found, o);
  }
  if (deferred) {
    const live = liveDeferred(deferred, matched, rules, scratch);
    for (const o of deferred) {
      if (live[o.term] !== scratch.optStamp) continue; // no rule could fire with it or without it
      if (!boundary) {
        boundary = new Uint8Array(norm.length + 1);
        blockDone = new Uint8Array(norm.length + 1);
      }
      let s = o.start;
      while (s > 0 && BLOCK_BREAKS[norm.charCodeAt(s - 1)] !== 1) s--;
      if (!(blockDone as Uint8Array)[s]) {
        let e = o.end;
        while (e < norm.length && BLOCK_BREAKS[norm.charCodeAt(e)] !== 1) e++;
        const block = norm.slice(s, e);
        markBlock(segmenter.wordLengths ? segmenter.wordLengths(block) : lengthsOf(segmenter.cut(block)), s, e, boundary);
        (blockDone as Uint8Array)[s] = 1;
      }
      if (boundary[o.start] && boundary[o.end]) accept(found, o);
    }
  }

  // Advance every rule that mentions a matched word (typed scratch arrays, reset by stamp: no per-message objects).
  const touched: number[] = [];
  for (const term of matched) {
    const refs = rules.termRefs[term] as Int32Array;
    for (let k = 0; k < refs.length; k += 3) {
      const index = refs[k] as number;
      const section = refs[k + 1] as number;
      if (ruleStamp[index] !== stamp) {
        ruleStamp[index] = stamp;
        allMask[index] = 0;
        anyCount[index] = 0;
        anyLast[index] = -1;
        blocked[index] = 0;
        firedAt[index] = 0;
        touched.push(index);
      }
      if (section === 0) allMask[index] = (allMask[index] as number) | (1 << (refs[k + 2] as number));
      else if (section === 1) {
        // matched terms are distinct and a term's refs are contiguous: count each term once per rule.
        if (anyLast[index] !== term) {
          anyLast[index] = term;
          anyCount[index] = (anyCount[index] as number) + 1;
        }
      } else blocked[index] = 1;
    }
  }

  const ruleCount = rules.rules.length;
  const fired: { rule: CompiledRule; words: number[]; allWords: number[]; anyWords: number[]; index: number }[] = [];
  const majorReasons: string[] = [];
  for (const index of touched) {
    if (blocked[index]) continue;
    if (allMask[index] !== scratch.fullMask[index] || (anyCount[index] as number) < (scratch.needAny[index] as number)) continue;
    const m: CompiledRule | CompiledMajor = index < ruleCount ? (rules.rules[index] as CompiledRule) : (rules.major[index - ruleCount] as CompiledMajor);
    if (index < ruleCount) {
      const entry = { rule: m as CompiledRule, words: [] as number[], allWords: [] as number[], anyWords: [] as number[], index };
      fired.push(entry);
      firedAt[index] = fired.length; // every rule a matched word refers to was touched above, so this was reset
    } else if (!majorReasons.includes((m as CompiledMajor).reason)) majorReasons.push((m as CompiledMajor).reason);
  }
  // Evidence words, for the fired rules only: the longest word per `all` item (坏了 rather than 坏), then the `any` words.
  if (fired.length > 0) {
    for (const term of matched) {
      const refs = rules.termRefs[term] as Int32Array;
      for (let k = 0; k < refs.length; k += 3) {
        const at = firedAt[refs[k] as number] as number;
        if (at === 0) continue;
        const entry = fired[at - 1] as (typeof fired)[number];
        const section = refs[k + 1] as number;
        if (section === 0) {
          const item = refs[k + 2] as number;
          const previous = entry.allWords[item];
          if (previous === undefined || (scratch.termLength[term] as number) > (scratch.termLength[previous] as number)) {
            entry.allWords[item] = term;
          }
        } else if (section === 1 && !entry.anyWords.includes(term)) entry.anyWords.push(term);
      }
    }
    for (const entry of fired) {
      const words: number[] = [];
      for (let item = 0; item < entry.allWords.length; item++) {
        const t = entry.allWords[item];
        if (t !== undefined) words.push(t);
      }
      for (const t of entry.anyWords) words.push(t);
      entry.words = words;
    }
  }

  // Ties between equally heavy rules go to the one with more matched words (the more specific), then to the one
  // listed first in the rule files, never to the order in which words happened to be found.
  fired.sort(
    (a, b) =>
      b.rule.priority - a.rule.priority || b.rule.weight - a.rule.weight || b.words.length - a.words.length || a.index - b.index,
  );
  const evidence: Evidence[] = fired.map(({ rule, words }) => ({
    rule: rule.id,
    clause: rule.clause,
    label: rule.label,
    matched: words.map((t) => rules.terms[t] as string),
    weight: rule.weight,
  }));
  const negated = negatedTerms.filter((t) => termSeen[t] !== stamp).map((t) => rules.terms[t] as string);
  const major = majorReasons.length > 0;

  // Scores per label; only labels with a rule at the highest fired priority compete (fired is sorted by priority).
  const scores: Record<string, number> = {};
  for (const { rule } of fired) scores[rule.label] = (scores[rule.label] ?? 0) + rule.weight;
  const topPriority = fired[0]?.rule.priority ?? 0;
  let best: Label | undefined;
  let bestScore = 0;
  for (const { rule } of fired) {
    if (rule.priority !== topPriority) break;
    const score = scores[rule.label] as number;
    if (score > bestScore) {
      bestScore = score;
      best = rule.label;
    }
  }
  let runnerUp = 0;
  for (const label in scores) if (label !== best && (scores[label] as number) > runnerUp) runnerUp = scores[label] as number;

  if (!best || best === 'other' || bestScore < rules.minScore) {
    const otherScore = scores.other ?? 0;
    let strongest = 0;
    for (const label in scores) if (label !== 'other' && (scores[label] as number) > strongest) strongest = scores[label] as number;
    // Sure when nothing points elsewhere; less sure as the strongest non-chatter score nears the threshold.
    const confidence = best === 'other' ? margin(otherScore, strongest) : 1 - (0.5 * strongest) / rules.minScore;
    const result = chatter(norm, clamp(confidence), evidence, negated, scores, major, majorReasons);
    // An explicit chatter rule is a decision; chatter by default (nothing or too little fired) is not.
    return rules.lexical && otherScore === 0 ? consultGate(result, text, occurrences, rules, fired, false, false, detail) : result;
  }

  // The clause with the most weight among the winning label's rules (ties: the higher-priority, heavier rule first).
  const clauseScore = new Map<string, number>();
  for (const { rule } of fired) {
    if (rule.label === best && rule.clause) clauseScore.set(rule.clause, (clauseScore.get(rule.clause) ?? 0) + rule.weight);
  }
  let clause: string = DEFAULT_CLAUSE[best];
  let clauseBest = 0;
  for (const { rule } of fired) {
    if (rule.label !== best || !rule.clause) continue;
    const s = clauseScore.get(rule.clause) as number;
    if (s > clauseBest) {
      clauseBest = s;
      clause = rule.clause;
    }
  }
  const result: Classification = {
    label: best,
    clause,
    unit: DEFAULT_UNIT[best],
    confidence: clamp(margin(bestScore, runnerUp)),
    major,
    majorReasons,
    evidence,
    negated,
    scores,
    normalised: norm,
  };
  if (best === 'assist') {
    const party = partyOf(clause);
    if (party) result.party = party;
  }
  // Whether to act at all is the gate's question for any weak ticket; which kind is the rules' unless it is a close
  // call between rules of priority 0 (a boundary rule of the policy, 楼上漏水 → assist, is a decision).
  const closeCall = topPriority === 0 && result.confidence < rules.gate.tie;
  // Decided: a rule of priority 1, a rule that says a request is there, or a repair rule's fault said with an
  // @mention ('@回音 电梯坏了': said to the bot or the office, not to the neighbours; P(request) 0.58 < veto 0.6).
  const decided =
    topPriority > 0 || fired.some((f) => f.rule.request) || (mentions(text) && fired.some((f) => f.rule.label === 'repair'));
  return rules.lexical && (bestScore < rules.gate.strong || closeCall)
    ? consultGate(result, text, occurrences, rules, fired, closeCall, decided, detail)
    : result;
}

/** What accept() needs of the message being classified (a plain record rather than a closure made per message). */
interface Found {
  norm: string;
  cueEnds: number[];
  window: number;
  termSeen: Int32Array;
  stamp: number;
  matched: number[];
  negatedTerms: number[];
}

/** Count an occurrence of a word, unless a negation cue just before it in the same clause cancels it. */
function accept(f: Found, o: Occurrence): void {
  if (f.cueEnds.length > 0 && isNegated(f.norm, o.start, f.cueEnds, f.window)) {
    if (!f.negatedTerms.includes(o.term)) f.negatedTerms.push(o.term);
    return;
  }
  if (f.termSeen[o.term] !== f.stamp) {
    f.termSeen[o.term] = f.stamp;
    f.matched.push(o.term);
  }
}

/**
 * Ask the learned layer about a message the rules were unsure of. Veto: a weak ticket whose words look like chatter
 * (P(request) below `gate.veto`) becomes `other`. Promote: default chatter whose words look like a request
 * (P(request) at least `gate.promote`, and P(kind) at least `gate.promote_kind`) becomes the kind model's label, with
 * the clause of a rule of that label if one fired, else the label's default clause. Otherwise the rules' answer stands; the layer's view is kept for --explain.
 */
function consultGate(
  result: Classification,
  text: string,
  occurrences: Occurrence[],
  rules: Rules,
  fired: { rule: CompiledRule; index: number }[],
  closeCall: boolean,
  decided: boolean,
  detail: boolean,
): Classification {
  const model = rules.lexical;
  if (!model) return result;
  const lists = listsPresent(occurrences, rules);
  const rows = featureRows(
    model,
    result.normalised,
    lists,
    fired.map((f) => f.index),
    mentions(text),
  );
  const score = scoreRows(model, rows);
  let outcome: 'rules' | 'veto' | 'promote' | 'kind' = 'rules';
  let out = result; // a fresh object of classify(): changed in place when the rules stand
  if (result.label !== 'other' && score.request < (decided ? rules.gate.vetoDecided : rules.gate.veto)) {
    outcome = 'veto';
    const words = topFeatures(model, rows, 'gate').filter((w) => w.weight < 0);
    out = { ...result, label: 'other', clause: null, unit: null, confidence: clamp(1 - score.request), evidence: [learnedEvidence(score.request, 'other', null, words), ...result.evidence] };
    delete out.party;
  } else if (
    (result.label === 'other' &&
      score.request >= rules.gate.promote &&
      score.kindProbability >= rules.gate.promoteKind &&
      placelessRequest(model, rows, result.normalised, lists, fired, mentions(text)) >= rules.gate.veto) ||
    (closeCall && result.label !== 'other' && score.kind !== result.label && score.kindProbability >= rules.gate.kind)
  ) {
    outcome = result.label === 'other' ? 'promote' : 'kind';
    const label = score.kind;
    let clause: string = DEFAULT_CLAUSE[label];
    for (const { rule } of fired) {
      if (rule.label === label && rule.clause) {
        clause = rule.clause;
        break;
      }
    }
    const words = topFeatures(model, rows, label).filter((w) => w.weight > 0);
    out = {
      ...result,
      label,
      clause,
      unit: DEFAULT_UNIT[label],
      confidence: clamp(score.request * score.kindProbability),
      evidence: [learnedEvidence(score.request, label, clause, words), ...result.evidence],
    };
    if (label === 'assist') {
      const party = partyOf(clause);
      if (party) out.party = party;
    }
  }
  out.learned = {
    request: Math.round(score.request * 1000) / 1000,
    kind: score.kind,
    kindProbability: Math.round(score.kindProbability * 1000) / 1000,
    decided: outcome,
    // The words are the dear part (a sort per message): listed when they changed the answer or were asked for.
    gateWords: outcome !== 'rules' || detail ? topFeatures(model, rows, 'gate') : [],
    kindWords: outcome !== 'rules' || detail ? topFeatures(model, rows, score.kind) : [],
  };
  return out;
}

/** Whether the raw message @-mentions someone (normalise() removes the mention itself). */
function mentions(text: string): boolean {
  return text.includes('@');
}

/**
 * A place said with a number: a floor, building, unit or room (5楼, 6层, 3栋, 2单元, 801室, 5-2-801). Where a fault is
 * reported the place comes with it, so the layer learned 5楼 / 6楼 as request words; a place alone asks nothing.
 */
const NUMBERED_PLACE = /\d+(?:-\d+)+|[0-9零一二三四五六七八九十两]+\s*(?:号楼|单元|楼|层|栋|幢|座|室)/g;

/**
 * P(request) of what the message says besides where and to whom: its numbered places blanked out and the @mention
 * left aside. A message no rule placed is promoted only if this much does not read as chatter (at least `gate.veto`):
 * '@回音 5楼到6楼之间' was promoted to a repair at P 0.94 (@mention +1.61, 6楼 +1.22, 5楼 +0.85, 楼到 …); what it
 * says besides is at P 0.08. Asked only when the whole message would be promoted (rare).
 */
function placelessRequest(
  model: NonNullable<Rules['lexical']>,
  rows: number[],
  norm: string,
  lists: number[],
  fired: { index: number }[],
  mention: boolean,
): number {
  NUMBERED_PLACE.lastIndex = 0;
  const hasPlace = NUMBERED_PLACE.test(norm);
  if (!hasPlace && !mention) return 1;
  // featureRows reuses its array: keep the whole message's rows, which the explanation still reads.
  const whole = rows.slice();
  const what = hasPlace ? norm.replace(NUMBERED_PLACE, ' ') : norm;
  const request = scoreRows(model, featureRows(model, what, lists, fired.map((f) => f.index), false)).request;
  rows.length = 0;
  for (const r of whole) rows.push(r);
  return request;
}

/** The learned layer's line of evidence when it changed the answer: its weightiest words and how sure it was. */
function learnedEvidence(request: number, label: Label, clause: string | null, words: { word: string; weight: number }[]): Evidence {
  return {
    rule: 'learned.gate',
    clause,
    label,
    matched: words.map((w) => w.word),
    weight: Math.round((label === 'other' ? 1 - request : request) * 100) / 100,
  };
}

/** Indices of the word lists with a word in the message (any occurrence: negation and word boundaries aside). */
function listsPresent(occurrences: Occurrence[], rules: Rules): number[] {
  const present: number[] = [];
  for (const o of occurrences) {
    const lists = rules.termLists[o.term];
    if (!lists) continue;
    for (const l of lists) if (!present.includes(l)) present.push(l);
  }
  return present;
}

/**
 * Marks (with the returned array set to `scratch.optStamp`) the deferred one-character words whose presence could
 * change the result: those referenced by a rule whose every `all` item, and enough `any` words, are met by the words
 * already accepted or by deferred words. A word only referenced by rules that lack
 * some other required word cannot make them fire or stop them firing, so its word boundary need not be checked.
 */
function liveDeferred(deferred: Occurrence[], matched: number[], rules: Rules, scratch: Scratch): Int32Array {
  const stamp = ++scratch.optStamp;
  const { optRuleStamp, optMask, optAnyCount, optAnyLast, fullMask, needAny } = scratch;
  // Only the rules a deferred word is in can make it live: start their bookkeeping; the accepted words then advance
  // those rules alone (each rule sees the same words in the same order as if every rule were followed).
  for (const o of deferred) {
    const refs = rules.termRefs[o.term] as Int32Array;
    for (let k = 0; k < refs.length; k += 3) {
      const index = refs[k] as number;
      if (optRuleStamp[index] === stamp) continue;
      optRuleStamp[index] = stamp;
      optMask[index] = 0;
      optAnyCount[index] = 0;
      optAnyLast[index] = -1;
    }
  }
  for (const term of matched) advanceOptimistic(rules, scratch, term);
  for (const o of deferred) advanceOptimistic(rules, scratch, o.term);
  const live = scratch.optLive;
  for (const o of deferred) {
    if (live[o.term] === stamp) continue;
    const refs = rules.termRefs[o.term] as Int32Array;
    for (let k = 0; k < refs.length; k += 3) {
      const index = refs[k] as number;
      if (optMask[index] === fullMask[index] && (optAnyCount[index] as number) >= (needAny[index] as number)) {
        live[o.term] = stamp;
        break;
      }
    }
  }
  return live;
}

/** liveDeferred's bookkeeping for one word: the `all` items and `any` words it meets, per rule it is in that a deferred word is in too. */
function advanceOptimistic(rules: Rules, scratch: Scratch, term: number): void {
  const { optStamp: stamp, optRuleStamp, optMask, optAnyCount, optAnyLast } = scratch;
  const refs = rules.termRefs[term] as Int32Array;
  for (let k = 0; k < refs.length; k += 3) {
    const index = refs[k] as number;
    if (optRuleStamp[index] !== stamp) continue;
    const section = refs[k + 1];
    if (section === 0) optMask[index] = (optMask[index] as number) | (1 << (refs[k + 2] as number));
    else if (section === 1 && optAnyLast[index] !== term) {
      optAnyLast[index] = term;
      optAnyCount[index] = (optAnyCount[index] as number) + 1;
    }
  }
}

const isDigitAt = (text: string, i: number): boolean => i >= 0 && i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39;

/**
 * A number word (the 12345 hotline a major rule looks for) inside a longer number is part of that number: 12345 in
 * 0755-12345678 or 075512345678 is a phone number, and must never make a ticket 【重大】.
 */
function insideLongerNumber(norm: string, o: Occurrence, rules: Rules): boolean {
  if (!isDigitAt(norm, o.start) || !/^\d+$/.test(rules.terms[o.term] as string)) return false;
  const joinedBefore = norm[o.start - 1] === '-' && isDigitAt(norm, o.start - 2);
  const joinedAfter = norm[o.end] === '-' && isDigitAt(norm, o.end + 1);
  return isDigitAt(norm, o.start - 1) || isDigitAt(norm, o.end) || joinedBefore || joinedAfter;
}

/** End positions of negation cues, except a cue inside a longer rule word (不是 in 是不是). */
function negationCueEnds(occurrences: Occurrence[], rules: Rules): number[] {
  const ends: number[] = [];
  for (const o of occurrences) {
    if (rules.isCue[o.term] !== 1) continue;
    let inside = false;
    for (const p of occurrences) {
      if (p !== o && p.start <= o.start && p.end >= o.end && p.end - p.start > o.end - o.start) {
        inside = true;
        break;
      }
    }
    if (!inside) ends.push(o.end);
  }
  return ends;
}

function lengthsOf(words: string[]): number[] {
  return words.map((w) => w.length);
}

/**
 * Mark in `b` every position of the block [start, end) where a token starts or ends (`lengths`: the tokens' lengths,
 * in order). If the tokens do not cover the block exactly, mark every position (every word of the block then counts,
 * as if unsegmented).
 */
function markBlock(lengths: ArrayLike<number>, start: number, end: number, b: Uint8Array): void {
  let pos = start;
  b[start] = 1;
  for (let i = 0; i < lengths.length; i++) {
    pos += lengths[i] as number;
    if (pos > end) break;
    b[pos] = 1;
  }
  if (pos !== end) b.fill(1, start, end + 1);
}

function isNegated(text: string, start: number, cueEnds: number[], window: number): boolean {
  for (const end of cueEnds) {
    if (end > start || start - end > window) continue;
    let broken = false;
    for (let i = end; i < start; i++) {
      if (CLAUSE_BREAKS[text.charCodeAt(i)] === 1) {
        broken = true;
        break;
      }
    }
    if (!broken) return true;
  }
  return false;
}

/** How far the winner is ahead: about 0.5 for a tie, toward 1 for a clear lead, scaled down for weak evidence. */
export function margin(best: number, second: number): number {
  if (best <= 0) return 0;
  const lead = best / (best + second);
  const strength = 1 - Math.exp(-best / 3);
  return 0.5 * lead + 0.5 * lead * strength;
}

function clamp(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}

function chatter(
  norm: string,
  confidence: number,
  evidence: Evidence[],
  negated: string[],
  scores: Record<string, number>,
  major = false,
  majorReasons: string[] = [],
): Classification {
  return { label: 'other', clause: null, unit: null, confidence, major, majorReasons, evidence, negated, scores, normalised: norm };
}

/**
 * Per-rules scratch arrays for classify(), reset lazily by a stamp so a message allocates no per-rule objects; and
 * tables derived from the rules once (fullMask, needAny, termLength, unreferenced): Rules are not changed after loading.
 */
interface Scratch {
  stamp: number;
  /** For liveDeferred: its own stamp and the `all` items met per rule, counting deferred words as present. */
  optStamp: number;
  optRuleStamp: Int32Array;
  optMask: Int32Array;
  optAnyCount: Int32Array;
  optAnyLast: Int32Array;
  /** Per word: the optStamp of the last message in which it was found live. */
  optLive: Int32Array;
  termSeen: Int32Array;
  ruleStamp: Int32Array;
  allMask: Int32Array;
  anyCount: Int32Array;
  anyLast: Int32Array;
  blocked: Uint8Array;
  /** Per rule touched by the message: 0, or 1 + its place among the fired rules. */
  firedAt: Int32Array;
  /**
   * Per rule (then major rule), what firing takes, read from the rule once instead of from its object per message:
   * the `all` mask with every item met, and how many `any` words (0 when it has none).
   */
  fullMask: Float64Array;
  needAny: Int32Array;
  /** Per word: its length (the evidence keeps the longest word per `all` item). */
  termLength: Int32Array;
  /** Per word: 1 when no rule refers to it (a word of a list only, or a negation cue). */
  unreferenced: Uint8Array;
  /** Per pattern: the stamp of the last message that holds a character it is filed under. */
  patternCandidate: Int32Array;
}
const scratches = new WeakMap<Rules, Scratch>();
function scratchFor(rules: Rules): Scratch {
  let s = scratches.get(rules);
  if (!s || s.stamp >= 0x7fffffff) {
    const n = rules.rules.length + rules.major.length;
    s = {
      stamp: 0,
      optStamp: 0,
      optRuleStamp: new Int32Array(n),
      optMask: new Int32Array(n),
      optAnyCount: new Int32Array(n),
      optAnyLast: new Int32Array(n),
      optLive: new Int32Array(rules.terms.length),
      termSeen: new Int32Array(rules.terms.length),
      ruleStamp: new Int32Array(n),
      allMask: new Int32Array(n),
      anyCount: new Int32Array(n),
      anyLast: new Int32Array(n),
      blocked: new Uint8Array(n),
      firedAt: new Int32Array(n),
      patternCandidate: new Int32Array(rules.patterns.length),
      termLength: Int32Array.from(rules.terms, (t) => t.length),
      unreferenced: Uint8Array.from(rules.termRefs, (refs) => (refs.length === 0 ? 1 : 0)),
      fullMask: Float64Array.from([...rules.rules, ...rules.major], (m) => (m.all.length === 0 ? 0 : 2 ** m.all.length - 1)),
      needAny: Int32Array.from([...rules.rules, ...rules.major], (m) => (m.any.length === 0 ? 0 : m.min)),
    };
    scratches.set(rules, s);
  }
  return s;
}
