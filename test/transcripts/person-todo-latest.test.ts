import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 李主任's 待办 张工 listed the late work by ticket number, so the work that had waited longest past its
 * deadline could sit below one a few hours late. Policy 3.1 跟催: the head presses the latest first.
 */
describe("a person's late work, most late first", () => {
  it('lists the work furthest past its deadline first, whatever its number', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    // R0001 is booked for Friday morning, so its deadline is Friday; R0002 (随时) is due on Thursday.
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 周五上午 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('业主周', 'owners', '报修 2栋1单元301 卫生间灯不亮 随时 电话13812345678');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '接单 R0002');
    tr.clock.advance(6 * 24 * 3_600_000);

    const held = (await tr.say('li', 'office', '待办 张工')).join('\n');
    expect(held).toContain('(超时 2)');
    expectBefore(held, 'R0002', 'R0001');
    // The head's own 待办 (its 已超时 section) and 超时 read the same way.
    expectBefore((await tr.say('li', 'office', '待办')).join('\n'), 'R0002', 'R0001');
    const late = (await tr.say('li', 'office', '超时')).join('\n');
    expectBefore(late, 'R0002', 'R0001');
    expect(late).toContain('已超时');
  });
});

function expectBefore(text: string, earlier: string, later: string): void {
  expect(text.indexOf(earlier)).toBeGreaterThan(-1);
  expect(text.indexOf(later)).toBeGreaterThan(text.indexOf(earlier));
}
