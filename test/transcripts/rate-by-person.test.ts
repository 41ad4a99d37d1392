import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 李主任's "张工的及时率" and "工程班的及时率" met silence (only a bare 及时率 or 月报 was read), and the
 * month's report gives 分处理人 and 分部门 as one line among ten. One person's or one unit's month is now answered
 * with its rate and the work that was late (policy 5.5 分处理人, 分部门; 3.1 跟催).
 */
describe("one person's or one unit's 及时率, asked in words", () => {
  it('gives 张工 his rate and his late work, 工程班 its rate; an unknown name is named', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('业主周', 'owners', '报修 2栋1单元301 卫生间灯不亮 随时 电话13812345678');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '接单 R0002');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀芯');
    tr.clock.advance(4 * 24 * 3_600_000);

    const person = (await tr.say('li', 'office', '张工的及时率')).join('\n');
    expect(person).toContain('张工');
    expect(person).toContain('50%(1/2)');
    expect(person).toContain('R0002');
    expect(person).not.toContain('R0001');
    expect((await tr.say('li', 'office', '工程班这个月的及时率怎么样')).join('\n')).toMatch(/工程班[\s\S]*50%\(1\/2\)/);
    expect((await tr.say('li', 'office', '月报 张工')).join('\n')).toContain('50%(1/2)');
    expect((await tr.say('li', 'office', '月报 王五')).join('\n')).toContain('格式:月报');
    // An engineer sees his own rate (own-rate.test.ts); another person's is sent to his own list, as the month's report.
    expect((await tr.say('zhang', 'engineering', '张工的及时率')).join('\n')).toContain('50%(1/2)');
    expect((await tr.say('zhang', 'engineering', '工程班的及时率')).join('\n')).toContain('待办');
  });
});
