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
 * Seen in play (npm start): a paid service asked for 这周六上午, four days off, showed 时限:12月11日 · 受理后72小时 in
 * 查, a day before the owner's own Saturday: the office would be chased and counted late for keeping the owner's
 * time. A visit arranged for the owner's day after the three days is when the work is due (docs/timeliness.md D7,
 * policy 4.2.2).
 */
describe("a paid service on the owner's day, beyond three days", () => {
  it('is due by the end of that visit, and nobody is told it is overdue before then', async () => {
    // Tuesday 09:00 in Beijing; the owner asks for Saturday morning.
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T09:00:00+08:00' });
    await tr.say('黄女士', 'owners', '有偿服务 清洗油烟机 5栋3单元1101 这周六上午 13700001111');
    await tr.say('黄女士', 'owners', '确认');
    await tr.say('li', 'office', '接单 S0001');
    const view = (await tr.say('li', 'office', '查 S0001')).join('\n');
    expect(view).toContain('时限:12月12日 12:00 · 业主预约时间(制度4.2.2)');
    const owner = (await tr.say('黄女士', 'owners', '查询 S0001')).join('\n');
    expect(owner).toContain('按您的预约,最迟 12月12日 12:00 前处理好(制度4.2.2)');
    // Friday noon, past the three days: no overdue notice for work due on Saturday.
    tr.clock.set('2026-12-11T13:00:00+08:00');
    expect((await scan()).filter((l) => l.includes('超时'))).toEqual([]);
    // Sunday, the visit long past and no result: now it is overdue.
    tr.clock.set('2026-12-13T10:00:00+08:00');
    expect((await scan()).some((l) => l.includes('超时') && l.includes('S0001'))).toBe(true);
  });
});
