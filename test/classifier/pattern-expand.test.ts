import { describe, expect, it } from 'vitest';
import { isPatternWord } from '../../src/classifier/load-rules.ts';
import { expandPattern } from '../../src/classifier/pattern-expand.ts';
import { labelledTexts, shippedClassifier } from './helpers.ts';

const { classifier } = shippedClassifier();

describe('expandPattern: the strings a short finite pattern matches', () => {
  it('sets, groups, optional parts and bounded repeats', () => {
    expect(expandPattern('[打关]不[开上]')?.sort()).toEqual(['关不上', '关不开', '打不上', '打不开']);
    expect(expandPattern('(也|都)?不亮')?.sort()).toEqual(['不亮', '也不亮', '都不亮']);
    expect(expandPattern('a{1,2}b')?.sort()).toEqual(['aab', 'ab']);
  });
  it.each(['.+', '\\d+栋', '不(?=$)', '([ab])c\\1', '[^不]亮', '[一-十]天', '啊*', '(a|b)'])('%s stays a regex', (source) => {
    expect(expandPattern(source)).toBeUndefined();
  });
  it('gives up beyond the limit', () => {
    expect(expandPattern('[abcdefghij][abcdefghij][abcdefghij]', 400)).toBeUndefined();
  });

  it('the expansions of every shipped pattern find the same matches as its regex, on every labelled message', () => {
    const texts = labelledTexts();
    const { terms } = classifier().rules;
    let expanded = 0;
    // Collected and compared once: an expect() per pair made this test take 17–35 s for nothing.
    const disagreements: string[] = [];
    for (const term of terms) {
      if (!isPatternWord(term)) continue;
      const strings = expandPattern(term.slice(1, -1));
      if (!strings) continue;
      expanded++;
      const re = new RegExp(term.slice(1, -1));
      for (const text of texts) {
        if (strings.some((s) => text.includes(s)) !== re.test(text)) disagreements.push(`${term} on ${text}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(expanded).toBeGreaterThan(40);
  });
});
