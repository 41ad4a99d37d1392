import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Mechanisms of issue 20 round L. Sentences written for these tests, not taken from any evaluation set; each checks a
// general cue, not a sentence. The positive cases give another label or clause with the rules of round K (checked with
// `npx huiyin classify --rules` on a copy of rules/ at e8426e3).
const { label, clauseOf } = shippedClassifier();

describe('the office named and nobody came is blame on the office (valid.office_neglect, 没人来 in words/office_neglect.txt)', () => {
  it('a visit the office promised and nobody came is 4.3.1.1, not a cleaning complaint', () => {
    // round K: valid 4.2.3 (the learned layer's guess, no hand rule fired)
    expect(clauseOf('你们管理处说派人 等了一下午没人来')).toBe('valid 4.3.1.1');
  });
  it('the office reviewed with shop words is still the office (round K guard, now by a hand rule)', () => {
    expect(clauseOf('物业的售后服务太差 下单报修三天没人来')).toBe('valid 4.3.1.1');
  });
  it('guard: nobody came with no office named stays a repair', () => {
    expect(label('楼道灯坏了一个月 也没人来修')).not.toBe('other');
    expect(label('楼道灯坏了一个月 也没人来修')).not.toBe('valid');
  });
});

describe('什么 before 都 in a statement means "every", not a question (consult @indefinite)', () => {
  it('a statement about what the estate has is chatter', () => {
    // round K: consult 5.1 (consult.topic_question on 物业费 + 什么)
    expect(label('我们这物业费什么档次的都有')).toBe('other');
  });
  it('guard: a question with 什么…都 and 吗 is still a question', () => {
    expect(clauseOf('健身房什么时候都开着吗')).toBe('consult 5.1');
  });
});
