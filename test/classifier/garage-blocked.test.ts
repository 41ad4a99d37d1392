import { describe, expect, it } from 'vitest';
import { shippedClassifier } from './helpers.ts';
import { createClassifier } from '../../src/classifier/index.ts';

const { label, clauseOf } = shippedClassifier();

/**
 * Seen in play: '@回音 楼下的车挡住我车库门了 车牌粤B12345 出不去' was asked 报修、投诉还是咨询 (no rule matched), and
 * was flagged MAJOR as a media or legal threat: the plate 粤B12345 holds 12345, the city hotline's number. A car across
 * one's garage is a neighbour matter the office settles (4.3.2.1); 12345 is the hotline only as a number of its own.
 * No line of any labelled set in eval/ or eval/real moved.
 */
describe('a car across one’s garage door', () => {
  it('is an assist matter (4.3.2.1), in the group or addressed', () => {
    expect(clauseOf('楼下的车挡住我车库门了 车牌粤B12345 出不去')).toBe('assist 4.3.2.1');
    expect(clauseOf('有辆车挡住我家车库了')).toBe('assist 4.3.2.1');
  });
  it('guard: the garage door broken, a car already moved', () => {
    expect(label('车库门坏了')).toBe('repair');
    expect(label('车挡住车库门 已经挪走了')).toBe('other');
  });
});

describe('12345 as a threat to call the hotline (policy 3.1 major)', () => {
  it('is the number said alone, not digits inside a plate or a longer number', async () => {
    const classifier = await createClassifier('rules');
    expect(classifier.classify('再不修我就打12345投诉你们').major).toBe(true);
    expect(classifier.classify('楼下的车挡住我车库门了 车牌粤B12345 出不去').major).toBe(false);
    expect(classifier.classify('我电话13812345678').major).toBe(false);
  });
});
