/**
 * Found playing the office in the console: 张工 typed 待办 in the owners' group and every owner read every open ticket,
 * with a landline cut to "0755-123456" (cut before masking, so the group's masking no longer saw a phone).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

describe('lists of tickets stay out of the owners group, and excerpts never half-show a number', () => {
  it('待办, 超时 and 查 typed by staff in the owners group get a pointer to the staff chat; nothing is listed', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水龙头坏了 明天上午');
    await tr.say('王女士', 'owners', '确认');
    for (const [word, text] of [['待办', '待办'], ['超时', '超时'], ['查', '查 R0001']] as const) {
      const out = await tr.say('zhang', 'owners', text);
      expect(out).toEqual([`[owners] 「${word}」会显示业主的工单,业主群里大家都看得到:请在工作群或私聊我时使用。`]);
    }
    // In the engineering chat and in private they work as before.
    expect((await tr.say('zhang', 'engineering', '待办')).join('\n')).toContain('R0001 报修');
    expect((await tr.say('zhang', 'dm', '查 R0001')).join('\n')).toContain('R0001');
  });

  it('a landline in the description is masked whole in 待办, even where the line is cut', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水龙头坏了一直在滴水 有事打0755-12345678 明天上午');
    await tr.say('王女士', 'owners', '确认');
    const out = (await tr.say('li', 'office', '待办')).join('\n');
    expect(out).toContain('R0001');
    expect(out.replace(/[\s-]/g, '')).not.toMatch(/\d{6,}/);
  });

  it('a public place the description starts with is said once in 待办 and the daily report (seen in play: "9栋3楼走廊 9栋3楼走廊的灯坏了")', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主H', 'owners', '9栋3楼走廊的灯坏了好几天了', { mention: true });
    await tr.say('业主H', 'owners', '确认');
    const todo = (await tr.say('li', 'office', '待办')).join('\n');
    expect(todo).toContain('R0001 报修 · 待受理 · 9栋3楼走廊 灯坏了');
    expect(todo).not.toContain('9栋3楼走廊 9栋3楼走廊');
    // A room is still named before the problem.
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水龙头坏了 明天上午');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.say('li', 'office', '待办')).join('\n')).toContain('5栋2单元502 厨房水龙头坏了');
  });
});
