import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 陈文员's return visits as a clerk writes them, "回访 R0001 业主满意" and "回访 R0002 业主说灯还是闪", got
 * only the form 格式:回访 R0001 满意|不满意 [备注]. The owner's word before the verdict is read (policy 5.6), and words
 * that do not say whether the owner is satisfied get the two commands to copy, with what was said.
 */
describe('a return visit in a clerk’s words', () => {
  it('reads 业主满意, and asks which it was for 业主说灯还是闪', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    for (const [who, text] of [
      ['业主刘', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678'],
      ['业主周', '报修 2栋1单元301 卫生间灯不亮 随时 电话13812345678'],
    ]) {
      await tr.say(who!, 'owners', text!);
      await tr.say(who!, 'owners', '确认');
    }
    for (const n of ['R0001', 'R0002']) {
      await tr.say('zhang', 'engineering', `接单 ${n}`);
      await tr.say('zhang', 'engineering', `完成 ${n} 修好了`);
    }
    expect((await tr.say('chen', 'office', '回访 R0001 业主满意')).join('\n')).toContain('R0001');
    expect((await tr.store.getTicket('R0001' as never))?.status).toBe('closed');
    const unread = (await tr.say('chen', 'office', '回访 R0002 业主说灯还是闪')).join('\n');
    expect(unread).toContain('回访 R0002 不满意 业主说灯还是闪');
    expect((await tr.store.getTicket('R0002' as never))?.status).toBe('completed');
  });
});
