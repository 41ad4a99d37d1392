import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { runExportCommand } from '../../src/cli/export.ts';
import { runReportCommand } from '../../src/cli/report.ts';
import { computeDigest, digestMessages, renderDigest } from '../../src/reports/digest.ts';
import { exportLedger } from '../../src/reports/ledger-export.ts';
import { ledgerColumns } from '../../src/reports/ledger-columns.ts';

const REPAIR_COLUMNS = ledgerColumns('repairNotice');
import { computeMonthly, renderMonthly } from '../../src/reports/monthly.ts';
import { SAMPLE_CONFIG, Transcript } from '../helpers/transcript.ts';
import { REPORT_NOW, seedMonth } from './fixture.ts';
import { readCsv, readXlsx } from './read-ledger.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

async function seeded(): Promise<Transcript> {
  tr = await Transcript.open({ start: REPORT_NOW });
  await seedMonth(tr.store);
  return tr;
}

const rate = (timely: number, total: number, percent: number | null) => ({ timely, total, percent });

describe('monthly analysis (policy 5.5) on a month whose rates are known', () => {
  it('timely ÷ total × 100 % per ledger, category, unit and handler, with the counts', async () => {
    await seeded();
    const a = await computeMonthly(tr.store, tr.config, tr.clock.now(), '2026-11');
    expect(a).toMatchObject({ total: 8, completed: 5, inWork: 2, cancelled: 1 });
    expect(a.overall).toEqual(rate(4, 6, 66.7));
    expect(a.previous).toEqual(rate(1, 1, 100));
    expect(a.byLedger).toEqual([
      ['repairNotice', rate(1, 3, 33.3)],
      ['complaintRecord', rate(1, 1, 100)],
      ['dutyLog', rate(4, 6, 66.7)],
    ]);
    expect(Object.fromEntries(a.byCategory)).toEqual({ repair: rate(1, 3, 33.3), consult: rate(2, 2, 100), valid: rate(1, 1, 100) });
    expect(Object.fromEntries(a.byUnit)).toEqual({ engineering: rate(1, 3, 33.3), office: rate(2, 2, 100), office_head: rate(1, 1, 100) });
    expect(Object.fromEntries(a.byHandler)).toEqual({ 张工: rate(1, 2, 50), 陈文员: rate(3, 3, 100), 未接单: rate(0, 1, 0) });
    expect(a.satisfaction).toEqual({ count: 2, quality: 4.5, timeliness: 4.5, attitude: 4 });
    expect(a.complaintClasses).toEqual([['有效投诉 4.3.1.2', 1]]);
    expect(a.topProblems).toEqual([['厨房水管漏水', 2]]);
    expect(a.topPlaces).toEqual([['5', 7]].map(([k, n]) => [`${k}栋`, n]));

    const text = renderMonthly(a);
    expect(text).toContain('及时率 66.7%(4/6),环比-33.3个百分点');
    expect(text).toContain('分台账:维修服务通知单 33.3%(1/3);投诉记录表 100%(1/1);值班记录本 66.7%(4/6)');
    expect(text).toContain('满意度(2份):质量4.5 及时4.5 态度4.0');
    // Short enough for a phone.
    expect(text.split('\n').length).toBeLessThanOrEqual(14);
    expect(text.length).toBeLessThan(700);
  });
});

describe('daily digest', () => {
  it('lists yesterday by category, overdue with handler, unrated, the 4.3.1.5 flag, silent work and the month rate', async () => {
    await seeded();
    const d = await computeDigest(tr.store, tr.config, tr.clock.now());
    expect(d.newByCategory).toEqual([['repair', 1]]);
    expect(d.open).toBe(2);
    expect(d.overdue.map((o) => o.ticket.number)).toEqual(['R0005']);
    expect(d.dueToday).toEqual([]);
    expect(d.unrated.map((t) => t.number)).toEqual(['S0002']);
    expect(d.flagged.map((t) => t.number)).toEqual(['R0005']);
    expect(d.silent.map((t) => t.number)).toEqual(['R0005']);
    expect(d.timely).toEqual([
      ['repairNotice', rate(1, 3, 33.3)],
      ['complaintRecord', rate(1, 1, 100)],
      ['dutyLog', rate(4, 6, 66.7)],
    ]);
    const text = renderDigest(d, tr.config.timezone);
    expect(text.split('\n')[0]).toBe('【阳光家园 日报 11月26日】');
    expect(text).toContain('昨日新增 1 件:报修1');
    // Counted now, under yesterday's date: the line says so.
    expect(text).toContain('\n当前在办 2 · 超时 1 · 今日到期 0 · 待评价 1');
    expect(text).toMatch(/超时\(1\):\n {2}R0005 5栋2单元502 卫生间下水道堵了 · 无人接单 · 应11月23日 09:00/);
    expect(text).toContain('有效投诉4.3.1.5(催办两次无进展)(1):');
    expect(text).toContain('超24小时未回音(1):');
    expect(text).toContain('11月累计及时率:维修服务通知单 33.3%(1/3) 投诉记录表 100%(1/1) 值班记录本 66.7%(4/6)');
    expect(text.length).toBeLessThan(800);
  });

  it('cuts long lists to five lines and counts the rest', async () => {
    tr = await Transcript.open({ start: '2026-11-01T09:00:00+08:00' });
    for (let i = 0; i < 8; i += 1) await tr.say(`业主${i}`, 'owners', `报修 ${i + 1}栋1单元101 灯不亮 1380013800${i} 随时`).then(() => tr.say(`业主${i}`, 'owners', '确认'));
    tr.clock.set('2026-11-05T10:00:00+08:00');
    const text = renderDigest(await computeDigest(tr.store, tr.config, tr.clock.now()), tr.config.timezone);
    expect(text).toContain('超时(8):');
    expect(text).toContain('  …另 3 件');
  });
});

describe('ledger exports (policy 6)', () => {
  it('CSV: UTF-8 with BOM, Chinese headers, one row per ticket of the ledger, read back', async () => {
    await seeded();
    const { fileName, content, rows } = await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger: 'repair', month: '2026-11', format: 'csv' });
    expect(fileName).toBe('维修服务通知单-2026-11.csv');
    expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = readCsv(content.toString('utf8').slice(1));
    expect(table[0]).toEqual(REPAIR_COLUMNS);
    expect(rows).toBe(5);
    expect(table.slice(1).map((r) => r[0])).toEqual(['R0002', 'R0003', 'R0004', 'R0005', 'R0006']);
    const col = (name: string) => REPAIR_COLUMNS.indexOf(name);
    const r2 = table[1]!;
    expect(r2[col('受理时间')]).toBe('2026-11-02 09:00');
    expect(r2[col('房号/地点')]).toBe('5栋2单元502');
    // Written as a text formula so Excel does not show 1.38E+10.
    expect(r2[col('电话')]).toBe('="13800138000"');
    expect(r2[col('条款')]).toBe('4.2.1.1');
    expect(r2[col('处理人')]).toBe('张工');
    expect(r2[col('完成时间')]).toBe('2026-11-03 10:00');
    expect(r2[col('处理结果')]).toBe('换了角阀');
    expect(table.slice(1).map((r) => r[col('是否及时')])).toEqual(['是', '否', '不计', '否(超时未完成)', '处理中']);
  });

  it('each ledger has the columns of its own paper form (policy 6.1–6.3): 接单时间 on the repair notice, 上报 on the complaint record, 传达 in the duty log', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('chen', 'office', '登记 投诉 6栋1单元301 刘先生 13900139000 保洁员态度恶劣');
    tr.clock.advance(30 * 60_000);
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('li', 'office', '督办 R0001 今天修好');
    await tr.say('li', 'office', '升级 C0001 业主要求公司领导出面');
    const read = async (ledger: 'repair' | 'complaint' | 'duty') => {
      const table = readCsv((await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger, month: '2026-11', format: 'csv' })).content.toString('utf8').slice(1));
      return table.slice(1).map((row) => Object.fromEntries(table[0]!.map((h, i) => [h, row[i]!])));
    };
    const [repair] = await read('repair');
    expect(repair).toMatchObject({ 编号: 'R0001', 报修内容: '厨房水管漏水', 受理人: '回音(群聊/私聊)', 通知工程班: '工程班 2026-11-27 09:00', 处理人: '张工', 接单时间: '2026-11-27 09:30', 跟催: '督办1次' });
    expect(repair).not.toHaveProperty('类别');
    expect(repair).not.toHaveProperty('协助方');
    const [complaint] = await read('complaint');
    expect(complaint).toMatchObject({ 编号: 'C0001', 投诉人: '刘先生', 性质: '有效投诉', 受理人: '陈文员(电话)' });
    expect(complaint!['转交/上报']).toBe('2026-11-27 09:30 上报公司领导:业主要求公司领导出面');
    expect(complaint).not.toHaveProperty('预约时间');
    const duty = await read('duty');
    expect(duty.map((r) => r['编号']).sort()).toEqual(['C0001', 'R0001']);
    expect(duty.find((r) => r['编号'] === 'R0001')).toMatchObject({ 受理人: '回音(群聊/私聊)', 传达: '工程班 2026-11-27 09:00', 跟催: '督办1次' });
  });

  it('the 预约时间 column gives the owner\'s whole window, not its start as if it were an hour', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 今天上午');
    expect((await tr.say('王女士', 'owners', '确认')).join('\n')).toContain('R0001');
    const { content } = await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger: 'repair', month: '2026-11', format: 'csv' });
    const table = readCsv(content.toString('utf8').slice(1));
    expect(table[1]![REPAIR_COLUMNS.indexOf('预约时间')]).toBe('2026-11-27 09:00–12:00');
    // A new appointment moves the deadline; the 时限变更 cell says the times are the deadline's, not the appointment's.
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '预约 R0001 今天下午三点');
    const after = readCsv((await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger: 'repair', month: '2026-11', format: 'csv' })).content.toString('utf8').slice(1));
    expect(after[1]![REPAIR_COLUMNS.indexOf('预约时间')]).toBe('2026-11-27 15:00');
    expect(after[1]![REPAIR_COLUMNS.indexOf('时限变更')]).toMatch(/^2026-11-27 09:00 张工 预约,期限 2026-11-27 12:00→2026-11-27 \d\d:\d\d 原因:/);
  });

  it('the monthly analysis names work reopened for a 不满意, which the final rating alone hid', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    await tr.say('王女士', 'owners', '不满意');
    tr.clock.set(new Date('2026-11-30T18:00:00+08:00'));
    await tr.say('zhang', 'engineering', '完成 R0001 重新换了软管');
    await tr.say('王女士', 'owners', '满意');
    const text = renderMonthly(await computeMonthly(tr.store, tr.config, tr.clock.now(), '2026-11'));
    expect(text).toContain('满意度(1份):质量5.0');
    // Late once reopened (docs/timeliness.md J3): the ledger row says why it is 否.
    const { content } = await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger: 'repair', month: '2026-11', format: 'csv' });
    expect(readCsv(content.toString('utf8').slice(1))[1]![REPAIR_COLUMNS.indexOf('是否及时')]).toBe('否(曾重开)');
    expect(text).toMatch(/^重开返工 1 件:R0001 \S/m);
  });

  it('the scheduled digest at 18:00 is of the day so far; sent in the morning, of the day that ended', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    tr.clock.set(new Date('2026-11-27T18:00:00+08:00'));
    const [evening] = await digestMessages({ store: tr.store, config: tr.config, clock: tr.clock });
    expect(evening!.chat.id).toBe('managers');
    expect(evening!.text).toContain('【阳光家园 日报 11月27日 截至18:00】');
    expect(evening!.text).toContain('今日新增 1 件:报修1\n在办 1 · ');
    tr.clock.set(new Date('2026-11-28T08:00:00+08:00'));
    const [night] = await digestMessages({ store: tr.store, config: tr.config, clock: tr.clock });
    expect(night!.text).toContain('【阳光家园 日报 11月27日】');
    expect(night!.text).toContain('昨日新增 1 件:报修1\n当前在办 1 · ');
  });

  it('CSV: a cell that starts like a formula is defused', async () => {
    const { toCsv } = await import('../../src/reports/ledger-export.ts');
    const text = toCsv([['=HYPERLINK("http://x")', '+1', '普通', '13800138000']]).toString('utf8').slice(1);
    expect(text).toBe(`"'=HYPERLINK(""http://x"")",'+1,普通,"=""13800138000"""\r\n`);
  });

  it('xlsx: the complaint record read back from the file, headers and cells', async () => {
    await seeded();
    const { fileName, content } = await exportLedger(tr.store, tr.config, tr.clock.now(), { ledger: 'complaint', month: '2026-11', format: 'xlsx' });
    expect(fileName).toBe('投诉记录表-2026-11.xlsx');
    const table = readXlsx(content);
    const columns = ledgerColumns('complaintRecord');
    expect(table[0]).toEqual(columns);
    expect(table).toHaveLength(2);
    const row = table[1]!;
    expect(row[0]).toBe('C0001');
    expect(row[columns.indexOf('性质')]).toBe('有效投诉');
    expect(row[columns.indexOf('条款')]).toBe('4.3.1.2');
    expect(row[columns.indexOf('业主评价')]).toBe('质量5 及时5 态度4');
    expect(row[columns.indexOf('回访')]).toBe('业主已评价');
  });
});

describe('huiyin report / huiyin export', () => {
  function io(dataDir: string) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    return {
      io: { stdout, stderr, env: { HUIYIN_CONFIG: SAMPLE_CONFIG, HUIYIN_DATA: dataDir }, clock: new ManualClock(REPORT_NOW) },
      out: () => out,
      err: () => err,
    };
  }

  it('report monthly --month and report daily print the texts; export writes the file', async () => {
    await seeded();
    await tr.store.close();
    const a = io(tr.dataDir);
    expect(await runReportCommand(['monthly', '--month', '2026-11'], a.io)).toBe(0);
    expect(a.out()).toContain('【阳光家园 2026-11 月度分析】');
    expect(a.out()).toContain('及时率 66.7%(4/6)');
    const b = io(tr.dataDir);
    expect(await runReportCommand(['daily'], b.io)).toBe(0);
    expect(b.out()).toContain('【阳光家园 日报 11月26日】');
    // It says which day it reports, and offers today so far (issue 16 §4).
    const today = io(tr.dataDir);
    expect(await runReportCommand(['daily', '--date', 'today'], today.io)).toBe(0);
    expect(today.out()).toMatch(/【阳光家园 日报 11月27日 截至\d\d:\d\d】\n今日新增 \d+ 件/);
    const bad = io(tr.dataDir);
    expect(await runReportCommand(['daily', '--date', 'tomorrow'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--date tomorrow: expected today or yesterday');
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-export-'));
    const c = io(tr.dataDir);
    const out = join(dir, 'duty.csv');
    expect(await runExportCommand(['--ledger', 'duty', '--month', '2026-11', '--format', 'csv', '--out', out], c.io)).toBe(0);
    expect(c.out()).toBe(`${out}: 8 条\n`);
    expect((await readFile(out, 'utf8')).split('\r\n')[0]).toBe(`\uFEFF${ledgerColumns('dutyLog').join(',')}`);
    await rm(dir, { recursive: true, force: true });
    const d = io(tr.dataDir);
    expect(await runExportCommand(['--ledger', 'books', '--format', 'pdf'], d.io)).toBe(2);
    expect(d.err()).toContain('--ledger books: expected repair, complaint or duty');
    tr = await Transcript.open({ dataDir: tr.dataDir, start: REPORT_NOW });
  });
});
