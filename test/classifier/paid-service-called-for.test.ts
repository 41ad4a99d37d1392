import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

const { label, clauseOf } = shippedClassifier();

/**
 * Seen in play: '@回音 帮我叫个保洁' was asked 报修、投诉还是咨询 (no rule matched): calling for someone (叫个, 帮我叫,
 * 找个) to do a job the office sells is a paid service (policy 4.2.2), as 想请人, 派个人来 already were. No line of
 * any labelled set in eval/ or eval/real moved with it.
 */
describe('calling for someone to do a paid job at home is a paid service (4.2.2)', () => {
  it('叫个 / 帮我叫 / 叫人来 with a job the office sells', () => {
    expect(clauseOf('帮我叫个保洁')).toBe('paid_service 4.2.2');
    expect(clauseOf('叫个钟点工来打扫一下')).toBe('paid_service 4.2.2');
    expect(clauseOf('能不能叫人来清洗油烟机')).toBe('paid_service 4.2.2');
  });
  it('guard: calling for something else is not', () => {
    expect(label('我叫个外卖')).toBe('other');
    expect(label('找个时间聚聚')).toBe('other');
  });
});
