import { afterEach, describe, expect, it, vi } from 'vitest';
import { segmenterEngine } from '../../src/classifier/segment.ts';
import { projectPath } from '../../src/paths.ts';

// Issue 23: HUIYIN_SEGMENTER picks the segmenter; nodejieba stays the default (the product is specified on it, and
// @node-rs/jieba cuts some single-character runs differently: 5 of 6983 labelled lines change, see notes).
describe('HUIYIN_SEGMENTER', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('defaults to nodejieba, accepts node-rs and refuses an unknown name', () => {
    expect(segmenterEngine({})).toBe('nodejieba');
    expect(segmenterEngine({ HUIYIN_SEGMENTER: ' ' })).toBe('nodejieba');
    expect(segmenterEngine({ HUIYIN_SEGMENTER: 'node-rs' })).toBe('node-rs');
    expect(() => segmenterEngine({ HUIYIN_SEGMENTER: 'jieba' })).toThrow('HUIYIN_SEGMENTER=jieba: expected nodejieba or node-rs');
  });

  it('node-rs reads nodejieba\'s main dictionary and the rules\' user dictionary, and adds a later dictionary\'s words', async () => {
    vi.stubEnv('HUIYIN_SEGMENTER', 'node-rs');
    vi.resetModules(); // a fresh module: the segmenter is process-wide and loads once
    const { getSegmenter, segmenterLoaded } = await import('../../src/classifier/segment.ts');
    const segmenter = getSegmenter(projectPath('rules/dict.txt'));
    expect(segmenterLoaded()).toBe(false);
    // 楼上漏水 is a word only in rules/dict.txt; 我家 only in the main dictionary.
    expect(segmenter.cut('楼上漏水到我家了')).toEqual(['楼上漏水', '到', '我家', '了']);
    expect(segmenterLoaded()).toBe(true);
    // Room numbers stay whole with the HMM on, as with nodejieba.
    expect(segmenter.cut('1502漏水')).toEqual(['1502', '漏水']);
    expect(segmenter.cut('门口抬上六楼')).toEqual(['门口', '抬', '上', '六楼']);
    // A word without a frequency weighs what nodejieba gives it (the main dictionary's median), not nothing.
    getSegmenter('/elsewhere/dict.txt', ['抬上六楼']);
    expect(segmenter.cut('门口抬上六楼')).toEqual(['门口', '抬上六楼']);
  });
});
