import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field14): the visit booked for 12月9日 14:00–18:00, the owner's '师傅怎么还没来 等了一下午了' at 09:38
 * that day got only 已催促张工尽快处理 R0001. The chase still goes; the owner is also told the time booked, which has not
 * come yet, and how to move it (policy 4.2.1.1, 5.3). Once the window has begun, the reply is as before.
 */
describe('a chase before the booked visit', () => {
  it('tells the owner the time booked', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T11:38:00+08:00' });
    await tr.say('王女士', 'owners', '7栋502 空调不制冷 明天下午 13900001111', { mention: true });
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-12-09T09:38:00+08:00');
    const early = (await tr.say('王女士', 'owners', '师傅怎么还没来 等了一下午了')).join('\n');
    expect(early).toContain('【催单】@张工');
    expect(early).toContain('现在约的上门时间是 12月9日 14:00–18:00');
    tr.clock.set('2026-12-09T17:38:00+08:00');
    const late = (await tr.say('王女士', 'owners', '师傅怎么还没来')).join('\n');
    expect(late).toContain('【催单】@张工');
    expect(late).not.toContain('现在约的上门时间');
  });
});
