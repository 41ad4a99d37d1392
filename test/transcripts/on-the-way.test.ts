import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): 张工 typed 'R0001 马上到' and got 没有看到指令 with a list of other commands; the owner heard
 * nothing. Said after a number, words saying someone is on the way (rules/vocabulary/commands.yaml after_number.on_the_way)
 * go to the owner as 回复 does (policy 5.2: contact the owner at once).
 */
describe('an engineer on the way', () => {
  it('is passed on to the owner', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 随时 13800138000', { mention: true });
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    const out = (await tr.say('zhang', 'engineering', 'R0001 在路上了 十分钟到')).join('\n');
    expect(out).toContain('[engineering] 已转告业主(R0001)');
    expect(out).toContain('[owners] @王女士 【R0001 回复】在路上了 十分钟到 —— 张工');
    expect((await tr.say('zhang', 'engineering', 'R0001 马上到')).join('\n')).toContain('【R0001 回复】马上到');
  });

  it('on work nobody has taken yet, takes it up: the owner hears who is coming and the reminders stop asking for 接单', async () => {
    // Seen in play (field13): the owner was told 张工 was coming while 工程班 went on being reminded 待接单.
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 随时 13800138000', { mention: true });
    await tr.say('王女士', 'owners', '确认');
    const out = (await tr.say('zhang', 'engineering', 'R0001 马上到')).join('\n');
    expect(out).toContain('【R0001 回复】马上到 —— 张工');
    const ticket = await tr.store.getTicket('R0001');
    expect(ticket?.status).toBe('accepted');
    expect(ticket?.handler?.name).toBe('张工');
    // Typed as 回复, the same; from the office (not the unit the work is with), a reply takes nothing up.
    await tr.say('王女士', 'owners', '报修 6栋1单元301 卫生间灯不亮 随时 13800138001', { mention: true });
    await tr.say('王女士', 'owners', '确认');
    await tr.say('li', 'office', '回复 R0002 马上过去看看');
    expect((await tr.store.getTicket('R0002'))?.status).toBe('open');
    await tr.say('zhang', 'engineering', '回复 R0002 在路上了 十分钟到');
    expect((await tr.store.getTicket('R0002'))?.handler?.name).toBe('张工');
  });
});
