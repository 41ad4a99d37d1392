import { describe, expect, it } from 'vitest';
import { requiredSets } from '../../src/classifier/pattern-hint.ts';
import { labelledTexts, shippedClassifier } from './helpers.ts';

const { classifier } = shippedClassifier();

describe('requiredSets: characters every match of a rule pattern contains', () => {
  it.each([
    ['[打关]不[开上]', ['打', '关']],
    ['(也|都)?不亮', ['不']],
    ['(被|让风)?(撬|掀)(开|歪)', ['撬', '掀']],
    ['([\\u4e00-\\u9fa5])不\\1', ['不']],
    ['\\d+栋', ['栋']],
    ['不(?=$|[\\s?？,])', ['不']],
    ['(说|讲|回我)[^\\s]{0,3}["“]', ['说', '讲', '回']],
    ['(?<=a)b', ['b']],
  ])('%s → %j', (source, chars) => {
    expect(requiredSets(source)?.[0]?.sort()).toEqual([...chars].sort());
  });

  it('lists one set per element that cannot be skipped', () => {
    expect(requiredSets('[打关]不[开上]')).toEqual([['打', '关'], ['不'], ['开', '上']]);
    expect(requiredSets('(也|都)?不亮')).toEqual([['不'], ['亮']]);
    expect(requiredSets('a|bc')).toEqual([['a', 'b']]);
  });

  it.each(['.+', '\\d+', '(a)?b?', 'a|.', '[^不]+'])('%s: nothing certain, so the pattern always runs', (source) => {
    expect(requiredSets(source)).toBeUndefined();
  });

  it('never skips a pattern that would have matched: every shipped pattern over every labelled message', () => {
    const texts = labelledTexts();
    const { patterns, terms } = classifier().rules;
    let checked = 0;
    for (const { term, needs } of patterns) {
      const re = new RegExp((terms[term] as string).slice(1, -1));
      const sets = needs?.map((codes) => Array.from(codes, (c) => String.fromCharCode(c)));
      for (const text of texts) {
        if (!re.test(text)) continue;
        checked++;
        for (const chars of sets ?? []) expect(chars.some((c) => text.includes(c)), `${terms[term]} on ${text}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(500);
    // most patterns get a hint, or the prefilter would be pointless
    expect(patterns.filter((p) => p.needs).length / patterns.length).toBeGreaterThan(0.8);
  });
});
