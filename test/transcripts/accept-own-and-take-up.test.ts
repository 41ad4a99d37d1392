import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 李主任's 'C0001 我来处理' under a new complaint got a list of other commands, and 张工's 'R0001 收到'
 * after 李主任 sent him R0001 was told 工单 R0001 当前处理中,不能接单(已由张工受理).
 */
describe('taking up work in words, and taking one already in hand', () => {
  it('C0001 我来处理 takes it up; R0001 收到 from its handler is told it is theirs', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('王女士', 'owners', '投诉 保安晚上老是睡觉 门岗没人');
    await tr.say('王女士', 'owners', '确认');
    const taken = (await tr.say('li', 'office', 'C0001 我来处理')).join('\n');
    expect(taken).toContain('C0001 已由 李主任 受理');
    expect((await tr.store.getTicket('C0001'))?.handler?.name).toBe('李主任');
    await tr.say('li', 'office', '派单 R0001 张工');
    const again = (await tr.say('zhang', 'engineering', 'R0001 收到')).join('\n');
    expect(again).toContain('R0001 已在您手上');
    expect(again).toContain('预约 R0001');
    expect(again).not.toContain('不能接单');
    // Someone else's is still refused.
    expect((await tr.say('li', 'office', '接单 R0001')).join('\n')).not.toContain('已在您手上');
  });
});
