import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play in the owners' group: while the room was asked, '哈哈哈 你家狗真可爱' and then '真的好可爱' (said to the
 * neighbours) made the first line part of 内容 and the second 地点; while the time was asked, '周末去哪玩' was booked as 时间:周六 09:00–18:00, and
 * every other line got the time question again.
 */
describe("an owners' group's talk while the bot asks its questions", () => {
  it('is no place and no time; the question comes again once, then the talk is left alone', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 厨房水管漏水');
    await tr.say('王女士', 'owners', '哈哈哈 你家狗真可爱');
    expect(await tr.say('王女士', 'owners', '真的好可爱')).toEqual([]);
    expect((await tr.say('王女士', 'owners', '5栋502')).join('\n')).toContain('什么时间方便师傅上门');
    expect((await tr.say('王女士', 'owners', '周末去哪玩')).join('\n')).toContain('没看懂这个时间');
    expect(await tr.say('王女士', 'owners', '好热啊')).toEqual([]);
    const readBack = (await tr.say('王女士', 'owners', '明天上午吧')).join('\n');
    expect(readBack).toContain('地点:5栋502');
    expect(readBack).toContain('时间:12月8日 09:00–12:00');
    // At the read-back, talk with a time word does not move the visit; 确认 records the time said.
    await tr.say('王女士', 'owners', '周末去哪玩');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.appointmentAt).toBe('2026-12-08T01:00:00.000Z');
    // The talk did not join the description either.
    expect(readBack).toContain('内容:厨房水管漏水');
    expect(readBack).not.toContain('可爱');
  });

  it('a public place named at the room question is still taken, and a private chat is unchanged', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 灯不亮了');
    expect((await tr.say('王女士', 'owners', '3栋大堂')).join('\n')).not.toContain('房间');
    await tr.say('刘先生', 'dm', '报修 厨房水管漏水');
    await tr.say('刘先生', 'dm', '5栋502');
    expect((await tr.say('刘先生', 'dm', '周末吧')).join('\n')).toContain('请核对');
  });

  it('at the read-back, a time said to the bot still changes the visit: 随时 alone, a proposal, or 说错了 …', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 明天上午');
    expect((await tr.say('王女士', 'owners', '随时')).join('\n')).toContain('时间:随时');
    expect((await tr.say('王女士', 'owners', '周六下午在家')).join('\n')).toContain('时间:12月12日');
    expect((await tr.say('王女士', 'owners', '说错了 是上午')).join('\n')).toContain('时间:12月12日 09:00–12:00');
  });
});
