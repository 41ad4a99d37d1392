import { describe, expect, it } from 'vitest';
import { strip } from '../../src/conversation/appointment.ts';
import { shippedIntakeWords } from '../../src/conversation/intake-words.ts';

/** strip as it was written before it passed over absent words and stopped sorting a copy: the definition. */
function reference(text: string, list: string[]): string {
  let out = text;
  for (const w of [...list].sort((a, b) => b.length - a.length)) out = out.split(w).join(' ');
  return out.replace(/\s+/g, '').trim();
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('strip', () => {
  it('takes out the longest word first (可以来 before 来)', () => {
    expect(strip('明天可以来修', ['来', '可以来'])).toBe('明天修');
    expect(strip('abcd', ['ab', 'bcd'])).toBe('a');
  });

  it('matches its definition on the shipped words and random texts', () => {
    const w = shippedIntakeWords();
    const lists = [[...w.appointment.propose, ...w.appointment.filler], w.appointment.story];
    const next = rng(11);
    const chars = [...new Set(lists.flat().join('') + '明天下午两点修水管 ')];
    for (let i = 0; i < 3000; i++) {
      const list = lists[i % 2]!;
      let text = '';
      for (let j = 0; j < 1 + Math.floor(next() * 12); j++) text += next() < 0.3 ? list[Math.floor(next() * list.length)]! : chars[Math.floor(next() * chars.length)]!;
      expect(strip(text, list)).toBe(reference(text, list));
    }
  });

  it('matches its definition on overlapping words of one length, in any order, and the empty word', () => {
    const next = rng(5);
    for (let i = 0; i < 3000; i++) {
      const word = () => Array.from({ length: Math.floor(next() * 4) }, () => 'abc'[Math.floor(next() * 3)]).join('');
      const list = Array.from({ length: 1 + Math.floor(next() * 6) }, word);
      const text = Array.from({ length: Math.floor(next() * 10) }, () => 'abc '[Math.floor(next() * 4)]).join('');
      expect(strip(text, list)).toBe(reference(text, list));
    }
  });
});
