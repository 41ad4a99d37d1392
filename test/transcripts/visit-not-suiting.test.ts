import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const at = async (number: string) => new Date((await tr.store.getTicket(number))?.appointmentAt ?? 0).toISOString();

/**
 * Seen in play (field8 notes): after a repair was recorded, '明天上午没空 后天下午吧' in the owners' group met silence (no
 * moving word, and 没空 says nobody is home), and the engineer was still told to come at the time that did not suit.
 * A clause saying the time does not suit and another with a time is a move (policy 4.2.1.1: the owner's appointment).
 * '明天下五' (五 typed for 午) was no time, and joined 内容 at the time question.
 */
describe('the booked time does not suit, another is said', () => {
  it('moves the visit, without @ too', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 12栋3单元1801 厨房下水道堵了 明天上午 13800138000');
    await tr.say('王女士', 'owners', '确认');
    const moved = (await tr.say('王女士', 'owners', '明天上午没空 后天下午吧')).join('\n');
    expect(moved).toContain('[engineering]');
    expect(await at('R0001')).toBe('2026-12-09T06:00:00.000Z');
    await tr.say('王女士', 'owners', '后天下午有事,周六上午来吧');
    expect(await at('R0001')).toBe('2026-12-12T01:00:00.000Z');
  });

  it('reads 下五 after a day as 下午', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水龙头漏水了 13800138000');
    const readBack = (await tr.say('王女士', 'owners', '明天下五')).join('\n');
    expect(readBack).toContain('内容:厨房水龙头漏水了\n');
    expect(readBack).toContain('时间:12月8日 14:00–18:00');
  });
});
