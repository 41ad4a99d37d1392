import { classify, type ClassifyLimits, DEFAULT_LIMITS } from './classify.ts';
import { explain } from './explain.ts';
import { loadRules } from './load-rules.ts';
import type { Rules } from './load-rules.ts';
import { getSegmenter } from './segment.ts';
import type { Classification } from './types.ts';

export { ClassificationSchema, EvidenceSchema } from './types.ts';
export type { Classification, Evidence, Segmenter } from './types.ts';
export { RulesError, loadRules } from './load-rules.ts';
export type { Rules } from './load-rules.ts';
export { classify, DEFAULT_LIMITS, MAX_CLASSIFY_CHARS } from './classify.ts';
export type { ClassifyLimits } from './classify.ts';
export { explain } from './explain.ts';
export { normalise } from './normalise.ts';

export interface Classifier {
  /** `detail`: the learned layer's words even when it let the rules stand (what --explain shows). */
  classify(text: string, detail?: boolean): Classification;
  explain(c: Classification): string;
  readonly rules: Rules;
}

/**
 * Load and validate the rules in `rulesDir` and the segmenter (with the rules' user dictionary) once; the returned
 * classifier never touches the disk. Throws RulesError on a broken rules file.
 */
export async function createClassifier(rulesDir: string, options: { limits?: ClassifyLimits; log?: (line: string) => void } = {}): Promise<Classifier> {
  const rules = await loadRules(rulesDir);
  warmPatterns(rules);
  const segmenter = getSegmenter(rules.userDict, rules.dictWords);
  const limits = options.limits ?? DEFAULT_LIMITS;
  // One message through every stage but the segmenter (你好 holds no one-character rule word, so nothing is cut) builds
  // the scratch tables and reads the learned layer before the first real message is timed.
  classify('你好', rules, segmenter, false, { budgetMs: Number.POSITIVE_INFINITY, now: limits.now });
  return {
    rules,
    classify: (text: string, detail = false) => {
      const result = classify(text, rules, segmenter, detail, limits);
      if (result.limited) options.log?.(`classifier: stopped after ${limits.budgetMs} ms, before every pattern was tried, on a message of ${text.length} characters`);
      return result;
    },
    explain,
  };
}

/**
 * Run every rule pattern once on a two-byte string. V8 compiles a RegExp on its first exec (per string width), and
 * the ~200 patterns together took longer than the per-message budget under load: the first message after start (or
 * the first line of `huiyin classify`) came back `limited`, its later patterns untried, and could get another label.
 */
export function warmPatterns(rules: Rules): void {
  for (const { re } of rules.patterns) {
    re.lastIndex = 0;
    re.exec('\u3000');
    re.lastIndex = 0;
  }
}
