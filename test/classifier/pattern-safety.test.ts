/**
 * Issue 17, item 7: a rule word that can backtrack catastrophically is refused at load (file, rule and word named),
 * and one message's time in the classifier is bounded.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/classifier/classify.ts';
import { loadRules, RulesError } from '../../src/classifier/load-rules.ts';
import { catastrophicReason } from '../../src/classifier/pattern-safety.ts';
import type { Segmenter } from '../../src/classifier/types.ts';

const dirs: string[] = [];
async function rulesDir(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-rules-'));
  dirs.push(dir);
  await writeFile(join(dir, 'repair.yaml'), text);
  return dir;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop() as string, { recursive: true, force: true });
});

const rule = (words: string) => `
rules:
  - id: repair.leak
    label: repair
    clause: 4.2.1.1
    weight: 3
    any: [${words}]
`;

const oneCharEach: Segmenter = { cut: (text) => Array.from(text) };

describe('catastrophic patterns', () => {
  it('refuses /(a+)+$/ at load, naming the file, the rule and the word, without hanging', async () => {
    const dir = await rulesDir(rule("漏水, '/(a+)+$/'"));
    const started = performance.now();
    const error = await loadRules(dir).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(RulesError);
    const message = (error as RulesError).message;
    expect((error as RulesError).file).toBe(join(dir, 'repair.yaml'));
    expect(message).toContain(join(dir, 'repair.yaml'));
    expect(message).toContain('rule "repair.leak"');
    expect(message).toContain('/(a+)+$/');
    expect(message).toMatch(/exponential time/);
  });

  it('tells nested repetition from a merely long pattern, and reads lookbehind', () => {
    expect(catastrophicReason('(a*)*b')).toMatch(/nested repetition/);
    expect(catastrophicReason('([一二三]+个?)+月')).toMatch(/nested repetition/);
    expect(catastrophicReason('(.*漏){3}')).toMatch(/nested repetition/);
    expect(catastrophicReason(Array.from({ length: 30 }, () => '漏?').join(''))).toMatch(/more than 25 repetitions/);
    expect(catastrophicReason('(?<!好)几天')).toBeUndefined();
    expect(catastrophicReason('[两三四五六七八九十几半一]+(多)?(个)?(天|周|星期|礼拜|月)')).toBeUndefined();
  });

  it('the shipped rules all pass the check', async () => {
    await expect(loadRules(join(import.meta.dirname, '../../rules'))).resolves.toBeDefined();
  });
});

describe('the time one message may spend in the classifier', () => {
  const threePatterns = async () => loadRules(await rulesDir(rule("'/漏+水/', '/坏+了/', '/破+了/'")));
  it('stops trying patterns once the budget has passed twice, and says so', async () => {
    const rules = await loadRules(await rulesDir(rule("'/漏+水/', '/坏+了/'")));
    const rules3 = await threePatterns();
    const unlimited = classify('漏水 坏了', rules, oneCharEach);
    expect(unlimited.limited).toBeUndefined();
    expect(unlimited.label).toBe('repair');
    // A clock that jumps 60 ms at every look: past the budget of 50 ms at the first pattern, which the one extra
    // budget lets run; past that at the second, which is not tried, nor the third.
    let t = 0;
    const slow = classify('漏水 坏了 破了', rules3, oneCharEach, false, { budgetMs: 50, now: () => (t += 60) });
    expect(slow.limited).toBe(true);
    expect(slow.evidence.flatMap((e) => e.matched)).toEqual(['/漏+水/']);
  });

  it('a single pause of the whole process (a GC, a busy machine) does not cut a message short', async () => {
    // The clock stands still but for one jump of 80 ms, as a pause inside a message would show.
    const rules3 = await threePatterns();
    let looks = 0;
    const paused = classify('漏水 坏了 破了', rules3, oneCharEach, false, { budgetMs: 50, now: () => ((looks += 1) >= 2 ? 80 : 0) });
    expect(paused.limited).toBeUndefined();
    expect(paused.evidence.flatMap((e) => e.matched).sort()).toEqual(['/坏+了/', '/漏+水/', '/破+了/']);
  });

  it('reads at most the first 2,000 characters', async () => {
    const rules = await loadRules(await rulesDir(rule("'/漏+水/'")));
    const long = `${'好'.repeat(2000)}漏水`;
    expect(classify(long, rules, oneCharEach).label).toBe('other');
    expect(classify(long.slice(10), rules, oneCharEach).label).toBe('repair');
  });
});
