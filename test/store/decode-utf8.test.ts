import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/store/durable-file.ts';

// Store files are decoded through ICU when they are valid UTF-8 (issue 17, item 5): the text must be exactly what
// readFile(path, 'utf8') gives, for every input.
describe('decodeUtf8', () => {
  it('is Buffer#toString("utf8") for valid text: Chinese, emoji, a byte-order mark, NUL, separators', () => {
    for (const text of ['', '{"a":1}', '\uFEFF{"a":1}', '卫生间下水道堵了 😀 \u0000 a\u2028b 𠮷', 'é'.repeat(1000)]) {
      const bytes = Buffer.from(text, 'utf8');
      expect(decodeUtf8(bytes)).toBe(bytes.toString('utf8'));
      expect(decodeUtf8(bytes)).toBe(text);
    }
  });

  it('is Buffer#toString("utf8") for invalid bytes too (the same replacement characters)', () => {
    const cases = [[0xe4, 0xb8], [0xff, 0x41], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x41, 0xe4, 0xb8, 0x22, 0xad], [0xf4, 0x90, 0x80, 0x80]];
    for (const bytes of cases.map((b) => Buffer.from(b))) expect(decodeUtf8(bytes)).toBe(bytes.toString('utf8'));
  });
});
