import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "家里燃气灶打不着火了" was recorded as a repair marked 【重大】 (火情) and sent to company leadership,
 * since 着火 stands inside 打不着火. A stove that will not light is a routine repair (policy 4.2.1.1); a fire is still
 * a major matter (3.1).
 */
describe('a stove that will not light', () => {
  it('is a repair for the engineers, not a fire for the company leadership', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('赵阿姨', 'owners', '报修 6栋602 家里燃气灶打不着火了 明天上午十点 电话13912345678');
    const recorded = (await tr.say('赵阿姨', 'owners', '确认')).join('\n');
    expect(recorded).toContain('[engineering] 【新报修】R0001');
    expect(recorded).not.toContain('重大');
    expect(recorded).not.toContain('[managers]');

    const fire = (await tr.say('业主周', 'owners', '6栋楼道着火了 好大的烟', { mention: true })).join('\n');
    expect(fire).toContain('[managers]');
  });
});
