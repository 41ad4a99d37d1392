/**
 * `huiyin export --ledger repair|complaint|duty --month YYYY-MM --format xlsx|csv [--out FILE] [--estate ID]` writes
 * one month of a ledger (policy 6) with the paper form's columns. Default file: `维修服务通知单-2026-11.xlsx` here.
 */
import { writeFile } from 'node:fs/promises';
import { exportLedger, type ExportFormat, LEDGER_BY_NAME, type LedgerName } from '../reports/ledger-export.ts';
import { monthOf, parseMonth } from '../zoned-time.ts';
import { callRunningBot } from '../access/control-file.ts';
import { type CommandIo, flagValue, openForReport } from './report.ts';
import { runningBot } from './running.ts';

export const EXPORT_USAGE = 'Usage: huiyin export --ledger repair|complaint|duty [--month YYYY-MM] [--format xlsx|csv] [--out FILE] [--estate ID]';

export async function runExportCommand(argv: string[], io: CommandIo): Promise<number> {
  const args = argv[0] === 'export' ? argv.slice(1) : argv;
  const ledger = flagValue(args, '--ledger');
  const format = flagValue(args, '--format') ?? 'xlsx';
  const monthArg = flagValue(args, '--month');
  const month = monthArg === undefined ? undefined : parseMonth(monthArg);
  const problems = [
    ...(ledger && ledger in LEDGER_BY_NAME ? [] : [`--ledger ${ledger ?? '(missing)'}: expected repair, complaint or duty`]),
    ...(format === 'xlsx' || format === 'csv' ? [] : [`--format ${format}: expected xlsx or csv`]),
    ...(monthArg !== undefined && !month ? [`--month ${monthArg}: expected a month such as 2026-11`] : []),
  ];
  if (problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}\n${EXPORT_USAGE}\n`);
    return 2;
  }
  // With the bot running, its office console makes the file: the data directory is the bot's while it runs.
  const { control } = await runningBot(args, io.env);
  if (control) {
    const query = new URLSearchParams({ ledger: ledger!, format, ...(month && { month }), ...(flagValue(args, '--estate') && { estate: flagValue(args, '--estate')! }) });
    const response = await callRunningBot(control, `/export?${query}`);
    const out = flagValue(args, '--out') ?? decodeURIComponent(response.headers.get('x-huiyin-file') ?? `${ledger}.${format}`);
    await writeFile(out, Buffer.from(await response.arrayBuffer()));
    io.stdout.write(`${out}: ${response.headers.get('x-huiyin-rows')} 条\n`);
    return 0;
  }
  const opened = await openForReport(args, io);
  if (!opened) return 1;
  try {
    const result = await exportLedger(opened.store, opened.config, opened.clock.now(), {
      ledger: ledger as LedgerName,
      format: format as ExportFormat,
      month: month ?? monthOf(opened.clock.now(), opened.config.timezone),
      ...(flagValue(args, '--estate') !== undefined && { estate: flagValue(args, '--estate')! }),
    });
    const out = flagValue(args, '--out') ?? result.fileName;
    await writeFile(out, result.content);
    io.stdout.write(`${out}: ${result.rows} 条\n`);
    return 0;
  } finally {
    await opened.store.close();
  }
}
