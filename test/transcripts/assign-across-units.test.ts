import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 张工 sent R0001 to 秩序部 (转), and 李主任 then gave it back to 张工 with 派单. The ticket stayed 秩序部's
 * with 张工 as its handler, so what came after for 张工 went to the 秩序部 chat he is not in: the owner's 不满意 and the
 * deadline reminders (【即将到期】@张工 in 秩序部). Work handed to a person now goes to that person's unit as well.
 */
describe('派单 to someone of another unit', () => {
  it('moves the work to their unit, so its notices reach their chat', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    await tr.say('业主周', 'owners', '报修 3栋1单元1202 卫生间灯不亮 电话13912345678 随时');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '转 R0001 秩序部');
    expect((await tr.say('li', 'office', '派单 R0001 张工')).join('\n')).toContain('[engineering]');
    await tr.say('zhang', 'engineering', '完成 R0001 换了灯泡');
    const unhappy = await tr.say('业主周', 'owners', '不满意 灯还是不亮');
    expect(unhappy.some((l) => l.startsWith('[engineering]') && l.includes('业主不满意'))).toBe(true);
    expect(unhappy.some((l) => l.startsWith('[security]'))).toBe(false);
  });
});
