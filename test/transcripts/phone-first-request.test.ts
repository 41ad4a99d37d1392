import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "@回音 电话13912345678 6栋801 洗衣机下水堵了 周六" was answered 没有找到您正在处理中的事项 (read as
 * 电话 + a new phone for a ticket the owner did not have); with a ticket open it would have rewritten that ticket's phone
 * and lost the new request.
 */
describe('a request that opens with the phone number', () => {
  it('is a request, with or without a ticket open; a phone alone or 电话改成… still corrects the open one', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const first = (await tr.say('小林', 'owners', '电话13912345678 6栋801 洗衣机下水堵了 周六', { mention: true })).join('\n');
    expect(first).toContain('请核对');
    expect(first).toContain('地点:6栋801');
    expect(first).toContain('内容:洗衣机下水堵了');
    await tr.say('小林', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13912345678');

    const second = (await tr.say('小林', 'owners', '电话13700001111 6栋801 阳台晾衣架断了 周日上午', { mention: true })).join('\n');
    expect(second).toContain('内容:阳台晾衣架断了');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13912345678');
    await tr.say('小林', 'owners', '取消');

    expect((await tr.say('小林', 'owners', '电话改成13700001111', { mention: true })).join('\n')).toContain('已更正 R0001');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13700001111');
  });
});
