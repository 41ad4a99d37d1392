import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12 task): '报修 5栋502 厨房漏水 电话1381234567' (a digit short) was taken without a word: the read-back
 * said 内容:厨房漏水 电话138****4567 and 电话:未留 …直接回复号码, and the owner had no reason to think the number was wrong.
 * The read-back now says what is wrong with it and asks for it again, for a complaint too; the number leaves 内容.
 * Policy 4.1.1 (问清楚, 复清楚).
 */
describe('a phone one digit short or long is said back as wrong', () => {
  it('asks again, takes the right number, and a complaint asks too', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房漏水 电话1381234567');
    const readBack = (await tr.say('王女士', 'owners', '随时')).join('\n');
    expect(readBack).toContain('内容:厨房漏水\n');
    expect(readBack).toContain('电话:138****4567 是10位,少了数字(手机号是11位,座机请带区号),请直接回复正确的号码;不留回复「不用」。');
    expect((await tr.say('王女士', 'owners', '13812345678')).join('\n')).toContain('电话:138****5678\n');
    await tr.say('王女士', 'owners', '确认');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ description: '厨房漏水', owner: { phone: '13812345678' } });

    const complaint = (await tr.say('李先生', 'dm', '投诉 保安态度很差 电话138123456789')).join('\n');
    expect(complaint).toContain('内容:保安态度很差\n');
    expect(complaint).toContain('电话:138123456789 是12位,多了数字');
    // 不用 declines it, as for the phone question.
    expect((await tr.say('李先生', 'dm', '不用')).join('\n')).not.toContain('电话:');
  });
});
