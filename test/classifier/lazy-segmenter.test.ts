import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classifier/index.ts';
import { getSegmenter, segmenterLoaded } from '../../src/classifier/segment.ts';
import { BUILTIN_RULES } from '../../src/config/load.ts';

// Issue 23: nodejieba's dictionaries (~220 MB, ~1 s) load on the first message that needs a cut, not before.
// Vitest runs each test file in its own process, so nothing else has loaded them here.
describe('the segmenter loads on first need', () => {
  it('stays unloaded through loading the rules and classifying a message without one-character rule words', async () => {
    const classifier = await createClassifier(BUILTIN_RULES);
    expect(segmenterLoaded()).toBe(false);
    expect(classifier.classify('谢谢大家').label).toBe('other');
    expect(segmenterLoaded()).toBe(false);

    // 修 is a rule word only as a whole word (修一下, not 装修): checking it needs the segmentation.
    expect(classifier.classify('门锁坏了 能修一下吗').label).toBe('repair');
    expect(segmenterLoaded()).toBe(true);
    // The rules' user dictionary came with the main one.
    expect(getSegmenter().cut('楼上漏水到我家了')).toEqual(['楼上漏水', '到', '我家', '了']);
  }, 60_000);
});
