import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import type { OutgoingMessage } from '../../src/messages.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const SAMPLE_ROSTER = join(import.meta.dirname, '../../config/duty.sample.yaml');
/** Who a message goes to: a staff member's private chat by name, else the chat's id. */
const show = (m: OutgoingMessage) => `[${m.chat.id.replace(/^dm-/, '私聊 ')}] ${m.text}`;

async function withRoster(start: string): Promise<{ scan: () => Promise<string[]> }> {
  tr = await Transcript.open({ start, configure: (c) => ({ ...c, dutyRoster: join(c.dataDir, 'duty.yaml') }) });
  await copyFile(SAMPLE_ROSTER, join(tr.dataDir, 'duty.yaml'));
  const followUp = new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) });
  return { scan: async () => (await followUp.scan()).map(show) };
}

describe('night and weekend reminders follow the duty roster (policy 3.1: a 24-hour duty desk; issue 24)', () => {
  it('at night only the person on duty hears, privately; with nobody on duty it waits; owners never hear at night', async () => {
    // Friday 2026-11-27 21:50: the sample roster has 张工 on engineering's weeknight shift, 李主任 on the weekend.
    const { scan } = await withRoster('2026-11-27T21:50:00+08:00');
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');

    // 30 minutes without acceptance, in quiet hours: 张工 on duty, privately; the engineering chat sleeps.
    tr.clock.set('2026-11-27T22:21:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[私聊 zhang\] 【值班】【待接单提醒】R0001 5栋2单元502 厨房水管漏水 已30分钟无人接单/)]);
    // The head's step at 60 minutes: nobody holds the office head's duty on a Friday night, so it waits …
    tr.clock.set('2026-11-27T22:51:00+08:00');
    expect(await scan()).toEqual([]);
    // … until 李主任's weekend shift begins at midnight.
    tr.clock.set('2026-11-28T00:01:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[私聊 li\] 【值班】【无人接单】R0001 .* 已\d+分钟仍无人接单\(工程班\),请主任安排/)]);
    expect(await scan()).toEqual([]);

    // 张工 takes it and books 01:00–03:00; the visit is missed.
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '预约 R0001 凌晨1点');
    tr.clock.set('2026-11-28T03:01:00+08:00');
    // The office and the head hear through 李主任 (the weekend shift covers both), in one notice; the owner's notice
    // waits for morning.
    expect(await scan()).toEqual([
      '[私聊 li] 【值班】【预约已过·超时】R0001 5栋2单元502 厨房水管漏水 预约 11月28日 01:00 已过仍未完工,应于 11月28日 03:00 前办结,现已超时(张工)。请主任督办,管理处告知业主新的时间(制度4.2.1.1、5.2)。',
    ]);
    tr.clock.set('2026-11-28T07:59:00+08:00');
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-28T08:01:00+08:00');
    const morning = await scan();
    expect(morning).toEqual([expect.stringMatching(/^\[owners\] @王女士 /)]);

    // The ticket's record says who was told, and through whom.
    const record = (await tr.say('li', 'dm', '查 R0001')).join('\n');
    expect(record).toContain('通知工程班(值班 张工)');
    expect(record).toContain('通知管理处主任(值班 李主任)');
  });

  it('by day at the weekend the unit chat hears as always, and the person on duty privately as well', async () => {
    const { scan } = await withRoster('2026-11-28T10:00:00+08:00');
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    tr.clock.set('2026-11-28T10:31:00+08:00');
    // Nobody is on engineering's duty on Saturday by day: the chat alone.
    expect(await scan()).toEqual([expect.stringMatching(/^\[engineering\] 【待接单提醒】R0001/)]);
    tr.clock.set('2026-11-28T11:01:00+08:00');
    // The head's step: the office chat (the sample has no head's chat) and 李主任 privately.
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【无人接单】R0001/), expect.stringMatching(/^\[私聊 li\] 【值班】【无人接单】R0001/)]);
  });

  it('without a roster, nights are as before: staff reminders wait for morning unless major', async () => {
    tr = await Transcript.open({ start: '2026-11-27T21:50:00+08:00' });
    const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(show);
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    tr.clock.set('2026-11-27T22:21:00+08:00');
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-28T08:01:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【无人接单】R0001/)]);
  });
});
