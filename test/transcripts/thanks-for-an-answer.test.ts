import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: '@回音 物业电话多少' was answered with the service card and logged (S0001, 值班记录本); the owner's
 * '@回音 谢谢' then got 谢谢您的评价!S0001 已按「满意」记录并结案 — thanked for a rating nobody asked for. A question the
 * bot answered itself is not work awaiting the owner's rating: thanks for it are thanks, and the ratings said after a
 * repair go to the repair even when a question was answered since.
 */
describe('thanks after the bot answered a question', () => {
  it('are answered 不客气, not taken for a rating of the answer', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('黄女士', 'owners', '物业电话多少', { mention: true })).join('\n')).toContain('已登记,编号 S0001');
    const thanks = (await tr.say('黄女士', 'owners', '谢谢', { mention: true })).join('\n');
    expect(thanks).toContain('不客气');
    expect(thanks).not.toContain('评价');
    expect((await tr.store.getTicket('S0001'))?.ratings).toBeUndefined();
  });

  it('a rating after a repair rates the repair, though a question was answered after it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('黄女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('黄女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    await tr.say('黄女士', 'owners', '物业电话多少', { mention: true });
    expect((await tr.say('黄女士', 'owners', '满意')).join('\n')).toContain('R0001');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('closed');
    expect((await tr.say('黄女士', 'owners', '谢谢师傅 修得挺好')).join('\n')).not.toContain('S0001');
  });
});
