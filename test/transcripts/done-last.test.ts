import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** The engineer's report as typed on the spot, the result first: "R0001 换了灯泡 好了" met 没有看到指令 (seen in play). */
describe('the done word last', () => {
  it('is 完成 with the words as the result; not yet done, almost done and a plan are not', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主孙', 'owners', '报修 8栋302 卫生间灯不亮了 随时 13800002222');
    await tr.say('业主孙', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单');
    for (const notYet of ['R0001 还没修好', 'R0001 快好了', 'R0001 修不好了 要换整个灯']) {
      expect((await tr.say('zhang', 'engineering', notYet)).join('\n')).not.toContain('已完成');
    }
    expect((await tr.store.getTicket('R0001'))?.status).toBe('accepted');
    const done = await tr.say('zhang', 'engineering', 'R0001 换了灯泡 好了');
    expect(done[0]).toBe('[engineering] R0001 已完成,已通知业主评价。');
    expect(done.join('\n')).toContain('您的报修 R0001 已处理完毕:换了灯泡 好了');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('completed');
  });
});
