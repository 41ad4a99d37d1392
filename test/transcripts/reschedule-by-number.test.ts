import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play in the owners' group, without @: "改到后天下午" moved the visit of R0001, but "R0001 改到后天下午" (the
 * number the bot told the owner to use) met silence, and the engineer kept the old time. The ticket number says the
 * message is about that work as @ does, and with two pieces of work open it says which one.
 */
describe('moving a visit with the ticket number in front', () => {
  it('moves the visit of the ticket named, in the group without @', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T02:00:00Z' });
    await tr.say('王女士', 'owners', '报修 6栋1单元1102 客厅空调不制冷 明天上午');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('王女士', 'owners', '报修 6栋1单元1102 卫生间灯不亮 明天上午');
    await tr.say('王女士', 'owners', '确认');
    const moved = (await tr.say('王女士', 'owners', 'R0001 改到后天下午')).join('\n');
    expect(moved).toContain('已更正 R0001:时间→12月9日 14:00–18:00');
    expect(moved).toContain('[engineering] 【业主更正】R0001');
    expect((await tr.store.getTicket('R0001'))?.appointmentAt).toBe('2026-12-09T06:00:00.000Z');
    expect((await tr.store.getTicket('R0002'))?.appointmentAt).toBe('2026-12-08T01:00:00.000Z');
    // Written without a space, and a question about it: the same ticket.
    expect((await tr.say('王女士', 'owners', 'r1能不能改到周六上午')).join('\n')).toContain('已更正 R0001:时间→12月12日 09:00–12:00');
    // Another owner's number moves nothing of hers.
    await tr.say('刘先生', 'owners', 'R0001 改到后天下午');
    expect((await tr.store.getTicket('R0001'))?.appointmentAt).toBe('2026-12-12T01:00:00.000Z');
  });
});
