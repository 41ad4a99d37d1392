import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 3.1 (the office head presses whoever holds the work) and 5.5 (timeliness per unit and handler). Seen in play:
 * 李主任's 待办 counted open work by unit only (工程班 4), so he could not see that 张工 held three of them, one late.
 */
describe("the office head's 待办 counts open work by person too", () => {
  it('经办人:李工 3(超时 1) · 张工 1, the most first, after the count by unit', async () => {
    tr = await Transcript.open({
      start: '2026-12-07T09:00:00+08:00',
      configure: (c) => ({ ...c, staff: [...c.staff, { platform: 'console', id: 'lig', name: '李工', estate: 'sunshine', unit: 'engineering', role: 'handler', onDuty: false }] }),
    });
    await tr.say('业主A', 'owners', '报修 5栋2单元502 厨房水管漏水 随时');
    await tr.say('业主A', 'owners', '确认');
    await tr.say('lig', 'engineering', '接单 R0001');
    tr.clock.advance(4 * 24 * 3_600_000); // R0001 is past its three days (policy 5.2); the rest are new
    const reports = ['报修 3栋大堂灯坏了', '报修 6栋1单元楼道灯不亮', '报修 7栋2单元301 马桶堵了 随时', '报修 2栋地下车库B区 路灯不亮'];
    for (const [i, text] of reports.entries()) {
      await tr.say(`业主${i}`, 'owners', text);
      await tr.say(`业主${i}`, 'owners', '确认');
    }
    await tr.say('lig', 'engineering', '接单 R0002');
    await tr.say('lig', 'engineering', '接单 R0003');
    await tr.say('zhang', 'engineering', '接单 R0004');
    const lines = (await tr.say('li', 'office', '待办'))[0]!.split('\n');
    expect(lines[1]).toBe('未结 5 件(待接单 1 · 处理中 4 · 超时 1);工程班 5');
    expect(lines[2]).toBe('经办人:李工 3(超时 1) · 张工 1');
    expect(lines[3]).toBe('【超时未办结】1 件');
    // Nobody holding anything: no 经办人 line.
    await tr.say('lig', 'engineering', '完成 R0001 换了阀门');
    await tr.say('lig', 'engineering', '完成 R0002 换了灯');
    await tr.say('lig', 'engineering', '完成 R0003 换了灯');
    await tr.say('zhang', 'engineering', '完成 R0004 通了');
    expect((await tr.say('li', 'office', '待办'))[0]).not.toContain('经办人');
  });
});
