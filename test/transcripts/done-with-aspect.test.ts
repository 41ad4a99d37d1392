import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "完成了 R0001 换了阀芯" met silence, "R0001 完成了 换了阀芯" told the owner 已处理完毕:了 换了阀芯, and the
 * Cantonese "接咗" and "R1 搞掂" got silence and 没有看到指令.
 */
describe('a command word with 了 or 咗 after it', () => {
  it('完成了 / 完成咗 complete with the result only; 接咗 takes the waiting ticket; 搞掂 is done; 回复了解… keeps its words', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    for (const [who, room] of [['业主刘', '1202'], ['业主周', '1203'], ['业主吴', '1204']] as const) {
      await tr.say(who, 'owners', `报修 3栋1单元${room} 厨房水龙头关不紧一直滴 随时 电话13912345678`);
      await tr.say(who, 'owners', '确认');
    }
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '接单 R0002');
    const first = (await tr.say('zhang', 'engineering', '完成了 R0001 换了阀芯')).join('\n');
    expect(first).toContain('R0001 已完成');
    expect(first).toContain('已处理完毕:换了阀芯');
    expect((await tr.say('zhang', 'engineering', 'R0002 回复了解情况中')).join('\n')).toContain('【R0002 回复】了解情况中');
    const second = (await tr.say('zhang', 'engineering', 'r2 完成咗 换咗阀芯')).join('\n');
    expect(second).toContain('已处理完毕:换咗阀芯');
    expect((await tr.say('zhang', 'engineering', '接咗')).join('\n')).toContain('R0003 已由 张工 受理');
    expect((await tr.say('zhang', 'engineering', 'R3 搞掂 换咗阀芯')).join('\n')).toContain('R0003 已完成');
  });
});
