import { describe, expect, it } from 'vitest';
import { holdsAny } from '../../src/conversation/holds-any.ts';
import { CONVERSATION_VOCABULARY as V } from '../../src/conversation/vocabulary.ts';

const byIncludes = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

describe('holdsAny', () => {
  const lists: Array<readonly string[]> = [
    V.rating_words.unhappy, V.rating_words.fair, V.rating_words.happy,
    V.ticket_talk.ask, V.ticket_talk.chase, V.ticket_talk.cancel, V.ticket_talk.reschedule,
    V.asks_for_numbers, V.calls_on_office.asks, ...Object.values(V.same_outage.kinds),
    ['a.b', '(x)', '[1-2]', 'c*', '+86', '^$', 'a|b', '\\d', '{2}', '?', '/', '-'],
    ['👍', '\ud83d'],
    [''],
    [],
  ];

  it('answers as words.some(includes) for every shipped list, on texts holding each word and on texts holding none', () => {
    const texts = ['', '今天天气真好', '收到,谢谢', '还是漏 快点来', '师傅什么时候到', '我家也没水了', '物业电话多少', '👍👍👍', 'a.b (x) [1-2]', 'axb', '1', '+86 138', 'ab', '\\d', 'c', '\ud83d'];
    for (const words of lists) {
      for (const text of [...texts, ...words.map((w) => `前${w}后`), ...words.map((w) => w.slice(0, -1))]) {
        expect(holdsAny(text, words), `${JSON.stringify(text)} in ${JSON.stringify(words.slice(0, 3))}…`).toBe(byIncludes(text, words));
      }
    }
  });

  it('finds nothing in an empty list and finds an empty word everywhere', () => {
    expect(holdsAny('任何话', [])).toBe(false);
    expect(holdsAny('', [])).toBe(false);
    expect(holdsAny('', [''])).toBe(true);
  });

  it('answers the same when asked again with the same list (the pattern is kept per list)', () => {
    const words = ['漏水', '停电'];
    expect(holdsAny('厨房漏水了', words)).toBe(true);
    expect(holdsAny('今天天气真好', words)).toBe(false);
    expect(holdsAny('5栋停电了', words)).toBe(true);
  });
});
