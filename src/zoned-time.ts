/**
 * Calendar arithmetic in the deployment's timezone (days, months, quiet hours), with Intl only: reports count
 * "yesterday" and "this month" as the estate's office does, not in UTC.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

type Parts = readonly Intl.DateTimeFormatPart[];

interface Memo {
  /** By instant (ms). */
  instants: Map<number, Parts>;
  /** By UTC minute (ms / 60,000), for a format that shows no seconds, and only for minutes checked to be uniform. */
  minutes: Map<number, Parts> | undefined;
  timezone: string;
}

const remembered = new WeakMap<Intl.DateTimeFormat, Memo>();
/** Instants (and minutes) remembered per format; all are forgotten when there would be more. */
const REMEMBERED = 256;

/**
 * `format.formatToParts(date)`, remembered for the last instants each format was asked about: one instant's parts in
 * one format never change, and one message asks for the same few (its time, today, the visit's day) several times over
 * (bench:engine: formatToParts was ~4 % of the core's CPU). The parts are frozen: read them, never change them.
 *
 * A format that shows nothing finer than the minute is also remembered by the UTC minute: messages a few seconds
 * apart ask for today's date at a new instant each (bench:engine: one every 200 ms). That is exact only for a minute
 * in which the zone's offset is a whole number of minutes and does not change: then every instant of the minute is
 * the same local minute. So a minute is remembered only when the offsets at its first and last millisecond are
 * equal and whole minutes, which rules out a change inside it unless the zone changed twice within one minute (no zone
 * in the tz database comes near that). Zones whose offset has seconds (local mean time before ~1900) keep the
 * per-instant memo only.
 */
export function partsAt(format: Intl.DateTimeFormat, date: Date): Parts {
  const ms = date.getTime();
  let memo = remembered.get(format);
  if (!memo) remembered.set(format, (memo = newMemo(format)));
  let parts = memo.instants.get(ms);
  if (parts) return parts;
  const minute = Math.floor(ms / 60_000);
  parts = memo.minutes?.get(minute);
  if (!parts) {
    parts = Object.freeze(format.formatToParts(date).map((p) => Object.freeze(p)));
    if (memo.minutes && uniformMinute(minute, memo.timezone)) {
      if (memo.minutes.size >= REMEMBERED) memo.minutes.clear();
      memo.minutes.set(minute, parts);
    }
  }
  if (memo.instants.size >= REMEMBERED) memo.instants.clear();
  memo.instants.set(ms, parts);
  return parts;
}

/** The last instant a Date can hold. */
const LAST_INSTANT = 8.64e15;

function newMemo(format: Intl.DateTimeFormat): Memo {
  const options = format.resolvedOptions();
  const bySecond = options.second !== undefined || options.fractionalSecondDigits !== undefined;
  return { instants: new Map(), minutes: bySecond ? undefined : new Map(), timezone: options.timeZone };
}

/** Whether the zone's offset is the same whole number of minutes at the first and the last millisecond of `minute`. */
function uniformMinute(minute: number, timezone: string): boolean {
  if (minute * 60_000 + 59_999 > LAST_INSTANT) return false;
  const start = offsetMs(new Date(minute * 60_000), timezone);
  return start % 60_000 === 0 && offsetMs(new Date(minute * 60_000 + 59_999), timezone) === start;
}

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock date and time of an instant in `timezone`. */
export function zonedParts(date: Date, timezone: string): ZonedParts & { second: number } {
  const parts = partsAt(formatter(timezone), date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

function offsetMs(date: Date, timezone: string): number {
  const p = zonedParts(date, timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `timezone` shows this date and time (months and days may overflow). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timezone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let t = guess - offsetMs(new Date(guess), timezone);
  const second = offsetMs(new Date(t), timezone);
  if (second !== guess - t) t = guess - second;
  return new Date(t);
}

/** Midnight starting the day `days` after the day of `date` (0 = today, -1 = yesterday). */
export function startOfDay(date: Date, timezone: string, days = 0): Date {
  const p = zonedParts(date, timezone);
  return zonedTime(p.year, p.month, p.day + days, 0, 0, timezone);
}

/** A calendar month as `2026-11`. */
export type MonthId = string;

export function monthOf(date: Date, timezone: string, months = 0): MonthId {
  const p = zonedParts(date, timezone);
  const m = p.year * 12 + (p.month - 1) + months;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

export function parseMonth(text: string): MonthId | undefined {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : undefined;
}

/** [first instant of the month, first instant of the next month) in `timezone`. */
export function monthRange(month: MonthId, timezone: string): { from: Date; to: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: zonedTime(y, m, 1, 0, 0, timezone), to: zonedTime(y, m + 1, 1, 0, 0, timezone) };
}

export function shiftMonth(month: MonthId, months: number): MonthId {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + months;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Whether `date` falls in the daily window [start, end) (e.g. 22:00–08:00, which wraps past midnight). */
export function inDailyWindow(date: Date, window: { start: string; end: string }, timezone: string): boolean {
  const p = zonedParts(date, timezone);
  const now = p.hour * 60 + p.minute;
  const [sh, sm] = window.start.split(':').map(Number) as [number, number];
  const [eh, em] = window.end.split(':').map(Number) as [number, number];
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** 2026-11-27 14:05 in `timezone`, for ledgers and exports. */
export function formatDateTime(iso: string | undefined, timezone: string): string {
  if (!iso) return '';
  const p = zonedParts(new Date(iso), timezone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}
