import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): 张工, at the door, typed 'R0001 需要换配件 明天下午再来' and got 没有看到指令 with a
 * list of other commands; the owner heard nothing of the new time. Coming again with a time is a new visit (预约), as
 * 'R0001 明天上午10点上门' already was: the owner is told (policy 4.2.1.1, 5.2 告之业户解决时间).
 */
describe('an engineer saying when he comes again', () => {
  it('sets the visit and tells the owner', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T09:00:00+08:00' });
    await tr.say('刘阿姨', 'owners', '报修 8栋2单元601 热水器不出热水 今天下午');
    await tr.say('刘阿姨', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    const said = (await tr.say('zhang', 'engineering', 'R0001 需要换配件 明天下午再来')).join('\n');
    expect(said).toContain('R0001 预约时间:12月9日 14:00–18:00');
    expect(said).toContain('@刘阿姨 您的报修 R0001 预约在 12月9日 14:00–18:00');
    expect(said).not.toContain('没有看到指令');
  });
});
