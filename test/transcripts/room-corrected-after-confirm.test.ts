import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): right after 确认 recorded R0001 for 5栋2单元501, the owner wrote '不对 是502' in the group; it met
 * silence and the engineers kept the wrong door. The part of the room said right is a correction of the fresh record,
 * as it is before the read-back: 已更正 R0001:地点→5栋2单元502, and 工程班 told (policy 4.1.1 记清楚). Talk that merely
 * disagrees ('不对吧 我觉得是灯泡的问题') is left alone.
 */
describe('a part of the room corrected right after the record', () => {
  it('amends the record and tells the unit', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋2单元501 厨房下水道堵了 明天上午 13800138000', { mention: true });
    expect((await tr.say('王女士', 'owners', '确认')).join('\n')).toContain('已登记,编号 R0001');
    tr.clock.advance(60_000);
    const out = (await tr.say('王女士', 'owners', '不对 是502')).join('\n');
    expect(out).toContain('已更正 R0001:地点→5栋2单元502');
    expect(out).toContain('[engineering] 【业主更正】R0001:地点→5栋2单元502');
    expect((await tr.store.getTicket('R0001'))!.location).toMatchObject({ kind: 'room', room: '502' });
    expect(await tr.say('王女士', 'owners', '不对吧 我觉得是灯泡的问题')).toEqual([]);
  });
});
