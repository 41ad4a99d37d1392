import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field8 notes): '帮我把R0001取消' and '麻烦R0001改到后天下午' in the owners' group met silence, while 'R0001
 * 取消' cancels and 'R0001 改到后天下午' moves the visit. Polite words before the number (rules/vocabulary/conversation.yaml
 * ticket_number_leads) do not hide it; only the owner's own work is touched.
 */
describe('a ticket number after polite words', () => {
  it('moves the visit and cancels the work named, only the owner’s own', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 12栋3单元1801 厨房下水道堵了 明天上午');
    await tr.say('王女士', 'owners', '确认');
    const moved = (await tr.say('王女士', 'owners', '麻烦R0001改到后天下午')).join('\n');
    expect(moved).toContain('[engineering]');
    expect(new Date((await tr.store.getTicket('R0001'))?.appointmentAt ?? 0).toISOString()).toBe('2026-12-09T06:00:00.000Z');
    // Another owner's number: nothing changes.
    expect((await tr.say('刘先生', 'owners', '帮我把R0001取消')).join('\n')).not.toContain('已取消');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
    const cancelled = (await tr.say('王女士', 'owners', '请帮我把R0001取消掉')).join('\n');
    expect(cancelled).toContain('已取消');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('closed');
  });
});
