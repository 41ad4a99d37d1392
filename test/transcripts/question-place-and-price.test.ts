import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field8 notes): '小区游泳池几点开' was read back with 地点:游泳池 — what a question asks about, not where
 * anyone must go; and a paid service kept the price question in 内容 ('想找人来家里做个保洁 大概多少钱'), though the bot had
 * just said the office quotes first (policy 4.2.2). The office and the engineers read the record, not the question.
 */
describe('a question’s place and a paid service’s price question', () => {
  it('a question names no place unless the owner gives one; the price question leaves 内容', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T09:00:00+08:00' });
    const question = (await tr.say('王女士', 'owners', '咨询 小区游泳池几点开', { mention: true })).join('\n');
    expect(question).toContain('类别:咨询');
    expect(question).toContain('内容:小区游泳池几点开');
    expect(question).not.toContain('地点:');
    await tr.say('王女士', 'owners', '取消');
    const paid = (await tr.say('李先生', 'owners', '有偿服务 想找人来家里做个保洁 大概多少钱 5栋502 周六上午 13800138000')).join('\n');
    expect(paid).toContain('内容:想找人来家里做个保洁\n');
    expect(paid).toContain('地点:5栋502');
    const glass = (await tr.say('赵女士', 'owners', '有偿服务 擦玻璃多少钱? 6栋101 周六上午 13900139000')).join('\n');
    expect(glass).toContain('内容:擦玻璃\n');
  });
});
