import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/clock.ts';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { scheduledJobs } from '../../src/jobs/scheduled-jobs.ts';
import { render, Transcript } from '../helpers/transcript.ts';
import { makeTicket } from '../reports/fixture.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scanner = () => new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) });
const scan = async (f = scanner()) => (await f.scan()).map(render);
const history = async (n: string) => (await tr.store.getTicket(n))!.history;

async function ownerReports(text = '报修 5栋2单元502 厨房水管漏水 13800138000 随时', who = '王女士') {
  await tr.say(who, 'owners', text);
  return tr.say(who, 'owners', '确认');
}

describe("first response clock (policy 5.2): the unit, then the head, each once; the bot's own reminders are not 4.3.1.5 prompts", () => {
  it('fires each step once and only once, even across a restart', async () => {
    tr = await Transcript.open();
    await ownerReports();
    tr.clock.advance(29 * MINUTE);
    expect(await scan()).toEqual([]);
    tr.clock.advance(2 * MINUTE);
    const first = await scan();
    expect(first).toEqual([expect.stringMatching(/^\[engineering\] 【待接单提醒】R0001 5栋2单元502 厨房水管漏水 已30分钟无人接单/)]);
    expect(await scan()).toEqual([]);
    tr.clock.advance(MINUTE);
    expect(await scan()).toEqual([]);

    // Restart: a new store and a new job on the same data directory remember what was sent.
    await tr.store.close();
    const clockAt = tr.clock.now().toISOString();
    tr = await Transcript.open({ dataDir: tr.dataDir, start: clockAt });
    expect(await scan()).toEqual([]);

    tr.clock.set('2026-11-27T10:00:00+08:00');
    const second = await scan();
    // No office_head chat in the sample: the office chat reads the head's notices.
    expect(second[0]).toMatch(/^\[office\] 【无人接单】R0001 .* 已60分钟仍无人接单\(工程班\)/);
    expect(second).toHaveLength(1);
    const events = await history('R0001');
    expect(events.filter((e) => e.type === 'nudged').map((e) => e.type === 'nudged' && e.reason)).toEqual(['first_response', 'first_response']);
    expect(events.filter((e) => e.type === 'escalated')).toEqual([]);
    tr.clock.advance(HOUR);
    expect(await scan()).toEqual([]);
  });

  it('acceptance stops the clock', async () => {
    tr = await Transcript.open();
    await ownerReports();
    tr.clock.advance(10 * MINUTE);
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.advance(2 * HOUR);
    expect(await scan()).toEqual([]);
  });

  it('after downtime only the latest step of a clock goes', async () => {
    tr = await Transcript.open();
    await ownerReports();
    tr.clock.advance(3 * HOUR);
    const out = await scan();
    expect(out.filter((l) => l.includes('待接单提醒'))).toEqual([]);
    expect(out.filter((l) => l.includes('无人接单'))).toHaveLength(1);
    expect(await scan()).toEqual([]);
  });
});

describe('appointment clock (4.2.1.1)', () => {
  it('reminds the handler before, tells the office and the owner when it is missed', async () => {
    tr = await Transcript.open();
    await ownerReports('报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点');
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-11-28T12:59:00+08:00');
    expect((await scan()).filter((l) => l.includes('预约'))).toEqual([]);
    tr.clock.set('2026-11-28T13:00:00+08:00');
    expect(await scan()).toEqual(['[engineering] 【预约提醒】@张工 R0001 5栋2单元502 厨房水管漏水 预约 11月28日 14:00,请按时上门。']);
    tr.clock.set('2026-11-28T16:01:00+08:00');
    const missed = await scan();
    // The appointment is the repair's deadline: missed and overdue in one notice (missed-and-overdue.test.ts).
    expect(missed).toEqual([
      expect.stringMatching(/^\[office\] 【预约已过·超时】R0001 .* 预约 11月28日 14:00 已过仍未完工,.*现已超时\(张工\)/),
      '[owners] @王女士 您的报修 R0001 没能在预约时间内完成,非常抱歉。管理处正在跟进,会尽快和您确认新的时间。',
    ]);
    expect(await scan()).toEqual([]);
    // A new appointment is a new clock.
    await tr.say('zhang', 'engineering', '预约 R0001 明天上午十点');
    tr.clock.set('2026-11-29T09:00:00+08:00');
    expect(await scan()).toEqual([expect.stringContaining('【预约提醒】@张工 R0001')]);
  });
});

describe('resolution deadline (5.2): warning, office head when overdue, leadership when far overdue', () => {
  it('escalates step by step; quiet hours hold a non-urgent warning until morning', async () => {
    tr = await Transcript.open();
    await ownerReports();
    await tr.say('zhang', 'engineering', '接单 R0001');
    // Deadline: 3 days after the request, 11-30 09:00; the warning at 05:00 falls in quiet hours.
    tr.clock.set('2026-11-30T05:00:00+08:00');
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-30T08:00:00+08:00');
    expect(await scan()).toEqual(['[engineering] 【即将到期】@张工 R0001 5栋2单元502 厨房水管漏水 应于 11月30日 09:00 前办结。']);
    tr.clock.set('2026-11-30T09:05:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【超时】R0001 .*\(张工\),请主任督办/)]);
    tr.clock.set('2026-12-01T09:05:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[managers\] 【严重超时】R0001 /)]);
    expect((await tr.store.getTicket('R0001'))!.escalatedTo).toBe('managers');
    expect(await scan()).toEqual([]);
    // Two prompts from the owner about work already due, the handler given a fair chance in between
    // (reminders.chaseIntervalHours): the second opens a complaint entry (4.3.1.5) at once.
    await tr.say('王女士', 'owners', '催单 R0001');
    tr.clock.set('2026-12-01T13:05:00+08:00');
    const flagged = await tr.say('王女士', 'owners', '催单 R0001');
    expect(flagged).toContain('[office] 【有效投诉 4.3.1.5】R0001 5栋2单元502 厨房水管漏水 已到期未办,业主催办2次仍未办理,已记入投诉记录表 C0001,请主任跟进。');
    expect(await scan()).toEqual([]);
    // A promise made after the deadline passed is recorded, but it is no new clock (docs/timeliness.md D5): the
    // daily chase goes on until the work is done.
    expect(await tr.say('zhang', 'engineering', '承诺 R0001 明天18点 等厂家配件')).toEqual([
      '[engineering] R0001 承诺 12月2日 18:00 前处理完毕。(已超过原定时限 11月30日 09:00,新时间照常跟进,不改变及时性)',
      expect.stringContaining('[owners]'),
    ]);
    // The complaint entry is work of its own for the office head, on its own clocks; here we follow R0001.
    const r1 = async () => (await scan()).filter((l) => l.includes('R0001 5栋'));
    tr.clock.set('2026-12-02T09:01:00+08:00');
    expect(await r1()).toEqual(['[engineering] 【每日督办】@张工 R0001 5栋2单元502 厨房水管漏水 应于 11月30日 09:00 前办结,已超时2天,已报公司领导,请今日办结或回复进展(制度3.1、5.3)。']);
    tr.clock.set('2026-12-02T18:01:00+08:00');
    expect(await r1()).toEqual([]);
    tr.clock.set('2026-12-03T09:01:00+08:00');
    expect(await r1()).toEqual([expect.stringContaining('【每日督办】@张工 R0001')]);
    await tr.say('zhang', 'engineering', '完成 R0001 换了配件');
    tr.clock.set('2026-12-04T09:01:00+08:00');
    expect((await scan()).filter((l) => l.includes('督办'))).toEqual([]);
  });

  it('at night only major matters reach staff; owners hear in the morning', async () => {
    tr = await Transcript.open({ start: '2026-11-27T21:00:00+08:00' });
    const at = tr.clock.now().toISOString();
    await makeTicket(tr.store, { category: 'repair', at, description: '阳台灯不亮' });
    await makeTicket(tr.store, { category: 'repair', at, description: '电梯困人', major: true });
    tr.clock.set('2026-11-27T22:30:00+08:00');
    // Both are past the first-response time; only the major one goes at night, to the unit and then the head.
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【无人接单】R0002 .*电梯困人/)]);
    tr.clock.set('2026-11-28T08:00:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【无人接单】R0001 .*阳台灯不亮/)]);
  });
});

describe('return visits (5.6)', () => {
  async function complete(text: string) {
    await ownerReports(text);
    await tr.say('chen', 'office', '接单 R0001').catch(() => undefined);
  }

  it('repair (when unrated): one polite reminder to the owner, then a task for the office; held at night', async () => {
    tr = await Transcript.open({ start: '2026-11-27T20:00:00+08:00' });
    await ownerReports();
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-11-27T23:00:00+08:00');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    tr.clock.set('2026-11-28T23:00:00+08:00');
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-29T08:00:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[owners\] @王女士 您的报修 R0001 已处理完毕,方便时请回复/)]);
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-29T23:00:00+08:00');
    expect(await scan()).toEqual([]);
    tr.clock.set('2026-11-30T08:00:00+08:00');
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【回访任务】R0001 .* 业主未评价,请联系业主回访/)]);
    expect(await scan()).toEqual([]);
  });

  it('a rated repair needs nothing more; an unhappy owner makes a task at once', async () => {
    tr = await Transcript.open();
    await ownerReports();
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    await tr.say('王女士', 'owners', '不满意 还在滴水');
    const out = await scan();
    expect(out).toEqual([expect.stringMatching(/^\[office\] 【回访任务】R0001 .* 业主不满意,请尽快回访/)]);
    expect(await scan()).toEqual([]);
  });

  it('complaints always get a return-visit task; consultations never; per-category config overrides', async () => {
    tr = await Transcript.open({
      configure: (c) => ({ ...c, reminders: { ...c.reminders, categories: { consult: { returnVisit: 'always' }, repair: { returnVisit: 'never' } } } }),
    });
    const at = tr.clock.now().toISOString();
    const staff = { kind: 'staff' as const, platform: 'console' as const, id: 'chen', name: '陈文员' };
    const handler = { platform: 'console' as const, id: 'chen', name: '陈文员' };
    for (const category of ['valid', 'consult', 'repair'] as const) {
      const n = await makeTicket(tr.store, { category, at, description: `${category} 事项` });
      await tr.store.appendEvent(n, { type: 'accepted', handler, at, by: staff });
      await tr.store.appendEvent(n, { type: 'completed', result: '已处理', at, by: staff });
    }
    const out = await scan();
    expect(out.filter((l) => l.includes('【回访任务】')).map((l) => /[RCS]\d{4}/.exec(l)?.[0])).toEqual(['C0001', 'S0001']);
    tr.clock.advance(3 * 24 * HOUR);
    expect((await scan()).filter((l) => l.includes('R0001'))).toEqual([]);
    void complete;
  });
});

describe('the jobs a running bot starts', () => {
  it('follow-up, daily digest and monthly report at their cron times; the monthly one reports last month', async () => {
    tr = await Transcript.open({ start: '2026-12-01T09:00:00+08:00' });
    const jobs = scheduledJobs({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) });
    expect(jobs.map((j) => [j.name, j.cron])).toEqual([
      ['follow-up', '*/5 * * * *'],
      ['daily-digest', '0 18 * * *'],
      ['monthly-report', '0 9 1 * *'],
    ]);
    const monthly = await jobs[2]!.run();
    expect(monthly.map(render)).toEqual([expect.stringMatching(/^\[managers\] 【阳光家园 2026-11 月度分析】/)]);
    const digest = await jobs[1]!.run();
    expect(digest.map(render)[0]).toMatch(/^\[managers\] 【阳光家园 日报 11月30日】/);
  });
});
