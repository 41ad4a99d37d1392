import { describe, expect, it } from 'vitest';
import { buildAutomaton, findAll } from '../../src/classifier/matcher.ts';

/** Every occurrence by a plain indexOf scan, in findAll's order: by end, then longer (own) entries before suffixes. */
function naive(words: string[], text: string): string[] {
  const found: { word: number; start: number; end: number }[] = [];
  words.forEach((w, word) => {
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) found.push({ word, start: at, end: at + w.length });
  });
  found.sort((a, b) => a.end - b.end || a.start - b.start || a.word - b.word);
  return found.map((o) => `${o.word}@${o.start}-${o.end}`);
}

describe('the word automaton', () => {
  it('finds every occurrence, including under nodes with many children (binary search) and through failure links', () => {
    // 有 has twelve children, so looking up its edges exercises the halving as well as the short scan.
    const words = ['有线电视', '电视', '广电', '线电', ...Array.from('ABCDEFGHIJK', (c) => `有${c}`), '有人', 'he', 'she', 'hers', 'his', '视机'];
    const text = '有线电视广电 ushers 有A有B有C有D有E有F有G有H有I有J有K有人有线 电视机 有';
    const got = findAll(buildAutomaton(words), text).map((o) => `${o.term}@${o.start}-${o.end}`);
    expect(got).toEqual(naive(words, text));
    expect(got.length).toBe(21);
  });

  it('reports occurrences by end position, and an entry before the suffixes it inherits', () => {
    const words = ['电视', '有线电视'];
    const hits = findAll(buildAutomaton(words), '有线电视').map((o) => `${o.term}@${o.start}`);
    expect(hits).toEqual(['1@0', '0@2']);
  });
});
