import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Policy 4.1.1: ask only what is missing. The matter itself answers 报修、投诉还是咨询 when its kind is plain. */
describe('the kind question answered with the matter', () => {
  it('"厨房的水管一直在滴水 5栋502" is taken as a repair, and neither the kind nor the problem is asked again', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('王女士', 'owners', '我想跟物业反映个事情', { mention: true })).at(-1)).toContain('报修(要修东西)');
    const next = await tr.say('王女士', 'owners', '厨房的水管一直在滴水 5栋502');
    expect(next.join('\n')).not.toContain('请问这是');
    expect(next.at(-1)).toContain('请问什么时间方便师傅上门');
    const readBack = (await tr.say('王女士', 'owners', '随时')).at(-1);
    expect(readBack).toContain('类别:报修');
    expect(readBack).toContain('地点:5栋502');
    expect(readBack).toContain('厨房的水管一直在滴水');
  });

  it('"就是楼上装修太吵了" in a private chat is taken as what the classifier makes of it, and its words kept', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('李先生', 'dm', '我想跟物业反映个事情')).at(-1)).toContain('请问这是');
    const next = await tr.say('李先生', 'dm', '就是楼上装修太吵了 3栋1201');
    expect(next.join('\n')).not.toContain('请问这是');
    const readBack = next.at(-1)!.includes('请核对') ? next.at(-1)! : (await tr.say('李先生', 'dm', '随时')).at(-1)!;
    expect(readBack).toContain('楼上装修太吵');
    expect(readBack).not.toContain('类别:咨询');
  });

  it('words that say nothing of the kind ("嗯 就是那个事") still get the question', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('周姐', 'dm', '我想跟物业反映个事情');
    expect((await tr.say('周姐', 'dm', '6栋301 就是那个事')).at(-1)).toContain('请问这是');
  });
});
