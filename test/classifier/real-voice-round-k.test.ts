import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round K. Sentences written for these tests, not taken from any evaluation set; each checks a
// general cue, not a sentence. The positive cases give another label with the rules of round J (checked with
// `npx huiyin classify --rules` on a copy of rules/ at 723702a).
const { label, clauseOf } = shippedClassifier();

describe('a review of an online purchase is chatter (other.review over words/chatter_review.txt)', () => {
  it('two shop words (seller, after-sales, order, delivery) make a review even when a fault is named', () => {
    expect(label('售后说是水压问题 商家还让我自己换花洒')).toBe('other');
    expect(label('下单三天才发货 到货一看门把手是坏的')).toBe('other');
  });
  it('not when the office is the one reviewed', () => {
    expect(label('物业的售后服务太差 下单报修三天没人来')).not.toBe('other');
  });
});

describe('the office talked with many times and nothing done is asked before (4.3.1.5, @prior_request)', () => {
  it('沟通 / 协调 / 交涉 counted or said to have failed, like 反映 and 投诉', () => {
    expect(clauseOf('和物业沟通无效 地库的灯坏了一大半')).toBe('valid 4.3.1.5');
    expect(clauseOf('多次与物业沟通 单元门禁还是坏的')).toBe('valid 4.3.1.5');
    expect(clauseOf('物业协调了三次无果 楼上装修天天早上七点开钻')).toBe('valid 4.3.1.5');
  });
  it('reported for years (反映好几年) is asked before', () => {
    expect(clauseOf('向物业反映好几年了 屋顶漏雨一直没有解决')).toBe('valid 4.3.1.5');
  });
  it('talks with the neighbour are no prompt to the office', () => {
    expect(clauseOf('多次和楼上沟通 他家孩子还是半夜蹦跳')).toBe('assist 4.3.2.1');
  });
});
