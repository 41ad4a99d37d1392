import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/classifier/classify.ts';
import { RulesError, loadRules } from '../../src/classifier/load-rules.ts';
import { loadWordLists } from '../../src/classifier/word-lists.ts';

const dirs: string[] = [];
/** A rules directory on disk: `files` by path relative to it (`words/x.txt` makes the words directory). */
async function rulesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-words-'));
  dirs.push(dir);
  await mkdir(join(dir, 'words'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop() as string, { recursive: true, force: true });
});

const RULE = `
rules:
  - id: repair.lift
    label: repair
    clause: 4.2.1.1
    weight: 3
    all: ['@lift_words', [坏了, 不动了]]
`;
const noSegmenter = { cut: (t: string) => [t] };

describe('word lists a manager owns (rules/words/*.txt)', () => {
  it('one word per line, # comments and blank lines skipped; a list is a group the rules use as @name', async () => {
    const dir = await rulesDir({ 'r.yaml': RULE, 'words/lift_words.txt': '# lifts\n电梯\n\n  货梯  \n' });
    const { lists, duplicates } = await loadWordLists(dir);
    expect(lists).toEqual([{ name: 'lift_words', file: join(dir, 'words/lift_words.txt'), words: ['电梯', '货梯'] }]);
    expect(duplicates).toEqual([]);
    const rules = await loadRules(dir);
    expect(classify('货梯坏了', rules, noSegmenter).label).toBe('repair');
    expect(classify('楼梯坏了', rules, noSegmenter).label).toBe('other');
  });

  it('a word adds to what the rules see without touching them', async () => {
    const dir = await rulesDir({ 'r.yaml': RULE, 'words/lift_words.txt': '电梯\n' });
    expect(classify('扶梯不动了', await loadRules(dir), noSegmenter).label).toBe('other');
    await writeFile(join(dir, 'words/lift_words.txt'), '电梯\n扶梯\n');
    expect(classify('扶梯不动了', await loadRules(dir), noSegmenter).label).toBe('repair');
  });

  it('a word written twice, in one list or in two, is kept once and reported with both places', async () => {
    const dir = await rulesDir({ 'r.yaml': RULE, 'words/lift_words.txt': '电梯\n货梯\n電梯\n', 'words/other_words.txt': '货梯\n' });
    const { lists, duplicates } = await loadWordLists(dir);
    expect(lists[0]?.words).toEqual(['电梯', '货梯']); // 電梯 normalises to 电梯
    expect(duplicates.map((d) => `${d.word} ${d.line} ${d.first}`)).toEqual(['電梯 3 lift_words.txt:1', '货梯 1 lift_words.txt:2']);
    const rules = await loadRules(dir);
    expect(rules.warnings).toEqual([
      `${join(dir, 'words/lift_words.txt')}:3: "電梯" is already listed (lift_words.txt:1)`,
      `${join(dir, 'words/other_words.txt')}:1: "货梯" is already listed (lift_words.txt:2)`,
    ]);
  });

  it.each([
    ['a pattern', '/电梯.坏/\n', /lift_words.txt:1: "\/电梯.坏\/" is a group or a pattern/],
    ['a group', '@lift\n', /"@lift" is a group or a pattern/],
    ['two words on a line', '电梯 货梯\n', /lift_words.txt:1: one word per line/],
  ])('%s is refused with the file and line', async (_what, text, message) => {
    const dir = await rulesDir({ 'r.yaml': RULE, 'words/lift_words.txt': text });
    const err = await loadRules(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RulesError);
    expect((err as Error).message).toMatch(message);
  });

  it('a list named unlike a group, or named like a YAML group, is refused', async () => {
    const badName = await rulesDir({ 'r.yaml': RULE, 'words/lift_words.txt': '电梯\n', 'words/Lift-Words.txt': '电梯\n' });
    await expect(loadRules(badName)).rejects.toThrow(/Lift-Words.txt: a word list is named like a group/);
    const clash = await rulesDir({ 'r.yaml': `${RULE}\ngroups:\n  lift_words: [电梯]\n`, 'words/lift_words.txt': '电梯\n' });
    await expect(loadRules(clash)).rejects.toThrow(/group "lift_words" is already defined in lift_words.txt/);
  });
});
