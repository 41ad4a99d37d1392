import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: the office head's "本月及时率", "这个月及时率多少", "上个月的月报" and the engineer's "我的", "我的任务",
 * "到场 R0001" met silence; only a command word standing alone at the start was known.
 */
describe('lists and reports asked for in a sentence', () => {
  it('the head gets the month asked for, the engineer the work in hand; talk about the figures is left alone', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');

    const thisMonth = (await tr.say('li', 'office', '这个月及时率多少?')).join('\n');
    // The rate asked for is the month's figure, with the way to the whole analysis (rate-asked-bare.test.ts).
    expect(thisMonth).toContain('【阳光家园 2026-12 及时率 截至');
    expect(thisMonth).toContain('登记 1 件');
    expect((await tr.say('li', 'office', '本月及时率')).join('\n')).toContain('2026-12 及时率');
    expect((await tr.say('li', 'office', '本月月报')).join('\n')).toContain('2026-12 月度分析');
    expect((await tr.say('li', 'office', '上个月的月报')).join('\n')).toContain('2026-11 月度分析');
    expect((await tr.say('li', 'office', '昨天的日报发一下')).join('\n')).toContain('日报 12月6日');
    expect(await tr.say('li', 'office', '及时率怎么这么低')).toEqual([]);

    for (const asked of ['我的', '我的任务', '我手上的单']) {
      const mine = (await tr.say('zhang', 'engineering', asked)).join('\n');
      expect(mine, asked).toContain('R0001');
      expect(mine, asked).toContain('厨房水龙头');
    }
    expect(await tr.say('zhang', 'engineering', '我的天')).toEqual([]);

    const there = (await tr.say('zhang', 'engineering', '到场 R0001')).join('\n');
    expect(there).toContain('[owners] @业主刘 【R0001 回复】已到现场 —— 张工');
  });

  it('a list of other owners’ matters is still not shown in the owners’ group', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const answer = (await tr.say('li', 'owners', '这个月及时率多少')).join('\n');
    expect(answer).not.toContain('月度分析');
    expect(answer).not.toContain('及时率 ');
  });
});
