import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: the office head's "张工手上有几单" and "张工的单" met silence; the 待办 overview only counted
 * (经办人:张工 2), so the head could not see which work was his without reading the whole list.
 */
describe("a person's work, asked for by name", () => {
  it('the desk gets what 张工 holds, late work marked; an engineer only their own; talk and unknown names as they should be', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('业主周', 'owners', '报修 2栋1单元301 卫生间灯不亮 随时 电话13812345678');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    expect(await tr.say('zhang', 'engineering', '张工的单我来接')).toEqual([]);
    tr.clock.advance(4 * 24 * 3_600_000);

    const asked = (await tr.say('li', 'office', '张工手上有几单?')).join('\n');
    expect(asked).toContain('张工 手上 1 件(超时 1):');
    expect(asked).toContain('R0001');
    expect(asked).toContain('已超时');
    expect(asked).not.toContain('R0002');
    expect((await tr.say('li', 'office', '待办 张工')).join('\n')).toContain('张工 手上 1 件');
    expect((await tr.say('li', 'office', '王队长的单子')).join('\n')).toContain('王队长 手上没有未结的工单');
    expect((await tr.say('li', 'office', '待办 王五')).join('\n')).toContain('没有名为「王五」的工作人员');
    expect((await tr.say('zhang', 'engineering', '李主任手上有几单')).join('\n')).toContain('请找主任或管理处查看');
    expect((await tr.say('zhang', 'engineering', '待办 张工')).join('\n')).toContain('张工 手上 1 件');
  });
});
