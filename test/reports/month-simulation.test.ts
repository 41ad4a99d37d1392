/**
 * Issue 24's "done when": a simulated November (test/reports/month-sim-fixture.ts, every line of docs/timeliness.md)
 * with an injected clock. The rates per ledger, unit and handler, and the ledgers' 是否及时 column, are checked against
 * verdicts worked out by hand below. The reports and the exports then have to agree, on Dec 1 and again after December
 * decided November's pending work (补报).
 *
 * Verdicts at the report (Dec 1 09:00), holder per docs/timeliness.md A1:
 *   R0001 及时 张工 · R0002 不及时 张工 · R0003 及时 张工 · R0004 不及时 张工 (D5) · R0005 不及时 刘工 (D5)
 *   R0006 及时 刘工 (D4) · R0007 及时 张工 (D1) · R0008 不及时 张工 (J4) · R0009 不及时 张工 (J3)
 *   R0010 不及时 张工 (J6) · R0011 不及时 工程班未接单 (J6) · R0012 不计 (J5) · R0013 不及时 张工 (A1, done by 陈文员)
 *   R0014 及时 刘工 (A1) · R0015 超时未办 工程班未接单 (J9) · R0016 待定 张工 · R0017 待定 刘工
 *   C0001 及时 李主任 · C0002 不及时 陈文员 · C0003 (4.3.1.5 entry for R0015) 及时 李主任 · C0004 待定
 *   S0001 不计 (the FAQ answered it, J10) · S0002 及时 陈文员 (reply, J7) · S0003 及时 陈文员 (reply, J7) · S0004 不及时 陈文员
 *   S0005 不计 (J5) · S0006 超时未办 管理处未接单 (J9)
 * Repair notice: 及时 R1 R3 R6 R7 R14 = 5; counted 17 − R12 − R16 − R17 = 14 → 35.7 %.
 * Complaint record: 及时 C1 C3 = 2; counted 3 (C4 pending) → 66.7 %.
 * Duty log (everything): 5 + 2 + S2 S3 = 9 of 14 + 3 + 4 (S0002–S0004, S0006) = 21 → 42.9 %.
 * Units: engineering 5/14; office C2 S2 S3 S4 S6 → 2/5; office_head C1 C3 → 2/2.
 * Handlers: 张工 R1 R2 R3 R4 R7 R8 R9 R10 R13 → 3/9; 刘工 R5 R6 R14 → 2/3; 李主任 2/2; 陈文员 C2 S2 S3 S4 → 2/4
 *   (S2, S3: nobody accepted them, 陈文员 answered); 未接单 R11 R15 S6 → 0/3; the FAQ's S1 is nobody's (J10).
 * After December: R0016 及时 (12-01), R0017 不及时 (12-05, due 12-02 10:00), C0004 及时 (12-02), R0015 still 不及时.
 *   Repair 6/16 = 37.5 %, complaint 3/4 = 75 %, duty log 11/24 = 45.8 %.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Directory } from '../../src/services/directory.ts';
import { Notifier } from '../../src/services/notifier.ts';
import { coreServices } from '../../app/compose.ts';
import { scheduledJobs } from '../../src/jobs/scheduled-jobs.ts';
import { recordStalledComplaint } from '../../src/jobs/stalled-complaint.ts';
import { computeDigest, renderDigest } from '../../src/reports/digest.ts';
import { exportLedger, LEDGER_BY_NAME, type LedgerName } from '../../src/reports/ledger-export.ts';
import { ledgerColumns } from '../../src/reports/ledger-columns.ts';
import { computeMonthly } from '../../src/reports/monthly.ts';
import { render, Transcript } from '../helpers/transcript.ts';
import { readCsv, readXlsx } from './read-ledger.ts';
import { bj, seedSimDecemberFirst, seedSimDecemberRest, seedSimMonth } from './month-sim-fixture.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const rate = (timely: number, total: number) => ({ timely, total, percent: total === 0 ? null : Math.round((timely / total) * 1000) / 10 });

/** The 是否及时 column of a ledger export, by ticket number, read back from the file's bytes. */
async function timelyColumn(ledger: LedgerName, month: string, format: 'csv' | 'xlsx'): Promise<Record<string, string>> {
  const { content } = await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger, month, format });
  const rows = format === 'csv' ? readCsv(content.toString('utf8').replace(/^\uFEFF/, '')) : readXlsx(content);
  const columns = ledgerColumns(LEDGER_BY_NAME[ledger]);
  expect(rows[0]).toEqual(columns);
  const number = columns.indexOf('编号');
  const timely = columns.indexOf('是否及时');
  return Object.fromEntries(rows.slice(1).map((r) => [r[number]!, r[timely]!]));
}

/** The rate a ledger export implies: 是 ÷ (是 + 否 + 否(超时未完成)). */
function rateFromColumn(column: Record<string, string>) {
  const values = Object.values(column);
  const timely = values.filter((v) => v === '是').length;
  return rate(timely, timely + values.filter((v) => v.startsWith('否')).length);
}

describe('a simulated November, judged by docs/timeliness.md (issue 24)', () => {
  it('rates per ledger, unit and handler and the ledgers’ 是否及时 column match the hand-worked verdicts, then and after 补报', async () => {
    tr = await Transcript.open({ start: bj('11-01', '08:00') });
    const notifier = new Notifier(tr.store, new Directory(tr.config), tr.clock, tr.config.botName);
    await seedSimMonth(tr.store, {
      clock: tr.clock,
      stalled: async (number) => {
        const opened = await recordStalledComplaint({ config: tr.config, store: tr.store, clock: tr.clock, notifier }, (await tr.store.getTicket(number))!);
        expect(opened?.complaint.number).toBe('C0003');
        expect(opened?.messages.map(render)).toEqual([expect.stringContaining('【有效投诉 4.3.1.5】R0015')]);
      },
    });
    tr.clock.set(bj('12-01', '00:02'));
    await seedSimDecemberFirst(tr.store);

    // The digest at 00:05 on the 1st: the day that ended, and that day's month.
    tr.clock.set(bj('12-01', '00:05'));
    const digest = renderDigest(await computeDigest(tr.store, tr.config, tr.clock.now()), tr.config.timezone);
    expect(digest.split('\n')[0]).toBe('【阳光家园 日报 11月30日】');
    expect(digest).toContain('11月累计及时率:维修服务通知单 35.7%(5/14) 投诉记录表 66.7%(2/3) 值班记录本 42.9%(9/21)');

    // The monthly report on the 1st at 09:00, as the job sends it.
    tr.clock.set(bj('12-01', '09:00'));
    const jobs = scheduledJobs({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) });
    const monthly = jobs.find((j) => j.name === 'monthly-report')!;
    const nov = await computeMonthly(tr.store, tr.config, tr.clock.now(), '2026-11');
    const sentDec1 = (await monthly.run()).map(render);
    expect(nov.overall).toEqual(rate(9, 21));
    expect(nov.autoAnswered).toBe(1);
    expect(nov.byLedger).toEqual([
      ['repairNotice', rate(5, 14)],
      ['complaintRecord', rate(2, 3)],
      ['dutyLog', rate(9, 21)],
    ]);
    expect(Object.fromEntries(nov.byUnit)).toEqual({ engineering: rate(5, 14), office: rate(2, 5), office_head: rate(2, 2) });
    expect(Object.fromEntries(nov.byHandler)).toEqual({ 张工: rate(3, 9), 刘工: rate(2, 3), 李主任: rate(2, 2), 陈文员: rate(2, 4), 未接单: rate(0, 3) });
    expect(Object.fromEntries(nov.byCategory)).toEqual({
      repair: rate(5, 14),
      consult: rate(2, 3),
      valid: rate(2, 2),
      assist: rate(0, 1),
      paid_service: rate(0, 1),
    });
    expect(nov.pending.map((p) => p.number)).toEqual(['R0016', 'R0017', 'C0004']);
    expect(nov.restated).toEqual([]);
    expect(sentDec1).toHaveLength(1);
    expect(sentDec1[0]).toContain('及时率 42.9%(9/21)');
    expect(sentDec1[0]).toContain('其中自动答复咨询 1 件,不计入及时率');
    expect(sentDec1[0]).toContain('待定 3 件(未到期未办结,不计入本次及时率,定案后补报):R0016 应12月2日 09:00;R0017 应12月2日 10:00;C0004 应12月3日 20:00');

    // The ledgers exported at the same moment say the same, ticket by ticket.
    const repairDec1 = await timelyColumn('repair', '2026-11', 'csv');
    expect(repairDec1).toEqual({
      R0001: '是',
      R0002: '否',
      R0003: '是',
      R0004: '否',
      R0005: '否',
      R0006: '是',
      R0007: '是',
      R0008: '否(曾重开)',
      R0009: '否(曾重开)',
      R0010: '否',
      R0011: '否',
      R0012: '不计',
      R0013: '否',
      R0014: '是',
      R0015: '否(超时未完成)',
      R0016: '处理中',
      R0017: '处理中',
    });
    expect(rateFromColumn(repairDec1)).toEqual(nov.byLedger[0]![1]);
    const complaintDec1 = await timelyColumn('complaint', '2026-11', 'xlsx');
    expect(complaintDec1).toEqual({ C0001: '是', C0002: '否', C0003: '是', C0004: '处理中' });
    expect(rateFromColumn(complaintDec1)).toEqual(nov.byLedger[1]![1]);
    const dutyDec1 = await timelyColumn('duty', '2026-11', 'csv');
    expect(Object.keys(dutyDec1)).toHaveLength(17 + 4 + 6);
    expect(Object.fromEntries(Object.entries(dutyDec1).filter(([n]) => n.startsWith('S')))).toEqual({
      S0001: '不计(自动答复)',
      S0002: '是',
      S0003: '是',
      S0004: '否',
      S0005: '不计',
      S0006: '否(超时未完成)',
    });
    expect(rateFromColumn(dutyDec1)).toEqual(nov.byLedger[2]![1]);

    // December decides November's pending work; January's report restates November (补报).
    await seedSimDecemberRest(tr.store);
    tr.clock.set('2027-01-01T09:00:00+08:00');
    const dec = await computeMonthly(tr.store, tr.config, tr.clock.now(), '2026-12');
    const sentJan1 = (await monthly.run()).map(render);
    expect(dec.overall).toEqual(rate(1, 1));
    expect(dec.restated).toHaveLength(1);
    expect(dec.restated[0]).toMatchObject({
      month: '2026-11',
      sent: rate(9, 21),
      now: rate(11, 24),
      byLedger: [
        ['repairNotice', { sent: rate(5, 14), now: rate(6, 16) }],
        ['complaintRecord', { sent: rate(2, 3), now: rate(3, 4) }],
        ['dutyLog', { sent: rate(9, 21), now: rate(11, 24) }],
      ],
      changes: [
        { number: 'R0016', from: 'pending', to: 'timely' },
        { number: 'R0017', from: 'pending', to: 'late' },
        { number: 'C0004', from: 'pending', to: 'timely' },
      ],
    });
    expect(sentJan1[0]).toContain('【补报 2026-11】12月1日 09:00 所报及时率 42.9%(9/21) → 更正为 45.8%(11/24)');
    expect(sentJan1[0]).toContain('变化:R0016 待定→及时;R0017 待定→不及时;C0004 待定→及时');
    const repairJan1 = await timelyColumn('repair', '2026-11', 'xlsx');
    expect(repairJan1).toMatchObject({ R0015: '否', R0016: '是', R0017: '否' });
    expect(rateFromColumn(repairJan1)).toEqual(dec.restated[0]!.byLedger[0]![1].now);
    expect(rateFromColumn(await timelyColumn('duty', '2026-11', 'csv'))).toEqual(rate(11, 24));

    // Once restated, November is not restated again unless something changes.
    tr.clock.set('2027-02-01T09:00:00+08:00');
    const sentFeb1 = (await monthly.run()).map(render);
    expect(sentFeb1[0]).not.toContain('补报');
  }, 60_000);
});
