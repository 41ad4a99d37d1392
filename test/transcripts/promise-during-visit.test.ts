import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

/**
 * Seen in play (lead, 2026-12-07): a repair booked for 今天下午; 张工 at the door found a part missing and sent 承诺 R0001
 * 明天下午. 查 showed 现定 12月9日 18:00 and the owner was told so, yet at 18:00 the office got 【预约已过·超时】, the
 * owner an apology for a missed visit, and the digest counted it 超时. A promise set before the deadline replaces the
 * appointment (docs/timeliness.md D4, policy 5.2 告之业户解决时间).
 */
describe('a promise made during the appointment', () => {
  it('replaces it: no missed visit, not overdue until the promised time', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T09:00:00+08:00' });
    await tr.say('刘阿姨', 'owners', '报修 8栋2单元601 热水器不出热水 今天下午');
    await tr.say('刘阿姨', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-12-08T10:00:00+08:00');
    expect((await tr.say('zhang', 'engineering', '承诺 R0001 明天下午 等配件')).join('\n')).toContain('12月9日 18:00');
    // No reminder of the window the promise replaced (seen in play: 【预约提醒】 … 12月8日 14:00–18:00,请按时上门).
    tr.clock.set('2026-12-08T13:40:00+08:00');
    expect((await scan()).filter((l) => l.includes('R0001') && l.includes('预约'))).toEqual([]);
    tr.clock.set('2026-12-08T18:05:00+08:00');
    const evening = await scan();
    expect(evening.filter((l) => l.includes('R0001') && (l.includes('预约已过') || l.includes('超时') || l.includes('没能在预约时间')))).toEqual([]);
    expect((await tr.say('li', 'office', '超时')).join('\n')).not.toContain('R0001');
    // The promised time passes with no result: now it is overdue.
    tr.clock.set('2026-12-09T18:05:00+08:00');
    expect((await scan()).some((l) => l.includes('超时') && l.includes('R0001'))).toBe(true);
  });
});
