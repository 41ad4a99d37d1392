import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: with a repair booked for tomorrow morning, '明天上午没空' (no other time said) met silence, and the
 * engineer would come when nobody was home (policy 4.2.1.1, the owner's appointment). The owner is told the booked time
 * and how to move or cancel it; talk about another day, or with more in it, is left to the neighbours.
 */
describe('the booked time does not suit, and no other is said', () => {
  it('is answered with the booked time and how to move it', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋502 卫生间灯不亮 明天上午 13800138000');
    await tr.say('王女士', 'owners', '确认');
    const told = (await tr.say('王女士', 'owners', '明天上午没空')).join('\n');
    expect(told).toContain('R0001');
    expect(told).toContain('12月8日 09:00–12:00');
    expect(told).toContain('改到');
    expect(await tr.say('王女士', 'owners', '周六上午没空 不去爬山了')).toEqual([]);
    expect(await tr.say('王女士', 'owners', '后天没空')).toEqual([]);
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
  });
});
