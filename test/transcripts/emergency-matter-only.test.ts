import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12 task): '@回音 刚才3栋门口有个老人摔倒了 头流血了 快叫救护车' reached the guards, the office head and
 * leadership as 内容:刚才 有个老人摔倒了 头流血了 快叫救护车, and '2栋地下室水管爆了 刚刚 水淹了 赶紧来' as …爆了 刚刚 水淹了:
 * an emergency is recorded the minute it is reported, so "just now" says nothing the record does not, and the call for an
 * ambulance is the owner's (they are told to ring 120). Policy 4.1.1 (内容清楚); rules/vocabulary/conversation.yaml
 * urgent_now and urging.
 */
describe('an emergency\'s 内容 is the matter only', () => {
  it('without 刚才 / 刚刚 / 现在 and 快叫救护车 / 快报警; news (已经报警了) and the story (本来好好的 现在…) stay', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const description = async (who: string, text: string, n: string) => {
      await tr.say(who, 'owners', text, { mention: true });
      return (await tr.store.getTicket(n))?.description;
    };
    expect(await description('王女士', '刚才3栋门口有个老人摔倒了 头流血了 快叫救护车', 'S0001')).toBe('有个老人摔倒了 头流血了');
    expect(await description('李先生', '2栋地下室水管爆了 刚刚 水淹了 赶紧来', 'R0001')).toBe('地下室水管爆了 水淹了');
    expect(await description('赵女士', '现在5栋2单元电梯关人了 快来人啊', 'R0002')).toBe('电梯关人了');
    expect(await description('孙先生', '6栋1单元有人撬门 快报警', 'S0002')).toBe('有人撬门');
    expect(await description('钱先生', '8栋电梯本来好好的 现在又关人了', 'R0003')).toBe('电梯本来好好的 现在又关人了');
    expect(await description('周女士', '9栋502家里进小偷了 已经报警了', 'S0003')).toBe('家里进小偷了 已经报警了');
  });
});
