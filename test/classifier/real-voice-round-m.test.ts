import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round M. Sentences written for these tests, not taken from any evaluation set; each checks a
// general cue, not a sentence. The positive cases give another label with the rules of round L (checked with
// `npx huiyin classify --rules` on a copy of rules/ at 1526ae3).
const { label, clauseOf } = shippedClassifier();

describe('现在都这样 / 现在都这个 is "nowadays it is like this", not "still not done by now" (@still_not_done)', () => {
  it('a shop review that ends in a lament about nowadays is chatter (other.review no longer blocked)', () => {
    // round L: valid 4.3.1.6 (现在都 counted as still_not_done, which blocks other.review)
    expect(label('网上买的台灯 商家发货慢 售后服务态度也不好 现在都这个样子')).toBe('other');
    expect(label('淘宝买的衣服 卖家客服态度差 现在都这样 买东西得小心')).toBe('other');
  });
  it('guard: 现在都 before a date or a 没 is still the office not done', () => {
    expect(clauseOf('说好周一来修门禁 现在都周五了 还没人来')).toBe('valid 4.3.1.5');
  });
});

describe('a matter already reported to or by a government body is narration (assist.government none @government_told)', () => {
  it('a neighbour saying the 网格员 already reported it is chatter', () => {
    // round L: assist 4.3.2.5 on the bare 网格员
    expect(label('烧烤摊的事 社区网格员上周已经上报了 说过几天会清走')).toBe('other');
  });
  it('a neighbour saying they told the 居委会 is chatter', () => {
    // round L: assist 4.3.2.5 on the bare 居委会
    expect(label('那家的狗我跟居委会反映过 他们说会去找主人谈谈')).toBe('other');
  });
  it('guard: the office asked to help with officers stays assist 4.3.2.5', () => {
    expect(clauseOf('社区的人半夜来查居住证 挨家敲门 物业能不能管管')).toBe('assist 4.3.2.5');
    expect(clauseOf('居委会要登记租客 物业能帮忙通知一下吗')).toBe('assist 4.3.2.5');
    expect(clauseOf('街道办说要来查群租 物业知道是哪天吗')).toBe('assist 4.3.2.5');
  });
});

describe('标配 and 零部件 are words of a product review (words/chatter_review.txt, other.review)', () => {
  it("a product's after-sales talking of its parts is chatter, not a repair for the office", () => {
    // round L: repair 4.2.1.1 (掉了; 售后 was the review's only word)
    expect(label('门把手掉了 售后说零部件要等半个月')).toBe('other');
  });
  it('guard: the office asked to come stays a repair, whatever the after-sales said', () => {
    expect(label('楼道的消防栓门坏了 售后电话打不通 物业能来看看吗')).toBe('repair');
  });
});
