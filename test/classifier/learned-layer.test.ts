import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { classify } from '../../src/classifier/classify.ts';
import { explain } from '../../src/classifier/explain.ts';
import { RulesError, loadRules } from '../../src/classifier/load-rules.ts';

const dirs: string[] = [];
async function rulesDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-learned-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterEach(async () => {
  while (dirs.length) await rm(dirs.pop() as string, { recursive: true, force: true });
});

const RULES = `
settings:
  min_score: 1.5
  gate: { veto: 0.3, strong: 10, promote: 0.9, tie: 0.9, kind: 0.9 }
rules:
  - id: repair.lift
    label: repair
    clause: 4.2.1.1
    weight: 3
    all: [电梯, 坏了]
  - id: valid.again
    label: valid
    clause: 4.3.1.5
    weight: 3
    any: [又坏]
  - id: repair.leak
    label: repair
    clause: 4.2.1.1
    weight: 3
    any: [漏水]
  - id: assist.upstairs
    label: assist
    clause: 4.3.2.1
    weight: 5
    priority: 1
    all: [楼上, 漏水]
`;
const HEADER = 'feature\tgate\trepair\tpaid_service\tvalid\tassist\texcessive\tconsult';
/** Hand-written weights: 哈哈 is chatter, 投诉 a valid complaint, 又坏 a valid repeat, 漏水 a repair. */
const LEARNED = [
  '# test weights',
  HEADER,
  'bias\t0\t0\t0\t0\t0\t0\t0',
  'b:哈哈\t-20\t0\t0\t0\t0\t0\t0',
  'b:投诉\t20\t0\t0\t20\t0\t0\t0',
  'b:又坏\t0\t0\t0\t20\t0\t0\t0',
  'b:漏水\t0\t20\t0\t0\t0\t0\t0',
].join('\n');
const noSegmenter = { cut: (t: string) => [t] };

async function load(learned?: string) {
  return loadRules(await rulesDir(learned === undefined ? { 'r.yaml': RULES } : { 'r.yaml': RULES, 'learned.tsv': learned }));
}

describe('the learned keyword layer (rules/learned.tsv) where the rules are unsure', () => {
  it('without a weights file the rules alone decide', async () => {
    const rules = await load();
    expect(rules.lexical).toBeUndefined();
    expect(classify('电梯坏了哈哈', rules, noSegmenter).label).toBe('repair');
    expect(classify('我要投诉', rules, noSegmenter).label).toBe('other');
    expect(classify('电梯又坏了', rules, noSegmenter).label).toBe('repair');
  });

  it('veto: a weak ticket whose words are chatter becomes other, and says which words', async () => {
    const r = classify('电梯坏了哈哈', await load(LEARNED), noSegmenter);
    expect(r.label).toBe('other');
    expect(r.clause).toBeNull();
    expect(r.evidence[0]).toMatchObject({ rule: 'learned.gate', label: 'other', clause: null });
    expect(r.evidence[0]?.matched).toContain('哈哈');
    expect(r.evidence.map((e) => e.rule)).toContain('repair.lift'); // the rule's view is still shown
    expect(r.learned).toMatchObject({ decided: 'veto' });
    expect(r.learned?.request).toBeLessThan(0.3);
  });

  it('promote: default chatter whose words are a request becomes the kind model label, with that label’s default clause', async () => {
    const r = classify('我要投诉', await load(LEARNED), noSegmenter);
    expect(r).toMatchObject({ label: 'valid', clause: '4.2.3', unit: 'office_head' });
    expect(r.learned).toMatchObject({ decided: 'promote', kind: 'valid' });
    expect(r.evidence[0]).toMatchObject({ rule: 'learned.gate', label: 'valid', matched: ['投诉'] });
  });

  it('promote_kind: a message the gate calls a request stays chatter when the kind model cannot tell which kind', async () => {
    // 求助 pushes the gate to a request but splits evenly between repair and assist: no kind is clear.
    const weights = `${LEARNED}\nb:求助\t20\t10\t0\t0\t10\t0\t0\n`;
    const strict = await loadRules(
      await rulesDir({ 'r.yaml': RULES.replace('promote: 0.9,', 'promote: 0.9, promote_kind: 0.7,'), 'learned.tsv': weights }),
    );
    const unsure = classify('求助', strict, noSegmenter);
    expect(unsure.learned).toMatchObject({ decided: 'rules' });
    expect(unsure.learned?.request).toBeGreaterThan(0.9);
    expect(unsure.learned?.kindProbability).toBeLessThan(0.7);
    expect(unsure.label).toBe('other');
    // a clear kind is still promoted under the same setting, and without the setting the unsure one is too
    expect(classify('我要投诉', strict, noSegmenter)).toMatchObject({ label: 'valid', learned: { decided: 'promote' } });
    expect(classify('求助', await load(weights), noSegmenter).learned?.decided).toBe('promote');
  });

  it('veto_decided: a ticket a priority-1 rule decided takes surer chatter to overrule than a weak guess', async () => {
    // 嘿嘿 leans to chatter, P(request) a little under one half: enough against a guess, not against a decision.
    const weights = `${LEARNED}\nb:嘿嘿\t-0.3\t0\t0\t0\t0\t0\t0\n`;
    const settings = (gate: string) => RULES.replace('gate: { veto: 0.3,', gate);
    const both = await loadRules(await rulesDir({ 'r.yaml': settings('gate: { veto: 0.6, veto_decided: 0.3,'), 'learned.tsv': weights }));
    const decided = classify('楼上漏水嘿嘿', both, noSegmenter);
    expect(decided.learned?.request).toBeGreaterThan(0.3);
    expect(decided.learned?.request).toBeLessThan(0.6);
    expect(decided).toMatchObject({ label: 'assist', learned: { decided: 'rules' } });
    expect(classify('电梯坏了嘿嘿', both, noSegmenter)).toMatchObject({ label: 'other', learned: { decided: 'veto' } });
    // without the setting a decision is vetoed like any other ticket
    const one = await loadRules(await rulesDir({ 'r.yaml': settings('gate: { veto: 0.6,'), 'learned.tsv': weights }));
    expect(classify('楼上漏水嘿嘿', one, noSegmenter)).toMatchObject({ label: 'other', learned: { decided: 'veto' } });
  });

  it('request: true — a rule that says a request is there counts as decided for the veto, and leaves the kind to the others', async () => {
    const weights = `${LEARNED}\nb:嘿嘿\t-0.3\t0\t0\t0\t0\t0\t0\n`;
    const marker = `
  - id: repair.reported
    label: repair
    clause: 4.2.1.1
    weight: 0.5
    request: true
    all: [3号楼]`;
    const gate = 'gate: { veto: 0.6, veto_decided: 0.3,';
    const withMarker = await loadRules(await rulesDir({ 'r.yaml': RULES.replace('gate: { veto: 0.3,', gate) + marker, 'learned.tsv': weights }));
    const kept = classify('3号楼电梯坏了嘿嘿', withMarker, noSegmenter);
    expect(kept.learned?.request).toBeLessThan(0.6);
    expect(kept).toMatchObject({ label: 'repair', learned: { decided: 'rules' } });
    // the marker is no priority: 又坏 stays a close call among the rules of priority 0, which the kind model settles
    expect(classify('3号楼电梯又坏了', withMarker, noSegmenter).label).toBe('valid');
    // the same message without the marker is vetoed
    const without = await loadRules(await rulesDir({ 'r.yaml': RULES.replace('gate: { veto: 0.3,', gate), 'learned.tsv': weights }));
    expect(classify('3号楼电梯坏了嘿嘿', without, noSegmenter)).toMatchObject({ label: 'other', learned: { decided: 'veto' } });
  });

  it('a close call between rules of priority 0 goes to the kind model, with the clause of its fired rule', async () => {
    const r = classify('电梯又坏了', await load(LEARNED), noSegmenter);
    expect(r).toMatchObject({ label: 'valid', clause: '4.3.1.5' });
    expect(r.learned?.decided).toBe('kind');
  });

  it('a boundary rule of the policy (priority 1) is not a close call: 楼上漏水 stays assist whatever the kind model says', async () => {
    const r = classify('楼上漏水', await load(LEARNED), noSegmenter);
    expect(r).toMatchObject({ label: 'assist', clause: '4.3.2.1' });
  });

  it('--explain names the words that decided', async () => {
    const rules = await load(LEARNED);
    const text = explain(classify('电梯坏了哈哈', rules, noSegmenter, true));
    expect(text).toContain('learned layer (the rules were unsure)');
    expect(text).toContain('overruled the rules: chatter');
    expect(text).toMatch(/gate words \(\+ request, − chatter\): 哈哈 -\d/);
  });

  it('a feature naming no word list or rule is ignored with a warning; a broken line is refused with file and line', async () => {
    const rules = await load(`${LEARNED}\nl:no_such_list\t1\t0\t0\t0\t0\t0\t0\nr:no.such.rule\t1\t0\t0\t0\t0\t0\t0\n`);
    expect(rules.warnings[0]).toMatch(/learned.tsv: 2 feature\(s\) naming no word list of words\/ and no rule, ignored/);
    for (const [text, message] of [
      ['bias\t0\n', /learned.tsv:1: the first line must be the header/],
      [`${HEADER}\nb:哈哈\t-1\t0\t0\t0\t0\t0\n`, /learned.tsv:2: 7 columns, expected 8/],
      [`${HEADER}\nb:哈哈\tx\t0\t0\t0\t0\t0\t0\n`, /learned.tsv:2: weight "x" of b:哈哈 is not a number/],
      [`${HEADER}\nb:哈哈哈\t1\t0\t0\t0\t0\t0\t0\n`, /learned.tsv:2: feature "b:哈哈哈" is not bias/],
    ] as const) {
      const err = await load(text).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RulesError);
      expect((err as Error).message).toMatch(message);
    }
  });
});
