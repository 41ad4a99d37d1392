import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12): '@回音 我家卫生见马桶赌了 6栋2单元1101 明天下五' (堵 typed 赌, 间 typed 见, 午 typed 五: the same
 * sounds on a pinyin keyboard) was asked 请问这是:报修、投诉还是咨询 — no rule knew 赌 for 堵. After a drain word it is now
 * the blockage it means (rules/repair.yaml repair.blocked_typed_by_sound; policy 4.2.1.1); '今晚赌了一把' is not.
 */
describe('堵 typed 赌 after a drain is a repair', () => {
  it('is read back as a repair with its time; gambling talk is not', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '我家卫生见马桶赌了 6栋2单元1101 明天下五', { mention: true })).join('\n');
    expect(readBack).toContain('类别:报修\n地点:6栋2单元1101\n内容:我家卫生见马桶赌了\n时间:');
    expect(await tr.say('李先生', 'owners', '今晚赌了一把 输了')).toEqual([]);
  });
});
