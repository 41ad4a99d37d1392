import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: an engineer's "人出来了 R0002 完成 已救出" and the office head's "那个业主又打电话来了 R0001 催一下" met
 * silence (a number could stand first, or a command word before it, not a number in the middle of a sentence).
 */
describe('a ticket number inside a sentence, the command after it', () => {
  it('completes with the words before kept, urges, and leaves quoted words, a bare time and unknown numbers as they should be', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('业主周', 'owners', '报修 2栋1单元301 卫生间灯不亮 随时 电话13812345678');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');

    // Someone else's words, and a time said about a ticket without 预约: not commands.
    expect(await tr.say('zhang', 'engineering', '业主说 R0001 修好了又漏了')).toEqual([]);
    expect((await tr.store.getTicket('R0001'))?.status).not.toBe('resolved');
    expect(await tr.say('zhang', 'engineering', '业主 R0001 明天上午在家')).toEqual([]);

    const done = (await tr.say('zhang', 'engineering', '阀芯换了 R0001 完成 已试水不滴了')).join('\n');
    expect(done).toContain('R0001 已完成');
    expect(done).toContain('[owners] @业主刘 您的报修 R0001 已处理完毕:阀芯换了;已试水不滴了');

    const urged = (await tr.say('li', 'office', '那个业主又打电话来了 R0002 催一下')).join('\n');
    expect(urged).toContain('R0002');
    expect(urged).toContain('督办');

    expect((await tr.say('zhang', 'engineering', '人出来了 S0009 完成')).join('\n')).toContain('没有找到工单 S0009');
  });
});
