import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';
import { makeTicket } from '../reports/fixture.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

/**
 * Seen in play (field7 notes): 投诉 保安晚上睡觉 went to the office head and nobody took it for days. The bot said
 * 无人接单 once, at 60 minutes, in the chat the head reads anyway, then nothing until 即将到期 three days on. Policy
 * 3.1: the duty desk chases (跟催) and complaints the head does not settle go to leadership; 5.2: the owner is
 * contacted at once.
 */
describe('a complaint nobody takes is chased and escalated (policy 3.1, 4.2.3, 5.2)', () => {
  it('the head is chased again every few hours, leadership told after a day, and it stops once someone has it', async () => {
    tr = await Transcript.open({ start: '2026-11-27T09:00:00+08:00' });
    const at = tr.clock.now().toISOString();
    const complaint = await makeTicket(tr.store, { category: 'valid', at, description: '保安晚上在岗亭睡觉' });
    const repair = await makeTicket(tr.store, { category: 'repair', at, description: '走廊灯不亮' });
    const about = (n: string) => async () => (await scan()).filter((l) => l.includes(n));

    tr.clock.set('2026-11-27T10:01:00+08:00');
    expect(await about(complaint)()).toEqual([expect.stringMatching(/^\[office\] 【无人接单】C0001 .* 已60分钟仍无人接单/)]);
    tr.clock.set('2026-11-27T14:01:00+08:00');
    expect(await about(complaint)()).toEqual([
      '[office] 【投诉无人接单】C0001 5栋2单元502 保安晚上在岗亭睡觉 已5小时仍无人接单,业主在等联系(制度5.2),请主任接单或派单(制度3.1、4.2.3)。接单 C0001 · 派单 C0001 姓名',
    ]);
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-27T18:01:00+08:00');
    expect(await about(complaint)()).toEqual([expect.stringMatching(/^\[office\] 【投诉无人接单】C0001 .* 已9小时仍无人接单/)]);
    // A day without anyone taking it: leadership hears, once (3.1 上报公司领导).
    tr.clock.set('2026-11-28T09:01:00+08:00');
    const day = await about(complaint)();
    expect(day).toContain('[managers] 【投诉无人受理】C0001 5栋2单元502 保安晚上在岗亭睡觉 已24小时无人接单(管理处主任),报公司领导督办(制度3.1、5.2)。');
    expect((await tr.store.getTicket(complaint))!.escalatedTo).toBe('managers');
    // Leadership has it now: the head is not chased every four hours any more, but once a day, saying so.
    tr.clock.set('2026-11-28T13:01:00+08:00');
    expect(await about(complaint)()).toEqual([]);

    // A repair goes from its unit to the head and then runs on its deadline, as before.
    tr.clock.set('2026-11-28T17:01:00+08:00');
    expect(await about(repair)()).toEqual([]);
    tr.clock.set('2026-11-28T21:01:00+08:00');
    expect(await about(complaint)()).toEqual([]);

    tr.clock.set('2026-11-29T09:01:00+08:00');
    expect(await about(complaint)()).toEqual([
      '[office] 【投诉无人接单】C0001 5栋2单元502 保安晚上在岗亭睡觉 已48小时仍无人接单(已报公司领导),业主在等联系(制度5.2),请主任接单或派单(制度3.1、4.2.3)。接单 C0001 · 派单 C0001 姓名',
    ]);

    // Someone has it: no more chasing.
    await tr.say('li', 'office', `派单 ${complaint} 陈文员`);
    tr.clock.set('2026-11-29T13:01:00+08:00');
    expect((await about(complaint)()).filter((l) => l.includes('无人'))).toEqual([]);
  });

  it('runs on reminders.complaintChaseHours, not on the owner-prompt spacing (chaseIntervalHours)', async () => {
    tr = await Transcript.open({
      start: '2026-11-27T09:00:00+08:00',
      configure: (c) => ({ ...c, reminders: { ...c.reminders, complaintChaseHours: 2, chaseIntervalHours: 6 } }),
    });
    const complaint = await makeTicket(tr.store, { category: 'valid', at: tr.clock.now().toISOString(), description: '保安晚上在岗亭睡觉' });
    const chases = async () => (await scan()).filter((l) => l.includes(`【投诉无人接单】${complaint}`));
    tr.clock.set('2026-11-27T10:01:00+08:00');
    await scan();
    tr.clock.set('2026-11-27T12:01:00+08:00');
    expect(await chases()).toEqual([expect.stringContaining('已3小时仍无人接单')]);
    tr.clock.set('2026-11-27T14:01:00+08:00');
    expect(await chases()).toEqual([expect.stringContaining('已5小时仍无人接单')]);
  });
});
