import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * A second matter opened with 我要投诉 while the first is being read back. Seen in play: the generic 请回复「确认」 came
 * back, and the complaint was never heard of again.
 */
describe('a new matter at the read-back', () => {
  it('"我要投诉 …" is told to finish the first one, and takes nothing into it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主钱', 'owners', '物业能不能帮我去超市买点菜送上来 我腿脚不方便 6栋301', { mention: true });
    const second = await tr.say('业主钱', 'owners', '我要投诉 你们凭什么不让我在楼道放鞋柜', { mention: true });
    expect(second[0]).toContain('上一件还没有登记:请先回复「确认」登记它,或回复「取消」;然后再发新的事项。');
    await tr.say('业主钱', 'owners', '确认');
    const first = await tr.store.getTicket('C0001');
    expect(first?.description).not.toContain('鞋柜');
  });
});
