import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll } from 'vitest';
import { type Classifier, createClassifier, normalise } from '../../src/classifier/index.ts';

/**
 * The shipped rules, loaded once per test file: `clauseOf` gives "label clause" (e.g. "assist 4.3.2.1"),
 * `label` the label alone, `classifier()` the classifier itself.
 */
export function shippedClassifier() {
  let c: Classifier | undefined;
  beforeAll(async () => {
    c = await createClassifier(resolve('rules'));
  });
  const classifier = (): Classifier => {
    if (!c) throw new Error('the classifier is loaded in beforeAll');
    return c;
  };
  return {
    classifier,
    label: (text: string) => classifier().classify(text).label,
    clauseOf: (text: string) => {
      const r = classifier().classify(text);
      return `${r.label} ${r.clause ?? ''}`.trim();
    },
  };
}

/**
 * The normalised text of every labelled message kept in this repository (`eval/` and the test fixtures); the shared
 * dev set lives outside the repository and CI may not have it.
 */
export function labelledTexts(): string[] {
  return [resolve('eval'), resolve('test/classifier/fixtures')]
    .flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => resolve(dir, f)))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()))
    .map((l) => normalise((JSON.parse(l) as { text: string }).text));
}
