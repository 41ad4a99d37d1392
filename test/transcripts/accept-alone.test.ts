import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Seen in play: the engineer's "接了" under a new-work notice met silence, while "接单" alone took the ticket. */
describe('"接了" alone under a new-work notice', () => {
  it('takes the one waiting ticket, asks which of two, and leaves 收到 and talk with nothing waiting alone', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    expect(await tr.say('zhang', 'engineering', '接了')).toEqual([]);
    await tr.say('业主刘', 'owners', '报修 3栋1单元1202 厨房水龙头关不紧一直滴 随时 电话13912345678');
    await tr.say('业主刘', 'owners', '确认');
    expect(await tr.say('zhang', 'engineering', '收到')).toEqual([]);
    const taken = (await tr.say('zhang', 'engineering', '接了')).join('\n');
    expect(taken).toContain('R0001 已由 张工 受理');
    expect(taken).toContain('[owners] @业主刘 您的报修 R0001 已由 张工 受理');

    await tr.say('业主周', 'owners', '报修 2栋1单元301 卫生间灯不亮 随时 电话13812345678');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('业主吴', 'owners', '报修 2栋2单元502 阳台门锁坏了 随时 电话13712345678');
    await tr.say('业主吴', 'owners', '确认');
    const which = (await tr.say('zhang', 'engineering', '我接了!')).join('\n');
    expect(which).toContain('是哪一件');
    expect(which).toContain('R0002');
    expect(which).toContain('R0003');
    expect((await tr.store.getTicket('R0002'))?.status).toBe('open');
  });
});
