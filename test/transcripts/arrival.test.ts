import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * An emergency as it was played: the engineer's "到了" (no number, typed at the lift) met silence while the family
 * waited to hear someone was there.
 */
describe('arriving at an emergency', () => {
  it('"到了" alone from each unit sent to an emergency tells the owner (a fire: the guards hold it, the engineers help)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const alarm = await tr.say('业主周', 'owners', '2栋3楼楼道着火了 好大的烟', { mention: true });
    expect(alarm.some((line) => line.startsWith('[security] 【紧急】S0001'))).toBe(true);
    expect(alarm.some((line) => line.startsWith('[engineering] 【紧急】S0001'))).toBe(true);

    const engineer = await tr.say('zhang', 'engineering', '到了');
    expect(engineer.join('\n')).toContain('[owners] @业主周 【S0001 回复】已到现场 —— 张工');
    const guard = await tr.say('wang', 'security', '已到现场!');
    expect(guard.join('\n')).toContain('[owners] @业主周 【S0001 回复】已到现场 —— 王队长');
  });

  it('with two jobs in hand the engineer is asked which; other words with 到了 in them are left alone', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主周', 'owners', '电梯又坏了 2栋 关了一个人在里面', { mention: true });
    expect((await tr.say('zhang', 'engineering', '到了')).join('\n')).toContain('【R0001 回复】已到现场 —— 张工');
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0002');
    const which = await tr.say('zhang', 'engineering', '到了');
    expect(which[0]).toContain('是哪一件?请写上编号,格式:到了 R0002');
    expect(which[0]).toContain('R0001');
    expect(which.join('\n')).not.toContain('[owners]');
    expect(await tr.say('zhang', 'engineering', '外卖到了')).toEqual([]);
    // a unit not sent to anything, holding nothing: no answer to choose from
    expect(await tr.say('chen', 'office', '到了')).toEqual([]);
  });
});
