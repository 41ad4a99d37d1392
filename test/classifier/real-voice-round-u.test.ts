import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';

// Cues of issue 20 round U. Each positive case gave another answer with the rules of round T as landed (b73c593),
// shown in the comment.
const { label, clauseOf } = shippedClassifier();

describe('没有人 is nobody, not 有人 (someone): garbage nobody clears is the cleaning the office owes (rules 3, 13)', () => {
  it('garbage heaped and nobody comes to clear it', () => {
    // round T: assist 4.3.2.1 (有人 read inside 没有人 stood valid.garbage_left down; assist.neighbour_violation won)
    expect(clauseOf('3栋楼下堆放了一堆建筑垃圾,半个月没有人来清理')).toBe('valid 4.2.3');
  });
  it('guard: someone named still makes the heap a neighbour’s', () => {
    expect(clauseOf('有人在楼道里堆放杂物')).toBe('assist 4.3.2.1');
    expect(clauseOf('有人把装修垃圾堆在单元门口')).toBe('assist 4.3.2.1');
  });
});
