import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12 task): '@回音 冷氣唔凍' (Cantonese: the air-con is not cooling) was answered 我来帮您登记。请问这是:
 * 报修…投诉…还是咨询?, though 空调不制冷 is a repair: no rule knew 不凉 / 不冷 / 不冻 (冷氣唔凍 is read 空调不冻). An
 * indoor repair is the engineers' (policy 4.2.1.1); rules/repair.yaml repair.not_cooling.
 */
describe('an air-con that does not cool is a repair (policy 4.2.1.1)', () => {
  it('in Cantonese and Mandarin, said to the bot', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const first = (await tr.say('王女士', 'owners', '冷氣唔凍', { mention: true })).join('\n');
    expect(first).not.toContain('请问这是');
    expect(first).toContain('请问是哪个房间');
    await tr.say('王女士', 'owners', '5座1201');
    expect((await tr.say('王女士', 'owners', '随时')).join('\n')).toContain('类别:报修\n地点:5栋1201\n内容:冷氣唔凍\n');
    for (const [who, text] of [['李先生', '3栋201 空调开了半天也不冷'], ['赵女士', '2栋502 客厅空调不凉']] as const) {
      expect((await tr.say(who, 'owners', text, { mention: true })).join('\n')).toContain('请问什么时间方便师傅上门');
    }
  });
});
