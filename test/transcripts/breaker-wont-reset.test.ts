import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field8 notes): '@回音 报修 家里没电了 跳闸了合不上 3栋1单元1101' was read back as 类别:报修 with
 * 处理:管理处联系供电部门: the rest of the words was placed as a utility outage (4.3.2.4, 没电了 and a building). A
 * breaker that trips and will not reset is the flat's own circuit, work for the engineers (4.2.1.1,
 * rules/repair.yaml repair.breaker_wont_reset); a whole building without power is still the supplier's.
 */
describe('a tripped breaker that will not reset', () => {
  it('is a repair for the engineers, not an outage for the power company', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    // A repair asks when the engineer may come (an outage would not).
    expect((await tr.say('王女士', 'owners', '报修 家里没电了 跳闸了合不上 3栋1单元1101 电话13912345678', { mention: true })).join('\n')).toContain('方便师傅上门');
    const readBack = (await tr.say('王女士', 'owners', '随时', { mention: true })).join('\n');
    expect(readBack).toContain('类别:报修');
    expect(readBack).not.toContain('供电');
    const outage = (await tr.say('李先生', 'owners', '3栋停电了 整栋都没电', { mention: true })).join('\n');
    expect(outage).toContain('供电');
  });
});
