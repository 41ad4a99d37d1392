/**
 * Ledger exports (policy 6.1–6.3): the repair service notice, the complaint record and the duty log for one month,
 * each with the columns of its own paper form (ledger-columns.ts) and Chinese headers, as CSV (UTF-8 with BOM, CRLF, so Excel opens it in the
 * right encoding) or xlsx (write-excel-file, every cell text).
 */
import writeXlsxFile from 'write-excel-file/node';
import type { Config } from '../config/schema.ts';
import { UNIT_NAME_ZH } from '../domain/category.ts';
import { LEDGER_NAME_ZH, type Ledger, ledgersOf } from '../domain/ledger.ts';
import type { Ticket } from '../domain/ticket.ts';
import { type Cells, COLUMNS, ledgerColumns, TEXT_COLUMNS } from './ledger-columns.ts';
import type { Store } from '../store/store.ts';
import { counts, type Timeliness } from '../domain/timeliness.ts';
import { ticketTimeliness } from './analysis.ts';
import { formatDateTime, type MonthId, monthRange } from '../zoned-time.ts';

export type LedgerName = 'repair' | 'complaint' | 'duty';
export const LEDGER_BY_NAME: Record<LedgerName, Ledger> = { repair: 'repairNotice', complaint: 'complaintRecord', duty: 'dutyLog' };
export type ExportFormat = 'csv' | 'xlsx';

const LATE_AFTER_REOPEN_ZH = '否(曾重开)';
/** docs/timeliness.md J10: the FAQ's answer is in the duty log, not in the rate. */
const AUTO_ANSWERED_ZH = '不计(自动答复)';
const TIMELY_ZH = { timely: '是', late: '否', overdue: '否(超时未完成)', pending: '处理中', none: '不计' } as const;

function returnVisitText(ticket: Ticket): string {
  for (let i = ticket.history.length - 1; i >= 0; i -= 1) {
    const e = ticket.history[i]!;
    if (e.type === 'closed' && e.reason === 'return_visit') return `回访:${e.note ?? '满意'}`;
    if (e.type === 'reopened' && e.by.kind === 'staff') return `回访不满意:${e.reason}`;
    if (e.type === 'reopened' && e.by.kind === 'owner') return `业主不满意:${e.reason}`;
    if (e.type === 'rated') return '业主已评价';
  }
  return '';
}

/**
 * The audit trail of deadline moves (docs/timeliness.md D4, D5): when, who, from and to, why; a move made after the
 * deadline had passed is marked as not counting. 期限 names what moved: beside the 预约时间 column, "预约 18:00→17:00"
 * read as the appointment moving.
 */
export function deadlineMovesText(timeliness: Timeliness, tz: string): string {
  return timeliness.moves
    .map(
      (m) =>
        `${formatDateTime(m.at, tz)} ${m.by.name} ${m.kind === 'appointment' ? '预约' : '承诺'},期限 ${formatDateTime(m.from, tz)}→${formatDateTime(m.to, tz)}` +
        `${m.reason ? ` 原因:${m.reason}` : ' 原因:未注明'}${m.counts ? '' : '(已超时后变更,不改变及时性)'}`,
    )
    .join(';');
}

/** Whose result the row counts for (A1): the unit and handler holding it when it went late, or when it was done. */
function creditText(timeliness: Timeliness): string {
  if (!counts(timeliness.status)) return '';
  const h = timeliness.heldBy;
  return `${UNIT_NAME_ZH[h.unit]}${h.handler ? ` ${h.handler.name}` : ''}`;
}

/**
 * The appointment as the owner gave it: the whole window (2026-11-03 09:00–12:00), since its start alone read as an
 * hour the engineer was due; a window that ends where it starts is a time to be done by ("8点前").
 */
function appointmentText(ticket: Pick<Ticket, 'appointmentAt' | 'appointmentEnd'>, tz: string): string {
  const start = formatDateTime(ticket.appointmentAt, tz);
  const end = formatDateTime(ticket.appointmentEnd, tz);
  if (!start || !end) return start;
  if (end === start) return `${start} 前`;
  return end.slice(0, 10) === start.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start}–${end}`;
}

type LedgerConfig = Pick<Config, 'timezone' | 'sla' | 'reminders'> & { botName?: string };

/** One row per ticket, as strings, in the order of the ledger's paper form (ledger-columns.ts). */
export function ledgerRow(ticket: Ticket, now: Date, config: LedgerConfig, ledger: Ledger = 'dutyLog'): string[] {
  const tz = config.timezone;
  const timeliness = ticketTimeliness(ticket, now, config);
  const cells: Cells = {
    ticket,
    timeliness,
    tz,
    botName: config.botName ?? '回音',
    appointment: appointmentText(ticket, tz),
    moves: deadlineMovesText(timeliness, tz),
    // J3, J4: a reopened ticket is judged on its last completion (or is late if closed without one); without saying
    // so, a repair done in time the first time read 否 for no reason the row showed.
    timely:
      timeliness.status === 'late' && ticket.history.some((e) => e.type === 'reopened')
        ? LATE_AFTER_REOPEN_ZH
        : timeliness.rule === 'auto_answered'
          ? AUTO_ANSWERED_ZH
          : TIMELY_ZH[timeliness.status],
    credit: creditText(timeliness),
    returnVisit: returnVisitText(ticket),
  };
  return COLUMNS[ledger].map(([, cell]) => cell(cells));
}

/** The month's tickets of a ledger: created in the month, currently in that ledger (a reclassification moves it). */
export async function ledgerTable(
  store: Store,
  config: LedgerConfig,
  now: Date,
  ledger: Ledger,
  month: MonthId,
  estate?: string,
): Promise<string[][]> {
  const { from, to } = monthRange(month, config.timezone);
  const tickets = await store.listTickets({ ...(estate !== undefined && { estate }), createdFrom: from.toISOString(), createdTo: to.toISOString() });
  return [ledgerColumns(ledger), ...tickets.filter((t) => ledgersOf(t.category).includes(ledger)).map((t) => ledgerRow(t, now, config, ledger))];
}

/**
 * One CSV cell as Excel should read it. Long digit strings (phone numbers) are written as text formulas, or Excel
 * shows 1.38E+10; text that starts like a formula (=, +, -, @: an owner's message can) is defused with a quote.
 */
function csvField(raw: string): string {
  const value = /^\d{11,}$/.test(raw) ? `="${raw}"` : /^[=+\-@]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a UTF-8 byte-order mark: Excel reads Chinese correctly only with it. */
export function toCsv(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(rows: readonly (readonly string[])[], sheet: string): Promise<Buffer> {
  const data = rows.map((row, i) => row.map((value) => ({ value, type: String, ...(i === 0 && { fontWeight: 'bold' as const }) })));
  return writeXlsxFile(data, { sheet, stickyRowsCount: 1, columns: (rows[0] ?? []).map((c) => ({ width: TEXT_COLUMNS.has(c) ? 30 : 14 })) }).toBuffer();
}

/** The file a manager asked for: `维修服务通知单-2026-11.xlsx` and its bytes. */
export async function exportLedger(
  store: Store,
  config: LedgerConfig,
  now: Date,
  options: { ledger: LedgerName; month: MonthId; format: ExportFormat; estate?: string },
): Promise<{ fileName: string; content: Buffer; rows: number }> {
  const ledger = LEDGER_BY_NAME[options.ledger];
  const rows = await ledgerTable(store, config, now, ledger, options.month, options.estate);
  const name = `${LEDGER_NAME_ZH[ledger]}-${options.month}`;
  const content = options.format === 'csv' ? toCsv(rows) : await toXlsx(rows, `${LEDGER_NAME_ZH[ledger]} ${options.month}`);
  return { fileName: `${name}.${options.format}`, content, rows: rows.length - 1 };
}
