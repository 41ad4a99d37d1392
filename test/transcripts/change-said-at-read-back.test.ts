import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): at the read-back of 5栋2单元501, '改成6栋' got the generic 请回复「确认」登记;要改哪一项直接说…,
 * and the 确认 after it recorded 5栋; '改成明天下午' in the group got the same hint. A change said as one (改成, 换成, 改到)
 * of a building, a room number or a time is that correction, as '不对 是6栋' already was (policy 4.1.1 复清楚).
 */
describe('a change said at the read-back', () => {
  it('changes the building, the room and the time', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元501 厨房水管漏水 随时 13800138000', { mention: true });
    expect((await tr.say('王女士', 'owners', '改成6栋')).join('\n')).toContain('地点:6栋2单元501\n');
    expect((await tr.say('王女士', 'owners', '换成502')).join('\n')).toContain('地点:6栋2单元502\n');
    expect((await tr.say('王女士', 'owners', '改成明天下午')).join('\n')).toContain('时间:12月9日 14:00–18:00');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))!.location).toMatchObject({ building: '6', room: '502' });
  });

  it('changes the building of a public place', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('李先生', 'owners', '5栋门口的路灯坏了', { mention: true });
    expect((await tr.say('李先生', 'owners', '改成6栋')).join('\n')).toContain('地点:6栋门口的路灯\n');
  });
});
