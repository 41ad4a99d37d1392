import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): '@回音 R0002 能不能改到后天' from an owner with no R0002 (a mistyped number, or a neighbour's
 * ticket) was read back as a 咨询 to confirm, 内容:R0002 能不能改到后天. A number that is not the owner's open work is
 * answered as 查询 answers it, and nothing is registered or moved; the owner's own R0001 is untouched.
 */
describe('a ticket number that is not the owner\'s, with a change asked', () => {
  it('is answered that no such ticket is theirs', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 明天上午 13800138000', { mention: true });
    await tr.say('王女士', 'owners', '确认');
    expect(await tr.say('王女士', 'owners', 'R0002 能不能改到后天', { mention: true })).toEqual(['[owners] @王女士 没有找到您名下的工单 R0002。']);
    expect(await tr.say('李先生', 'owners', 'R0001 能不能改到后天', { mention: true })).toEqual(['[owners] @李先生 没有找到您名下的工单 R0001。']);
    expect(await tr.store.listTickets()).toHaveLength(1);
    expect((await tr.store.getTicket('R0001'))!.appointmentAt).toBe('2026-12-09T01:00:00.000Z');
  });
});
