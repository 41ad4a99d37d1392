import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round I. Sentences written for these tests, not taken from any evaluation set; each checks a
// general cue, not a sentence.
const { label, clauseOf } = shippedClassifier();

describe('an owner joining the outage reports in the group (assist.outage_joined)', () => {
  it('我们家也停电了 is an outage report even though short 停电了 lines are often texts to friends', () => {
    expect(clauseOf('我们家也停电了！')).toBe('assist 4.3.2.4');
    expect(clauseOf('我这边也没电了')).toBe('assist 4.3.2.4');
  });
  it('asking a person whether they are out too is not', () => {
    expect(label('你家那边也停电了吗')).toBe('other');
  });
});

describe('a neighbour saying a matter can be borne asks nothing (other.tolerating)', () => {
  it('also when a priority rule names the utility', () => {
    expect(label('听说是电力公司检修线路 以后就稳定了 也算好事')).toBe('other');
    expect(label('楼下这几天装修是吵了点 人家也是按点干活 忍忍吧')).toBe('other');
  });
  it('putting up with it for want of help is still a request', () => {
    expect(label('楼上装修天天吵 只能忍气吞声 物业管管吧')).toBe('assist');
  });
});

describe('words found inside other words', () => {
  it('对讲好了 (the intercom works again) is no promise made (讲好)', () => {
    expect(label('师傅刚走 单元门对讲好了 说是线松了')).toBe('other');
  });
  it('不知道…是否 / 什么 in a statement says what the owner does not know, it asks no question', () => {
    expect(label('电梯一直抖 找物业说过 也不知道电梯是否安全。')).not.toBe('consult');
    expect(label('交了这么多年物业费 我们都不知道这钱花在什么地方')).not.toBe('consult');
    expect(clauseOf('不知道物业费是按什么算的?')).toBe('consult 5.1');
  });
});

describe('the office under other names, not doing its job (words/gate_addressed.txt, words/office_neglect.txt)', () => {
  it.each(['楼道灯坏了 跟管委会说了 根本找不到人', '车库顶漏水 投诉了物业也不理 也不知道是否会塌'])('%s → valid', (text) => {
    expect(label(text)).toBe('valid');
  });
  it('blame on the office outranks the neighbour’s matter it is about (priority 2)', () => {
    expect(clauseOf('楼上空调外机往我家窗台滴水 物业又不理')).toBe('valid 4.3.1.1');
  });
  it('no news after a visit is the office not doing its job', () => {
    expect(clauseOf('热水管漏了 物业的人来看过一次 之后就杳无音讯')).toBe('valid 4.3.1.1');
  });
});

describe('loading compiles the patterns before the first message is timed', () => {
  it('createClassifier has run every rule pattern once, so the first message does not spend its budget compiling', async () => {
    const { createClassifier } = await import('../../src/classifier/index.ts');
    const { resolve } = await import('node:path');
    const seen = new Set<RegExp>();
    const exec = RegExp.prototype.exec;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      seen.add(this);
      return exec.call(this, s);
    };
    try {
      const c = await createClassifier(resolve('rules'));
      const missed = c.rules.patterns.filter((p) => !seen.has(p.re)).map((p) => p.re.source);
      expect(missed).toEqual([]);
    } finally {
      RegExp.prototype.exec = exec;
    }
  });
});
