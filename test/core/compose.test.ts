import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compose, type Step } from '../../src/core/steps/compose.ts';
import { MESSAGE_PATH } from '../../src/core/steps/index.ts';

/** A step that notes it ran and answers when told to (an empty list is an answer too). */
function step(name: string, ran: string[], answer?: string[]): Step<void, string[]> {
  return {
    name,
    async run() {
      ran.push(name);
      return answer;
    },
  };
}

describe('the message path composer (issue 15, item 3)', () => {
  it('runs the steps in order and stops at the first that answers', async () => {
    const ran: string[] = [];
    const path = compose([step('a', ran), step('b', ran, ['from b']), step('c', ran, ['from c'])]);
    expect(await path()).toEqual({ step: 'b', answer: ['from b'] });
    expect(ran).toEqual(['a', 'b']);
  });

  it('an empty answer ends the path too (handled, nothing to say); no answer at all is undefined', async () => {
    const ran: string[] = [];
    expect(await compose([step('quiet', ran, []), step('after', ran, ['x'])])()).toEqual({ step: 'quiet', answer: [] });
    expect(await compose([step('a', ran), step('b', ran)])()).toBeUndefined();
    expect(ran).toEqual(['quiet', 'a', 'b']);
  });

  it('passes one context through, so an early step can leave something for a later one', async () => {
    const path = compose<{ seen?: string }, string>([
      { name: 'mark', run: (ctx) => void (ctx.seen = 'marked') },
      { name: 'read', run: (ctx) => ctx.seen },
    ]);
    expect(await path({})).toEqual({ step: 'read', answer: 'marked' });
  });

  it('refuses two steps of one name, which would make the order ambiguous to read', () => {
    expect(() => compose([step('a', []), step('a', [])])).toThrow('two steps are named "a"');
  });

  it('ARCHITECTURE.md lists the bot\'s steps in the order they run', async () => {
    const doc = await readFile(new URL('../../ARCHITECTURE.md', import.meta.url), 'utf8');
    const listed = [...doc.matchAll(/^\s*\d+\. \*\*([^*]+)\*\* \(`src\/core\/steps\//gm)].map((m) => m[1]);
    expect(listed).toEqual(MESSAGE_PATH.map((s) => s.name));
  });
});
