import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

async function bookedRepair() {
  await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点');
  await tr.say('王女士', 'owners', '确认');
  await tr.say('zhang', 'engineering', '接单 R0001');
}

describe("a repair's missed appointment is its deadline (4.2.1.1, 5.2): one notice, not 【预约已过】 and 【超时】 in one minute", () => {
  it('the office chat, read by the head as well, gets one notice that says both; the owner hears as before', async () => {
    tr = await Transcript.open();
    await bookedRepair();
    // The window 14:00–16:00 is the deadline: work done at 16:00 itself is in time.
    tr.clock.set('2026-11-28T16:00:00+08:00');
    expect((await scan()).filter((l) => !l.includes('预约提醒'))).toEqual([]);
    tr.clock.set('2026-11-28T16:05:00+08:00');
    const late = await scan();
    const office = late.filter((l) => l.startsWith('[office]'));
    expect(office).toEqual([
      '[office] 【预约已过·超时】R0001 5栋2单元502 厨房水管漏水 预约 11月28日 14:00 已过仍未完工,应于 11月28日 16:00 前办结,现已超时(张工)。请主任督办,管理处告知业主新的时间(制度4.2.1.1、5.2)。',
    ]);
    expect(late.filter((l) => l.startsWith('[owners]'))).toEqual([expect.stringContaining('没能在预约时间内完成')]);
    expect(await scan()).toEqual([]);
    // Both reminders are on the record, so a later scan sends neither again.
    const nudges = (await tr.store.getTicket('R0001'))!.history.flatMap((e) => (e.type === 'nudged' ? [e.reason] : []));
    expect(nudges).toEqual(expect.arrayContaining(['appointment', 'deadline']));
    tr.clock.set('2026-11-28T18:00:00+08:00');
    expect((await scan()).filter((l) => l.includes('R0001'))).toEqual([]);
  });

  it('with a chat of its own the head gets 【超时】 and the office 【预约已过】, each what it acts on', async () => {
    tr = await Transcript.open({
      configure: (c) => ({ ...c, chats: [...c.chats, { ...c.chats.find((x) => x.role === 'office')!, id: 'head', role: 'office_head', title: '主任' }] }),
    });
    await bookedRepair();
    tr.clock.set('2026-11-28T16:05:00+08:00');
    const late = (await scan()).filter((l) => !l.startsWith('[owners]'));
    expect(late).toEqual([expect.stringMatching(/^\[office\] 【预约已过】R0001 /), expect.stringMatching(/^\[head\] 【超时】R0001 /)]);
  });
});
