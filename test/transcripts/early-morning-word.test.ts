import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): '@回音 5栋2单元502 卫生间漏水 后天一早' was asked 请问什么时间方便师傅上门?, the time it gave
 * not read: 一早 / 一大早 is the early morning, as 早上 is (08:00–10:00). A story's '今天一早就开始漏水了' is still no visit.
 */
describe('一早 as the visit time', () => {
  it('is the early morning of that day', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    const readBack = (await tr.say('王女士', 'owners', '5栋2单元502 卫生间漏水 后天一早', { mention: true })).join('\n');
    expect(readBack).toContain('时间:12月10日 08:00–10:00');
    expect(readBack).toContain('内容:卫生间漏水\n');
    const story = (await tr.say('李先生', 'owners', '5栋2单元301 今天一早就开始漏水了 卫生间', { mention: true })).join('\n');
    expect(story).toContain('请问什么时间方便师傅上门');
  });
});
