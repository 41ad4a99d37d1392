import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "报修 …马桶堵了 下午3点以后都在" was asked 请问什么时间方便师傅上门? as if no time had been said; "下午在家" was
 * read, "都在" (someone is home) was not. A time with the problem still in it stays the problem.
 */
describe('someone home, said without 家', () => {
  it('"下午3点以后都在" and "明天下午三点后都有人" are the visit time; "卫生间下午都在滴水" is not', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T10:00:00+08:00' });
    const first = (await tr.say('刘阿姨', 'owners', '报修 3栋1单元801卫生间马桶堵了 下午3点以后都在')).join('\n');
    expect(first).toContain('时间:12月7日 15:00–18:00');
    await tr.say('刘阿姨', 'owners', '取消');
    const second = (await tr.say('刘阿姨', 'owners', '报修 3栋1单元801卫生间马桶堵了 明天下午三点后都有人')).join('\n');
    expect(second).toContain('时间:12月8日 15:00–18:00');
    await tr.say('刘阿姨', 'owners', '取消');
    const story = (await tr.say('刘阿姨', 'owners', '报修 3栋1单元801 卫生间下午都在滴水')).join('\n');
    expect(story).toContain('请问什么时间方便师傅上门');
  });
});
