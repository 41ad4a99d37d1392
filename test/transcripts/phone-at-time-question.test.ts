import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: asked when the engineer may come, the owner sent only "13611112222" and got the same question back
 * with no word about the number; they could not tell it had been taken.
 */
describe('a phone sent while the time is asked', () => {
  it('is kept and the owner told so, masked, before the time is asked again', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('小陈', 'owners', '报修 7栋2单元1101 空调外机滴水滴到楼下了')).join('\n')).toContain('什么时间方便师傅上门');
    const kept = (await tr.say('小陈', 'owners', '13611112222')).join('\n');
    expect(kept).toContain('好的,电话已记下:136****2222。');
    expect(kept).toContain('什么时间方便师傅上门');
    expect(kept).not.toContain('13611112222');
    const readBack = (await tr.say('小陈', 'owners', '明天上午吧')).join('\n');
    expect(readBack).toContain('电话:136****2222');
  });
});
