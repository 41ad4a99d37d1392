import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round N (batch 14: search-engine queries). Sentences written for these tests, not taken from
// any evaluation set; each checks a general cue, not a sentence. The positive cases give another label with the rules
// of round M (checked with `node bin/huiyin.js classify --rules` on a copy of rules/ at 9b7ab58).
const { label, clauseOf } = shippedClassifier();

describe('a general-knowledge question about no home and no matter here is chatter (other.general_question)', () => {
  it('why a garage seeps, asked in search form, is chatter', () => {
    // round M: repair 4.2.1.1 (渗水)
    expect(label('地下车库渗水是什么原因')).toBe('other');
  });
  it('guard: the same question about our building, or a leak from upstairs into my flat, is not chatter', () => {
    expect(label('3号楼地下车库渗水是什么原因')).toBe('repair');
    expect(clauseOf('楼上卫生间一直往我家渗水是什么原因')).toBe('assist 4.3.2.1');
  });
});

describe("a courier's own fee is theirs to say, not the estate's (consult.rule_question none @courier_fee)", () => {
  it("a courier's fee standard looked up is chatter", () => {
    // round M: consult 5.1 (收费标准)
    expect(label('申通快递收费标准2020')).toBe('other');
  });
  it("guard: the estate's own fee standard and the parcel locker's stay consult", () => {
    expect(clauseOf('物业费收费标准')).toBe('consult 5.1');
    expect(clauseOf('快递柜收费标准')).toBe('consult 5.1');
  });
});

describe('words inside other words: 信号灯 is no phone signal, 施工方案 is no builder (assist.telecom, assist.developer)', () => {
  it('a traffic light at a crossing is no telecom outage', () => {
    // round M: assist 4.3.2.4 (信号)
    expect(label('路口信号灯一直闪黄灯')).toBe('other');
  });
  it('a building plan is no developer', () => {
    // round M: assist 4.3.2.2 (施工方)
    expect(label('小区装修施工方案')).toBe('other');
  });
  it("guard: the cable TV's signal and the developer's builder stay assist", () => {
    expect(clauseOf('有线电视又没信号了')).toBe('assist 4.3.2.4');
    expect(clauseOf('开发商的施工方把我家外墙打穿了')).toBe('assist 4.3.2.2');
  });
});
