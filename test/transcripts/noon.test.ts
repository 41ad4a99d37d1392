import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** 中午 is noon: what the owner hears and what the clocks run to (policy 4.2.1.1 预约, 5.2 承诺). */
describe('中午 is 12:00', () => {
  it('the owner\'s "明天中午" reads back as 12:00, 预约 and 承诺 明天中午 are 12:00, and 中午11点半 is 11:30', async () => {
    tr = await Transcript.open();
    const readBack = (await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 明天中午 13800138000')).at(-1);
    expect(readBack).toContain('时间:11月28日 12:00\n');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.appointmentAt).toBe('2026-11-28T04:00:00.000Z');
    await tr.say('zhang', 'engineering', '接单 R0001');
    expect((await tr.say('zhang', 'engineering', '预约 R0001 后天中午'))[0]).toBe('[engineering] R0001 预约时间:11月29日 12:00。');
    expect((await tr.say('zhang', 'engineering', '承诺 R0001 明天中午'))).toEqual([
      '[engineering] R0001 承诺 11月28日 12:00 前处理完毕。',
      '[owners] @王女士 您的报修 R0001 将在 11月28日 12:00 前处理完毕。',
    ]);
    expect((await tr.say('zhang', 'engineering', '预约 R0001 明天中午11点半'))[0]).toBe('[engineering] R0001 预约时间:11月28日 11:30。');
    // The other parts of the day keep their windows: a promise for 明天上午 is by noon, 明天下午 by 18:00.
    expect((await tr.say('zhang', 'engineering', '承诺 R0001 明天上午'))[0]).toBe('[engineering] R0001 承诺 11月28日 12:00 前处理完毕。');
    expect((await tr.say('zhang', 'engineering', '预约 R0001 明天傍晚'))[0]).toBe('[engineering] R0001 预约时间:11月28日 17:00–19:00。');
  });
});
