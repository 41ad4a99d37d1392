import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.3.2.4 (a supply run by another unit: the office helps, the cause lies with the supplier) and 4.1.1 (复清楚:
 * the owner reads back what will happen). Seen in play: "报修 5栋停水了" was read back with 类别/地点/内容 only, nothing
 * on who would act, and once recorded the owner read 需要供水/供电/燃气/通信等运营单位配合处理, every utility at once.
 */
describe('an outage is read back with who the office takes it up with', () => {
  it('报修 5栋停水了: the read-back says the office contacts the water company; the record says so again', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T14:25:00+08:00' });
    const readBack = (await tr.say('业主A', 'owners', '报修 5栋停水了'))[0]!;
    expect(readBack).toContain('处理:管理处联系供水公司,了解原因和恢复时间,有进展会告诉您');
    const done = (await tr.say('业主A', 'owners', '确认'))[0]!;
    expect(done).toContain('管理处联系供水公司,了解原因和恢复时间,有进展会告诉您。');
    expect(done).not.toContain('供水/供电/燃气/通信等运营单位');
  });

  it('停电 names the power supplier; an assist matter with another party names that party', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T14:25:00+08:00' });
    expect((await tr.say('业主B', 'owners', '3栋2单元停电了 什么时候来电', { mention: true }))[0]).toContain('处理:管理处联系供电部门,了解原因和恢复时间');
    await tr.say('业主B', 'owners', '取消');
    const upstairs = (await tr.say('业主C', 'owners', '投诉 楼上漏水到我家卫生间了 5栋2单元502', { mention: true }))[0]!;
    expect(upstairs).toContain('处理:管理处联系相关业主协调处理,有进展会告诉您');
  });
});
