import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RulesError, loadRules } from '../../src/classifier/load-rules.ts';

const dirs: string[] = [];
async function rulesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-rules-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop() as string, { recursive: true, force: true });
});

const GOOD = `
groups:
  leak: [漏水, 渗水]
rules:
  - id: repair.leak
    label: repair
    clause: 4.2.1.1
    weight: 3
    any: ['@leak']
`;

async function loadError(files: Record<string, string>): Promise<RulesError> {
  const dir = await rulesDir(files);
  try {
    await loadRules(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(RulesError);
    return err as RulesError;
  }
  throw new Error('loadRules accepted a broken rules directory');
}

describe('loadRules', () => {
  it('loads the real rules directory', async () => {
    const rules = await loadRules(resolve('rules'));
    expect(rules.rules.length).toBeGreaterThan(50);
    expect(rules.major.length).toBeGreaterThan(3);
    expect(rules.userDict).toMatch(/dict\.txt$/);
    expect(rules.dictWords).toContain('维修基金');
    const ids = rules.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('compiles groups into word ids and normalises rule words', async () => {
    const dir = await rulesDir({ 'a.yaml': GOOD.replace('渗水', '滲水') });
    const rules = await loadRules(dir);
    expect(rules.terms).toContain('渗水');
    expect(rules.rules[0]?.any[0]?.length).toBe(2);
  });

  it('names the file, the rule id and the field when a field has the wrong type', async () => {
    const err = await loadError({ 'repair.yaml': GOOD.replace('weight: 3', 'weight: heavy') });
    expect(err.file).toMatch(/repair\.yaml$/);
    expect(err.message).toMatch(/repair\.yaml/);
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toContain('field "weight"');
  });

  it('rejects an unknown label, naming rule and field', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace('label: repair', 'label: fixit') });
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toContain('field "label"');
  });

  it('rejects a clause that is not a clause number', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace('clause: 4.2.1.1', 'clause: four') });
    expect(err.message).toContain('field "clause"');
    expect(err.message).toContain('policy clause number');
  });

  it('rejects a clause that belongs to another label', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace('clause: 4.2.1.1', "clause: '4.3.2.1'") });
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toContain('field "clause"');
    expect(err.message).toContain('4.3.2.1 is not a clause of label repair');
  });

  it('rejects unknown fields (typos) in a rule', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace('any:', 'anny:') });
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toMatch(/anny/);
  });

  it('names the rule index when the id itself is missing', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace('  - id: repair.leak\n    label', '  - label') });
    expect(err.message).toContain('rules[0]');
    expect(err.message).toContain('field "id"');
  });

  it('rejects invalid YAML with the file name', async () => {
    const err = await loadError({ 'bad.yaml': 'rules:\n  - id: a\n   label: [unclosed\n' });
    expect(err.file).toMatch(/bad\.yaml$/);
    expect(err.message).toMatch(/bad\.yaml: invalid YAML/);
  });

  it('rejects a duplicate rule id across files, naming both', async () => {
    const err = await loadError({ 'a.yaml': GOOD, 'b.yaml': GOOD.replace(/groups:\n  leak: \[漏水, 渗水\]\n/, '') });
    expect(err.message).toMatch(/b\.yaml/);
    expect(err.message).toContain('"repair.leak"');
    expect(err.message).toMatch(/already used in a\.yaml/);
  });

  it('rejects a reference to an unknown group', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace("'@leak'", "'@leek'") });
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toContain('field "any"[0]');
    expect(err.message).toContain('unknown group "@leek"');
  });

  it('rejects a rule with neither all nor any', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace("    any: ['@leak']\n", "    none: ['@leak']\n") });
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toContain('needs words in "all" or "any"');
  });

  it('rejects a group that refers to itself', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace('leak: [漏水, 渗水]', "leak: [漏水, '@leak']") });
    expect(err.message).toContain('group "leak" refers to itself');
  });

  it('rejects an empty directory', async () => {
    const err = await loadError({ 'readme.txt': 'no rules here' });
    expect(err.message).toContain('has no .yaml files');
  });
});

describe('rule mechanics (small rules, real segmenter not needed)', () => {
  it('rejects a bad /regex/ word, naming file and rule', async () => {
    const err = await loadError({ 'x.yaml': GOOD.replace("any: ['@leak']", "any: ['/[坏/']") });
    expect(err.message).toContain('rule "repair.leak"');
    expect(err.message).toContain('bad pattern');
  });
});
