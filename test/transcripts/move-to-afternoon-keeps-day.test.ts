import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: with 张工's visit booked for tomorrow 10:00, the owner's '明天上午不在家 改到下午吧' was answered
 * 已更正 R0001:时间→12月8日 14:00–18:00 — this afternoon — and 工程班 was told the same: the engineer would have come
 * a day early. A new time that names no day is on the booked visit's day, as a correction of the time already is
 * (policy 4.2.1.1: the work is done within the owner's appointment time).
 */
describe('moving a booked visit to another part of the day', () => {
  it('keeps the booked day; a day said is the day said', async () => {
    tr = await Transcript.open({ start: '2026-12-08T11:00:00+08:00' });
    await tr.say('王先生', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王先生', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '预约 R0001 明天上午10点');
    expect(await tr.say('王先生', 'owners', '明天上午不在家 改到下午吧')).toContain('[engineering] 【业主更正】R0001:时间→12月9日 14:00–18:00');
    expect(await tr.say('王先生', 'owners', '能不能改到后天上午')).toContain('[engineering] 【业主更正】R0001:时间→12月10日 09:00–12:00');
  });
});
