import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.1.1 (问清楚: ask for what is missing before the read-back). Seen in play: in a private chat "我有个事情想问问"
 * was read back as 类别:咨询 / 内容:我有个事情想问问 for the owner to confirm, a record of nothing.
 */
describe('a message that only says a question is coming', () => {
  it('我有个事情想问问 is asked what the matter is; the answer is the consultation, answered from the FAQ', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const first = (await tr.say('业主A', 'dm', '我有个事情想问问'))[0]!;
    expect(first.startsWith('[dm] 好的,请问您想问什么事')).toBe(true);
    expect(first).not.toContain('请核对');
    expect(await tr.store.listTickets()).toHaveLength(0);
    const answered = (await tr.say('业主A', 'dm', '物业费怎么交'))[0]!;
    expect(answered).toContain('住宅物业费为每月每平方米2.5元');
    expect((await tr.store.listTickets())[0]).toMatchObject({ category: 'consult', description: '物业费怎么交' });
  });

  it('a question said with its matter is that matter at once', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('业主B', 'dm', '我想问问物业费怎么交'))[0]).toContain('住宅物业费为每月每平方米2.5元');
  });
});
