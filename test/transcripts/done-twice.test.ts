import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 张工 typed '完成 修好了' in private, then '完成 R0001' and was told R0001 还差处理结果:请发「完成 R0001
 * 换了角阀…」; he did, and was told 工单 R0001 当前已完成待评价,不能完工 — sent round in a circle. Work already done now
 * says so first: when, with what result, and that 回复 tells the owner more (policy 5.4).
 */
describe('完成 on work already done', () => {
  it('says it is done, when and with what, instead of asking for a result it will then refuse', async () => {
    tr = await Transcript.open({ start: '2026-12-08T10:00:00+08:00' });
    await tr.say('王先生', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王先生', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-12-08T10:40:00+08:00');
    await tr.say('zhang', 'engineering', '完成 R0001 修好了');
    const expected = ['[engineering] R0001 已于 12月8日 10:40 完工(修好了),正等业主评价。要告诉业主更多,请发「回复 R0001 内容」。'];
    expect(await tr.say('zhang', 'engineering', '完成 R0001')).toEqual(expected);
    expect(await tr.say('zhang', 'engineering', '完成 R0001 换了个角阀')).toEqual(expected);
    // Nothing changed: the recorded result is the first one, and the owner heard once.
    expect((await tr.store.getTicket('R0001'))?.result).toBe('修好了');
  });
});
