import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classifier/classify.ts';
import { loadRules } from '../../src/classifier/load-rules.ts';
import type { Rules } from '../../src/classifier/load-rules.ts';
import type { Segmenter } from '../../src/classifier/types.ts';

// classify() is pure with the segmenter passed in: a fake one that knows a few words is enough here.
const WORDS = ['装修', '楼上', '漏水', '水管', '修', '坏了', '不是', '电梯', '停电', '物业费', '打折'];
const fake: Segmenter = {
  cut(text) {
    const out: string[] = [];
    for (let i = 0; i < text.length; ) {
      const w = WORDS.find((x) => text.startsWith(x, i)) ?? (text[i] as string);
      out.push(w);
      i += w.length;
    }
    return out;
  },
};

const RULES = `
negation:
  cues: [不是]
  window: 4
settings:
  min_score: 2
groups:
  leak: [漏水, 渗水]
rules:
  - id: repair.leak
    label: repair
    clause: 4.2.1.1
    weight: 2
    all: ['@leak', [水管, 管子]]
  - id: assist.upstairs
    label: assist
    clause: 4.3.2.1
    weight: 2
    priority: 1
    all: [楼上, '@leak']
  - id: repair.weak
    label: repair
    weight: 1
    any: [电梯]
  - id: repair.fix
    label: repair
    clause: 4.2.1.1
    weight: 2
    any: [修]
  - id: repair.pattern
    label: repair
    clause: 4.2.1.1
    weight: 2
    any: ['/[关打]不[上开]/']
  - id: consult.two
    label: consult
    clause: '5.1'
    weight: 2
    any: [请问, 多少, 在哪, 几点]
    min: 2
  - id: repair.door
    label: repair
    clause: 4.2.1.1
    weight: 2
    all: [门, 坏了]
  - id: excessive.cut
    label: excessive
    clause: 4.3.3.2
    weight: 3
    all: [物业费, 打折]
    none: [多收]
`;

let dir: string;
let rules: Rules;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-mech-'));
  await writeFile(join(dir, 'r.yaml'), RULES);
  rules = await loadRules(dir);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const run = (text: string) => classify(text, rules, fake);

describe('classify mechanics', () => {
  it('co-occurrence: every item of `all` must match', () => {
    expect(run('水管漏水').label).toBe('repair');
    expect(run('漏水').label).toBe('other');
  });
  it('priority: a higher-priority rule wins over an ordinary one with as much weight', () => {
    const r = run('楼上水管漏水');
    expect(r.label).toBe('assist');
    expect(r.scores).toMatchObject({ assist: 2, repair: 2 });
  });
  it('negation cancels a word right after the cue, within the clause only', () => {
    const r = run('水管漏水 不是楼上的');
    expect(r.label).toBe('repair');
    expect(r.negated).toEqual(['楼上']);
    expect(run('不是这样, 楼上水管漏水').label).toBe('assist');
  });
  it('a one-character word matches only as a whole word', () => {
    expect(run('修一下').label).toBe('repair');
    expect(run('装修').label).toBe('other');
  });
  it('/regex/ words match the normalised text', () => {
    const r = run('门关不上');
    expect(r.label).toBe('repair');
    expect(r.evidence[0]?.matched).toEqual(['/[关打]不[上开]/']);
  });
  it('`min` needs that many distinct words of `any`', () => {
    expect(run('请问').label).toBe('other');
    expect(run('请问在哪').label).toBe('consult');
  });
  it('`none` blocks a rule', () => {
    expect(run('物业费打折').label).toBe('excessive');
    expect(run('物业费多收了 打折').label).toBe('other');
  });
  it('below min_score the message is other, with the evidence kept', () => {
    const r = run('电梯');
    expect(r.label).toBe('other');
    expect(r.evidence.map((e) => e.rule)).toEqual(['repair.weak']);
  });
  it('segments only when a one-character word could change the result', () => {
    let cuts = 0;
    const counting: Segmenter = {
      cut(text) {
        cuts++;
        return fake.cut(text);
      },
    };
    // 门 only matters to repair.door, which also needs 坏了: without it, no cut, and the result is the same
    expect(classify('门口有人', rules, counting).label).toBe('other');
    expect(cuts).toBe(0);
    expect(classify('门坏了', rules, counting).label).toBe('repair');
    expect(cuts).toBe(1);
    // 修 alone can fire repair.fix: it is checked, and in 装修 it is not a word
    expect(classify('装修', rules, counting).label).toBe('other');
    expect(cuts).toBe(2);
  });
});
