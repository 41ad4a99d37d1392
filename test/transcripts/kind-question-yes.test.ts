import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12, field13): '确认' answered to 请问这是:报修、投诉还是咨询? got the same question again, and again at
 * every 确认. A yes says the owner wants it registered but not which kind: they are told once which words answer
 * (回复「报修」「投诉」或「咨询」), and a further yes is not answered again (policy 4.1.1 问清楚). The kind word still starts
 * the intake with what was said first.
 */
describe('a yes to the kind question', () => {
  it('is told which words are wanted, once, and the kind word still works', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const asked = (await tr.say('小王', 'owners', '7栋楼下有人吵架 好几个小时了', { mention: true })).join('\n');
    expect(asked).toContain('请问这是:报修');
    const hint = (await tr.say('小王', 'owners', '确认')).join('\n');
    expect(hint).toContain('请回复「报修」「投诉」或「咨询」');
    expect(hint).not.toContain('请问这是');
    expect(await tr.say('小王', 'owners', '确认')).toEqual([]);
    const readBack = (await tr.say('小王', 'owners', '投诉')).join('\n');
    expect(readBack).toContain('类别:投诉');
    expect(readBack).toContain('有人吵架');
  });
});
