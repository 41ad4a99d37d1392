import * as chrono from 'chrono-node';
import { simplified } from './simplified.ts';
import { partsAt } from '../zoned-time.ts';

/**
 * Everyday Chinese times as owners and staff type them: 明天下午两点, 周六上午, 今晚8点前, 下周一, 这周末,
 * 11月30日14:00. Day words, parts of the day and clock times are read here; explicit calendar dates go to
 * chrono-node, which gets weekdays and vague parts of the day wrong (measured: 周六上午 → Friday 06:00).
 */
export interface ParsedTime {
  /** Start of the time or window. */
  start: Date;
  /** End of the window, when the words name one (上午 = 09:00–12:00); absent for an exact clock time. */
  end?: Date;
  /** True when the words said "by then" (前/之前/以内): a deadline, not an appointment. */
  before: boolean;
  /**
   * When `before`, the instant it is due by: the start of what was named ("8点前", "明天中午前"), its end for
   * "within" ("今天之内": by the end of today), and its end too when the start has already passed.
   */
  by?: Date;
  /** The words that were read as the time. */
  text: string;
}

const CN: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function numberOf(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.startsWith('十')) return 10 + (CN[text[1] ?? ''] ?? 0);
  const ten = text.indexOf('十');
  if (ten > 0) return (CN[text[0]!] ?? 0) * 10 + (CN[text[ten + 1] ?? ''] ?? 0);
  return CN[text] ?? Number.NaN;
}

/** Parts of the day and the window each means, in local hours. */
const PARTS: Record<string, [number, number]> = {
  凌晨: [0, 6],
  早上: [8, 10],
  早晨: [8, 10],
  // "后天一早" (seen in play, field13: no time at all, and the time was asked again).
  一大早: [8, 10],
  一早: [8, 10],
  早: [8, 10],
  上午: [9, 12],
  中午: [12, 14],
  下午: [14, 18],
  傍晚: [17, 19],
  晚上: [19, 21],
  晚: [19, 21],
  夜里: [20, 23],
  夜: [20, 23],
  // "下班以后 7点左右" is 19:00, not 07:00 the next morning (seen in play); "下班后" alone is the evening.
  下班: [18, 21],
};
const WORKING_DAY: [number, number] = [9, 18];
/**
 * Parts of the day that name a moment rather than a window, when no clock time comes with them: 中午 is noon. Read as
 * the 12:00–14:00 window, "承诺 R0001 明天中午" was promised to the owner as 14:00 and "明天中午" booked the visit
 * with 14:00 as its deadline (seen in play). The window still places a clock time said with it (中午1点 is 13:00).
 */
const MOMENTS: Record<string, number> = { 中午: 12 };

const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const DAY_WORDS: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 听日: 1, 后天: 2, 后日: 2, 大后天: 3 };

const DAY =
  /(大后天|后天|后日|明天|明日|听日|今天|今日|今(?=[早晚夜])|明(?=[早晚夜])|(下下|下|这|本)?(?:周|星期|礼拜)([一二三四五六日天1-7])|(下|这|本)?周末)/;
const PART = /(凌晨|一大早|一早|早上|早晨|上午|中午|下午|傍晚|晚上|夜里|下班|(?<=[今明])[早晚夜])/;
const CLOCK = /(\d{1,2}|[零一二两三四五六七八九十]{1,3})\s*(?:点|:|:|时)\s*(半|一刻|三刻|(\d{1,2})\s*分?|([零一二三四五六七八九十]{1,3})\s*分)?/;
const CALENDAR = /(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]|\b\d{1,2}\/\d{1,2}\b|\d{4}-\d{1,2}-\d{1,2}/;
const BEFORE = /(前|之前|以前|以内|之内)/;
/**
 * "3点以后", "下午3点后来": from then on, a window that starts at the clock time (seen in play: read back as 15:00
 * exactly, and "3点后来" was no time at all). 后天 and 后日 after a clock are a day, not this.
 */
const FROM_THEN = /^\s*(以后|之后|后(?![天日]))/;
/** Where the evening ends, the last end a "from then on" window may have (after the part's and the working day's). */
const EVENING_END = 21;
/** Said with the time: at the latest then ("最晚明天8点", "明天最晚8点"); by the end of a day or part of one. */
const AT_THE_LATEST = /最晚|最迟|不晚于|不要晚于|不能晚于/;
/** "两小时以内", "半小时内", "3天内": a length of time from now, by the end of which it must be done. */
const WITHIN = /(\d{1,3}|[一二两三四五六七八九十]{1,3}|半)\s*个?\s*(半)?\s*(分钟|小时|钟头|天|周|星期|礼拜|月)\s*(?:以内|之内|内)/;
/**
 * "10分钟后", "半小时后", "一个半小时以后", "两个钟头后", "过十分钟", "三天后", "两周以后": that long from now. chrono read
 * minutes and hours later as a clock time in the machine's zone put into the estate's (seen in play, on a machine set
 * to UTC: "预约 R0001 10分钟后到" said at 21:20 became 12月8日 13:30), and 以后 after days and weeks not at all.
 */
const LATER =
  /(\d{1,3}|[一二两三四五六七八九十]{1,3}|半)\s*个?\s*(半)?\s*(分钟|小时|钟头|天|周|星期|礼拜)\s*(?:以后|之后|后)|过\s*(\d{1,3}|[一二两三四五六七八九十]{1,3}|半)\s*个?\s*(半)?\s*(分钟|小时|钟头)/;
const DAY_MS = 86_400_000;
const UNIT_MS: Record<string, number> = { 分钟: 60_000, 小时: 3_600_000, 钟头: 3_600_000, 天: DAY_MS, 周: 7 * DAY_MS, 星期: 7 * DAY_MS, 礼拜: 7 * DAY_MS, 月: 30 * DAY_MS };
/**
 * "这周内", "本星期之内", "下周之前": by the end of this week; "月底前", "这个月内", "12月底": by the end of that month.
 * Seen in play: "这周内修好就行" was no time at all and the time was asked again, and "一个星期内" went to chrono,
 * which made it an appointment on next Wednesday.
 */
const END_OF_WEEK = /(?:这|本)个?(?:周|星期|礼拜)\s*[之以]?内|下个?(?:周|星期|礼拜)\s*[之以]?前/;
const END_OF_MONTH = /(?:(\d{1,2}|[一二三四五六七八九十]{1,3})\s*|(?:这|本)个?)月\s*(?:[底末]|[之以]?内)|(?<![\p{Script=Han}\d])月[底末]|(?<=[到在等])月[底末]/u;

interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

/**
 * One formatter per timezone and kind: building an Intl.DateTimeFormat costs ~50 µs, and every owner request with a
 * time asked for several (bench:engine profile, issue 17 item 5). They hold no state between calls.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const minuteFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timezone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timezone);
  if (!format) cache.set(timezone, (format = make()));
  return format;
}

function localDate(instant: Date, timezone: string): LocalDate {
  const parts = partsAt(
    cached(dateFormats, timezone, () => new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' })),
    instant,
  );
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { year: Number(get('year')), month: Number(get('month')), day: Number(get('day')), weekday };
}

/** Minutes east of UTC for `timezone` at `instant`. */
function offsetMinutes(instant: Date, timezone: string): number {
  const parts = partsAt(cached(minuteFormats, timezone, () =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }),
  ), instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant of a local wall-clock time in `timezone`. */
function zoned(date: LocalDate, dayOffset: number, hour: number, minute: number, timezone: string): Date {
  const guess = new Date(Date.UTC(date.year, date.month - 1, date.day + dayOffset, hour, minute));
  return new Date(guess.getTime() - offsetMinutes(guess, timezone) * 60_000);
}

function dayOffsetOf(m: RegExpExecArray, today: LocalDate): { offset: number; weekend: boolean } {
  const word = m[1]!;
  if (word in DAY_WORDS) return { offset: DAY_WORDS[word]!, weekend: false };
  if (word === '今') return { offset: 0, weekend: false };
  if (word === '明') return { offset: 1, weekend: false };
  if (word.endsWith('周末')) {
    const prefix = m[4];
    const toSaturday = (6 - today.weekday + 7) % 7;
    return { offset: toSaturday + (prefix === '下' ? 7 : 0), weekend: true };
  }
  const prefix = m[2];
  const target = WEEKDAY[m[3]!]!;
  if (prefix === '下' || prefix === '下下') {
    const toNextMonday = 8 - today.weekday;
    return { offset: toNextMonday + (target - 1) + (prefix === '下下' ? 7 : 0), weekend: false };
  }
  if (prefix === '这' || prefix === '本') return { offset: target - today.weekday, weekend: false };
  // A bare weekday is the coming one (today counts).
  return { offset: (target - today.weekday + 7) % 7, weekend: false };
}

/** A clock right after the first one, joined by 到/至/-/~: the end of a window ("12点到1点"). */
const RANGE_END = new RegExp(`^\\s*(?:到|至|-|~|—|–)\\s*(${CLOCK.source})`);

/**
 * The hour and minute a clock match names, read as a visit time. 下午两点 is 14:00, 晚上8点 20:00, 中午12点 12:00; a
 * bare 1–6点 is afternoon or evening (nobody books an engineer for 6 in the morning without saying 早上 or 凌晨: the
 * field trial's "下班后吧 六点以后" became 06:00 the next day). The end of a window is after its start: 12点到1点 ends 13:00.
 */
function clockOf(clock: RegExpExecArray, window: [number, number] | undefined, after?: number): { hour: number; minute: number } | undefined {
  let hour = numberOf(clock[1]!);
  let minute = 0;
  if (clock[2] === '半') minute = 30;
  else if (clock[2] === '一刻') minute = 15;
  else if (clock[2] === '三刻') minute = 45;
  else if (clock[3]) minute = Number(clock[3]);
  else if (clock[4]) minute = numberOf(clock[4]);
  if (Number.isNaN(hour) || hour > 24 || Number.isNaN(minute) || minute > 59) return undefined;
  // An hour just before an afternoon part's start is itself: "中午11点半" is 11:30 (it was read as 23:30).
  if (window && window[0] >= 12 && hour < window[0] - 1) hour += 12;
  else if (!window && hour >= 1 && hour <= 6) hour += 12;
  if (after !== undefined && hour < after && hour + 12 < 24) hour += 12;
  return { hour, minute };
}

/**
 * Whether the words name a day (明天, 周六, 11月30日, 这周内, 三天内) rather than only a part of one or a clock time
 * ("下午", "3点"): a correction that names no day keeps the day it corrects.
 */
export function namesADay(text: string): boolean {
  const input = cantoneseTimes(simplified(text.normalize('NFKC')));
  return DAY.test(input) || CALENDAR.test(input) || WITHIN.test(input) || END_OF_WEEK.test(input) || END_OF_MONTH.test(input);
}

/** The start of the local day that `instant` falls on, in `timezone`. */
export function startOfDay(instant: Date, timezone: string): Date {
  return zoned(localDate(instant, timezone), 0, 0, 0, timezone);
}

/** Reads the first time expression in `text`, relative to `now` in `timezone`; undefined when there is none. */
export function parseTime(text: string, now: Date, timezone: string): ParsedTime | undefined {
  return withDeadline(readTime(text, now, timezone), now);
}

function withDeadline(time: ParsedTime | undefined, now: Date): ParsedTime | undefined {
  if (!time?.before) return time;
  // 之内 and 最晚 (without a 前 after the time) run to the end of what was named; 前 to its start.
  const read = simplified(time.text);
  const within = /[以之]内$/.test(read) || (AT_THE_LATEST.test(read) && !/前$/.test(read));
  const by = within || time.start.getTime() <= now.getTime() ? (time.end ?? time.start) : time.start;
  return { ...time, by };
}

/**
 * Whether `input` (NFKC, simplified, Cantonese words turned: as readTime reads it) matches any pattern a time is read
 * by. Every way readTime returns a time passes one of them (CALENDAR and the end of the function go to chrono, which
 * answers only where one of CHRONO_PATTERNS matches), so a text none of them matches has no time, and readTime returns
 * at once instead of working out today's date first (an Intl call, most of the ~3 µs a clause without a time cost):
 * most clauses of a request hold none ("报修", "1栋1单元100", "厨房水管漏水"; issue 17 item 5, bench:engine).
 * test/conversation/parse-time-gate.test.ts checks every time the parser's tests read passes.
 */
export function mayHoldTime(input: string): boolean {
  return TIME_PATTERNS.some((pattern) => pattern.test(input)) || CHRONO_PATTERNS.some((pattern) => pattern.test(input));
}
/** readTime's own patterns (none has the g or y flag, so `test` keeps no state between texts). */
const TIME_PATTERNS: readonly RegExp[] = [CALENDAR, WITHIN, LATER, END_OF_WEEK, END_OF_MONTH, DAY, PART, CLOCK];

/** A length of time from now (LATER): minutes and hours are that instant, whole days and weeks that working day. */
function laterFrom(input: string, original: string, now: Date, timezone: string): ParsedTime | undefined {
  const later = LATER.exec(input);
  if (!later) return undefined;
  const [amount, half, unit] = later[1] ? [later[1], later[2], later[3]!] : [later[4]!, later[5], later[6]!];
  const count = amount === '半' ? 0.5 : numberOf(amount) + (half ? 0.5 : 0);
  if (!Number.isFinite(count) || count <= 0) return undefined;
  const text = original.slice(later.index, later.index + later[0].length);
  const span = count * UNIT_MS[unit]!;
  if (span < DAY_MS) return { start: new Date(now.getTime() + span), before: false, text };
  const days = span / DAY_MS;
  // "三天后下午3点": the day and the clock together are not read here (nor were they before).
  if (!Number.isInteger(days) || PART.test(input) || CLOCK.test(input)) return undefined;
  const today = localDate(now, timezone);
  return { start: zoned(today, days, WORKING_DAY[0], 0, timezone), end: zoned(today, days, WORKING_DAY[1], 0, timezone), before: false, text };
}

/** parseTime without the mayHoldTime gate: for the test that the gate passes every text a time is read in. */
export function parseTimeUngated(text: string, now: Date, timezone: string): ParsedTime | undefined {
  return withDeadline(readTime(text, now, timezone, false), now);
}

function readTime(text: string, now: Date, timezone: string, gate = true): ParsedTime | undefined {
  const original = text.normalize('NFKC');
  // "明天早上8點前" was no time at all (點); the words are cut from the text as written, so read one for one.
  const input = cantoneseTimes(simplified(original));
  if (gate && !mayHoldTime(input)) return undefined;
  // Calendar dates (11月30日, 12/1) are chrono's strength.
  if (CALENDAR.test(input)) return fromChrono(input, original, now, timezone);
  const within = WITHIN.exec(input);
  if (within) {
    const count = within[1] === '半' ? 0.5 : numberOf(within[1]!) + (within[2] ? 0.5 : 0);
    if (Number.isFinite(count) && count > 0) {
      const span = count * UNIT_MS[within[3]!]!;
      // Whole days ("三天内", "一周内") run to the end of the last day's working hours, not to this minute of it: said
      // at 02:40, "一周内" was read back as "12月14日 02:40 前".
      const days = span / DAY_MS;
      const by = Number.isInteger(days) ? zoned(localDate(now, timezone), days, WORKING_DAY[1], 0, timezone) : new Date(now.getTime() + span);
      return { start: by, before: true, text: original.slice(within.index, within.index + within[0].length) };
    }
  }
  const later = laterFrom(input, original, now, timezone);
  if (later) return later;
  const today = localDate(now, timezone);
  const period = endOfPeriod(input, today, timezone);
  if (period) return { ...period, text: original.slice(period.index, period.index + period.length) };
  const day = DAY.exec(input);
  const part = PART.exec(input);
  const clock = CLOCK.exec(input);
  if (!day && !part && !clock) return fromChrono(input, original, now, timezone);
  const found = [day, part, clock].filter((m): m is RegExpExecArray => !!m);
  const from = Math.min(...found.map((m) => m.index));
  const to = Math.max(...found.map((m) => m.index + m[0].length));
  const tail = BEFORE.exec(input.slice(to, to + 3));
  const after = !!tail && tail.index === 0;
  // "最晚明天8点", "明天最晚8点", "最迟周六": at the latest, as 前 says after the time.
  const near = Math.max(0, from - 6);
  const latest = AT_THE_LATEST.exec(input.slice(near, to));
  const before = after || !!latest;
  const words = original.slice(latest ? Math.min(from, near + latest.index) : from, to + (after ? tail![0].length : 0));

  const { offset, weekend } = day ? dayOffsetOf(day, today) : { offset: 0, weekend: false };
  const partWord = part?.[1];
  const window = partWord ? PARTS[partWord]! : undefined;

  if (clock) {
    const at = clockOf(clock, window);
    if (!at) return undefined;
    let dayOffset = offset;
    let start = zoned(today, dayOffset, at.hour, at.minute, timezone);
    // A clock time alone that has passed today means tomorrow (下午3点 said at 16:00 means tomorrow's).
    if (!day && start.getTime() <= now.getTime()) start = zoned(today, (dayOffset += 1), at.hour, at.minute, timezone);
    // "12点到1点", "3点-5点": a window with its own end, which for a repair is the deadline (4.2.1.1).
    const range = RANGE_END.exec(input.slice(clock.index + clock[0].length));
    const endAt = range && clockOf(CLOCK.exec(range[1]!)!, window, at.hour);
    if (endAt && endAt.hour * 60 + endAt.minute > at.hour * 60 + at.minute) {
      const end = zoned(today, dayOffset, endAt.hour, endAt.minute, timezone);
      return { start, end, before, text: original.slice(from, clock.index + clock[0].length + range![0].length) };
    }
    // "下午3点以后": from 15:00 to the end of the afternoon; "3点后" to the end of the working day; "6点以后" the evening.
    const clockEnd = clock.index + clock[0].length;
    const later = before ? null : FROM_THEN.exec(input.slice(clockEnd));
    const endHour = later ? [...(window ? [window[1]] : []), WORKING_DAY[1], EVENING_END].find((h) => h * 60 > at.hour * 60 + at.minute) : undefined;
    if (later && endHour !== undefined) {
      const end = zoned(today, dayOffset, endHour, 0, timezone);
      return { start, end, before, text: original.slice(from, clockEnd + later[0].length) };
    }
    return { start, before, text: words };
  }
  const moment = partWord ? MOMENTS[partWord] : undefined;
  if (moment !== undefined) {
    const at = zoned(today, offset, moment, 0, timezone);
    return { start: !day && at.getTime() <= now.getTime() ? zoned(today, 1, moment, 0, timezone) : at, before, text: words };
  }
  const [fromHour, toHour] = window ?? WORKING_DAY;
  const start = zoned(today, offset, fromHour, 0, timezone);
  const end = zoned(today, offset + (weekend ? 1 : 0), toHour, 0, timezone);
  if (!day && end.getTime() <= now.getTime()) {
    return { start: zoned(today, 1, fromHour, 0, timezone), end: zoned(today, 1, toHour, 0, timezone), before, text: words };
  }
  return { start, end, before, text: words };
}

/** The end of the working day that closes the week or month named, as a deadline (with the words' span). */
function endOfPeriod(input: string, today: LocalDate, timezone: string): { start: Date; before: true; index: number; length: number } | undefined {
  const span = (m: RegExpExecArray) => {
    const tail = BEFORE.exec(input.slice(m.index + m[0].length, m.index + m[0].length + 3));
    return { index: m.index, length: m[0].length + (tail?.index === 0 ? tail[0].length : 0) };
  };
  const week = END_OF_WEEK.exec(input);
  if (week) return { start: zoned(today, 7 - today.weekday, WORKING_DAY[1], 0, timezone), before: true, ...span(week) };
  const month = END_OF_MONTH.exec(input);
  if (!month) return undefined;
  const named = month[1] ? numberOf(month[1]) : today.month;
  if (!(named >= 1 && named <= 12)) return undefined;
  // A month already past this year ("1月底" said in December) is next year's.
  const year = today.year + (named < today.month ? 1 : 0);
  const lastDay = new Date(Date.UTC(year, named, 0)).getUTCDate();
  const offset = Math.round((Date.UTC(year, named - 1, lastDay) - Date.UTC(today.year, today.month - 1, today.day)) / DAY_MS);
  return { start: zoned(today, offset, WORKING_DAY[1], 0, timezone), before: true, ...span(month) };
}

/**
 * Written Cantonese day and part-of-day words, each as long as its Mandarin (so the words read stay where they were
 * written): "聽日下晝得閒" was no time at all and the time was asked again (seen in play).
 */
const CANTONESE_TIMES: Record<string, string> = { 听日: '明天', 琴日: '昨天', 后日: '后天', 上昼: '上午', 下昼: '下午', 朝早: '早上', 晏昼: '中午', 今晚黑: '今晚上', 听晚: '明晚' };
const CANTONESE_TIME = new RegExp(Object.keys(CANTONESE_TIMES).join('|'), 'g');

function cantoneseTimes(text: string): string {
  return text.replace(CANTONESE_TIME, (m) => CANTONESE_TIMES[m]!).replace(MISTYPED_PART, '$1午');
}

/**
 * 午 typed as 五 (the same wu on a pinyin keyboard) right after a day: "明天下五" was no time, and joined 内容 at the room
 * question (seen in play, field8). Only after a day word, and not before a number's measure ("周一下五楼" stays).
 */
const MISTYPED_PART = /(?<=(?:今天|明天|后天|今|明|后|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天])\s*)([上下])五(?![楼层号栋单元点个十百千万\d])/g;

const NOW_WORDS = /^(现在|此刻|目前|当前|刚才|刚刚|这会儿?)$/;

/**
 * The patterns chrono's own parsers look for, taken from them once. chrono finds a time only where one of its parsers'
 * patterns matches (its refiners merge, adjust and filter what the parsers found, and add nothing), so a text none of
 * them matches has no time for chrono, and the parse is skipped: most clauses it is asked about have none
 * ("厨房水管漏水", "1栋1单元100"; 1,944 of 2,616 readings in bench:engine), and each parse builds a context and
 * compiles its casual parser's pattern anew. The patterns do not depend on the text or the reference date
 * (test/conversation/parse-time.test.ts checks this against the installed chrono).
 */
export const CHRONO_PATTERNS: readonly RegExp[] = chrono.zh.hans.casual.parsers.map((parser) => {
  const pattern = (parser as unknown as { pattern(context: unknown): RegExp }).pattern(undefined);
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
});

function fromChrono(text: string, original: string, now: Date, timezone: string): ParsedTime | undefined {
  if (!CHRONO_PATTERNS.some((pattern) => pattern.test(text))) return undefined;
  const [found] = chrono.zh.hans.parse(text, { instant: now, timezone: offsetMinutes(now, timezone) }, { forwardDate: true });
  // "现在就要来" is no time to book: chrono reads 现在 as this instant, which became a working day gone by (seen in play:
  // 时间:12月6日 09:00–18:00, said on the 7th at 05:20).
  if (!found || NOW_WORDS.test(found.text)) return undefined;
  // The words as the owner wrote them (traditional or not): callers cut them out of the description.
  const result = { start: found.start, text: original.slice(found.index, found.index + found.text.length) };
  let start = result.start.date();
  // chrono's forwardDate puts a date of *today* into next year (11月28日14:00 said at 09:00 on the 28th became 2027,
  // a deadline a year away). Without a year written, this year's date wins while it is still ahead (today counts).
  if (!result.start.isCertain('year')) {
    const thisYear = new Date(start);
    thisYear.setUTCFullYear(thisYear.getUTCFullYear() - 1);
    const limit = result.start.isCertain('hour') ? now.getTime() : zoned(localDate(now, timezone), 0, 0, 0, timezone).getTime();
    if (thisYear.getTime() >= limit) start = thisYear;
  }
  if (result.start.isCertain('hour')) return { start, before: false, text: result.text };
  // A date without an hour is that working day.
  const date = localDate(start, timezone);
  return {
    start: zoned(date, 0, WORKING_DAY[0], 0, timezone),
    end: zoned(date, 0, WORKING_DAY[1], 0, timezone),
    before: false,
    text: result.text,
  };
}
