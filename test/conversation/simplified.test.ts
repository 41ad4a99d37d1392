import { describe, expect, it } from 'vitest';
import { T2S_CODES } from '../../src/classifier/t2s-table.ts';
import { simplified } from '../../src/conversation/simplified.ts';

/** The definition: every UTF-16 unit through the table, one for one. */
function reference(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(T2S_CODES[text.charCodeAt(i)] || text.charCodeAt(i));
  return out;
}

describe('simplified', () => {
  const traditional = [...Array(65536).keys()].filter((c) => T2S_CODES[c] && T2S_CODES[c] !== c).map((c) => String.fromCharCode(c));

  it('reads every traditional character of the table as its simplified one, wherever it stands', () => {
    expect(traditional.length).toBeGreaterThan(1000);
    for (const ch of traditional) {
      for (const text of [ch, `报修${ch}`, `${ch}水管`, `5栋 ${ch} 漏水👍`]) expect(simplified(text)).toBe(reference(text));
    }
  });

  it('leaves text with nothing to change as it is, and changes only the units after the first traditional one', () => {
    for (const text of ['', '今天天气真好', 'R0001 满意', '👍👍👍', '\ud800 lone surrogate', '报修 5栋2单元502 厨房水管漏水 明天下午两点']) {
      expect(simplified(text)).toBe(text);
    }
    expect(simplified('聽日下晝得閒')).toBe('听日下昼得闲');
    expect(simplified('明天早上8點前 點')).toBe('明天早上8点前 点');
  });

  it('agrees with the definition on random mixes of plain, traditional and other characters', () => {
    let seed = 20261207;
    const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const plain = ['水', '管', ' ', '5', 'a', '👍', '\ud83d', '。'];
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: Math.floor(rnd() * 12) }, () => (rnd() < 0.3 ? traditional[Math.floor(rnd() * traditional.length)]! : plain[Math.floor(rnd() * plain.length)]!)).join('');
      expect(simplified(text)).toBe(reference(text));
    }
  });
});
