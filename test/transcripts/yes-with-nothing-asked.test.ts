import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field10 task): '@回音 好的' after 已登记 got 不客气 — an answer to thanks nobody gave. A yes-word with
 * nothing asked is taken as heard, as a clerk would: the work in progress named if there is some. Thanks still get
 * 不客气; '好的' without @ in the group is not answered.
 */
describe('a yes-word when nothing was asked', () => {
  it('is taken as heard; thanks get 不客气', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const before = (await tr.say('王女士', 'owners', '好的', { mention: true })).join('\n');
    expect(before).not.toContain('不客气');
    expect(before).toContain('好的');
    await tr.say('王女士', 'owners', '报修 5栋502 卫生间灯不亮 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    expect(await tr.say('王女士', 'owners', '好的')).toEqual([]);
    const heard = (await tr.say('王女士', 'owners', '好的', { mention: true })).join('\n');
    expect(heard).not.toContain('不客气');
    expect(heard).toContain('R0001');
    expect((await tr.say('王女士', 'owners', '好的谢谢', { mention: true })).join('\n')).toContain('不客气');
  });
});
