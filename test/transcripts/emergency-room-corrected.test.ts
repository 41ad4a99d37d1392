import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: after an emergency (水漫出来了) the owner answered 为了尽快找到您 with '3动502', then '不对 是3栋503'.
 * The record kept 3栋502; the correction only reached the engineers as words, and the ledger and 查 showed the wrong
 * door.
 */
describe('an emergency whose room the owner corrects', () => {
  it.each([
    ['不对 是3栋503', '3栋503'],
    ['写错了 是503', '3栋503'],
    ['是3栋503 不是3栋502', '3栋503'],
  ])('%s puts the new room on the record and tells the responders', async (said, room) => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const first = (await tr.say('陈阿姨', 'dm', '我家厨房的下水道堵了 水漫出来了')).join('\n');
    expect(first).toContain('【紧急】已登记 R0001');
    await tr.say('陈阿姨', 'dm', '3动502');
    expect((await tr.store.getTicket('R0001'))?.location).toMatchObject({ kind: 'room' });
    const out = (await tr.say('陈阿姨', 'dm', said)).join('\n');
    expect(out).toContain(room);
    const ticket = await tr.store.getTicket('R0001');
    expect(ticket?.location?.text ?? '').toContain(room.replace('3栋', ''));
    expect(JSON.stringify(ticket?.location)).not.toContain('502');
  });

  it('a room said again without saying the first was wrong is only passed on', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('陈阿姨', 'dm', '我家厨房的下水道堵了 水漫出来了');
    await tr.say('陈阿姨', 'dm', '3栋502');
    await tr.say('陈阿姨', 'dm', '3栋502 快点');
    expect(JSON.stringify((await tr.store.getTicket('R0001'))?.location)).toContain('502');
  });
});
