import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 周先生's leak, taken by 张工 and passed to 管理处, where 李主任 took it, was answered to 查询 R0001 with
 * "最迟 … 前处理好(制度5.2);受理后处理人会联系您" — as if nobody held it, right under 负责:管理处 · 李主任. Work someone
 * has taken now says who will call; work nobody has taken yet says as before that whoever takes it will.
 */
describe("an owner's 查询 of work someone has taken", () => {
  it('names who will call to fix a time', async () => {
    tr = await Transcript.open({ start: '2026-12-08T10:00:00+08:00' });
    await tr.say('周先生', 'owners', '报修 11栋2单元1202 阳台顶上渗水 13912345678 随时');
    await tr.say('周先生', 'owners', '确认');
    const waiting = (await tr.say('周先生', 'owners', '查询 R0001')).join('\n');
    expect(waiting).toContain('最迟 12月11日 10:00 前处理好(制度5.2);受理后处理人会联系您');

    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '转 R0001 管理处 楼上业主不让进 需要协调');
    await tr.say('li', 'office', '接单 R0001');
    const taken = (await tr.say('周先生', 'owners', '查询 R0001')).join('\n');
    expect(taken).toContain('负责:管理处 · 李主任');
    expect(taken).toContain('最迟 12月11日 10:00 前处理好(制度5.2);李主任会联系您约时间');
    expect(taken).not.toContain('受理后处理人会联系您');
  });
});
