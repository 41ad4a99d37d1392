import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13, field14): '@回音 5栋2单元502 卫生间漏水 今天晚上' was asked 报修、投诉还是咨询: the learned gate
 * read 今天 as small talk, while the same words without their visit time are a repair. Where nothing placed the whole
 * text, the matter is classified without the time (as 登记 does for staff); talk with a time in it stays talk.
 */
describe('a visit time does not hide the matter', () => {
  it('reads back a repair said with its time, addressed or not', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    const readBack = (await tr.say('王女士', 'owners', '5栋2单元502 卫生间漏水 今天晚上', { mention: true })).join('\n');
    expect(readBack).toContain('类别:报修');
    expect(readBack).toContain('内容:卫生间漏水\n');
    expect(readBack).toContain('时间:12月8日 19:00–21:00');
    expect(readBack).not.toContain('还是咨询');
    const offer = (await tr.say('李先生', 'owners', '5栋2单元301 卫生间漏水 今天晚上')).join('\n');
    expect(offer).toContain('需要我帮您登记吗');
  });

  it('leaves neighbours talk with a time in it alone', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    expect(await tr.say('赵阿姨', 'owners', '今天晚上一起去吃饭吗')).toEqual([]);
    expect(await tr.say('赵阿姨', 'owners', '明天下午谁去打球')).toEqual([]);
  });
});
