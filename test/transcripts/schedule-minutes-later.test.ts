import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (the console chat on a machine set to UTC): the engineer's "预约 R0001 10分钟后到" at 21:20 in Beijing was
 * answered 预约时间:12月8日 13:30 and the owner was told the same, a day late.
 */
describe('an appointment said as a length of time from now', () => {
  it('is that many minutes from now, for the engineer and the owner', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T13:20:00Z' });
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    const set = (await tr.say('zhang', 'engineering', '预约 R0001 10分钟后到')).join('\n');
    expect(set).toContain('R0001 预约时间:12月7日 21:30');
    expect(set).toContain('[owners] @业主刘 您的报修 R0001 预约在 12月7日 21:30');
    const later = (await tr.say('zhang', 'engineering', 'R0001 一个半小时后上门')).join('\n');
    expect(later).toContain('12月7日 22:50');
  });
});
