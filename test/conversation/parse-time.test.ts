import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { describe, expect, it, vi } from 'vitest';
import { CHRONO_PATTERNS, parseTime } from '../../src/conversation/parse-time.ts';

// Friday 27 November 2026, 10:00 in Beijing.
const NOW = new Date('2026-11-27T10:00:00+08:00');
const TZ = 'Asia/Shanghai';
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

function read(text: string) {
  const t = parseTime(text, NOW, TZ);
  if (!t) return undefined;
  return { start: t.start.toISOString(), end: t.end?.toISOString(), before: t.before };
}

describe('everyday Chinese times', () => {
  it.each([
    ['明天下午两点', bj('2026-11-28T14:00:00')],
    ['今晚8点', bj('2026-11-27T20:00:00')],
    ['后天上午十点', bj('2026-11-29T10:00:00')],
    ['下周一下午3点', bj('2026-11-30T15:00:00')],
    ['明早9点', bj('2026-11-28T09:00:00')],
    ['下午三点半', bj('2026-11-27T15:30:00')],
    ['周五18点', bj('2026-11-27T18:00:00')],
    ['11月30日14:00', bj('2026-11-30T14:00:00')],
    ['明天14:30', bj('2026-11-28T14:30:00')],
    ['9点', bj('2026-11-28T09:00:00')],
    ['中午12点', bj('2026-11-27T12:00:00')],
    ['下周三上午10点一刻', bj('2026-12-02T10:15:00')],
  ])('%s is an exact time', (text, start) => {
    expect(read(text)).toEqual({ start, end: undefined, before: false });
  });

  it.each([
    // Seen in play: "下班以后 7点左右" was read as 07:00 the next morning.
    ['下班以后 7点左右', bj('2026-11-27T19:00:00')],
    ['3点', bj('2026-11-27T15:00:00')],
    ['明天5点半', bj('2026-11-28T17:30:00')],
    ['凌晨3点', bj('2026-11-28T03:00:00')],
    ['早上6点', bj('2026-11-28T06:00:00')],
  ])('%s is read as a visit time', (text, start) => {
    expect(read(text)).toEqual({ start, end: undefined, before: false });
  });

  it.each([
    // A window with its own end (field trial: "中午12点到1点" kept only 12:00).
    ['中午12点到1点', bj('2026-11-27T12:00:00'), bj('2026-11-27T13:00:00')],
    ['明天3点-5点', bj('2026-11-28T15:00:00'), bj('2026-11-28T17:00:00')],
    ['周六上午10点至11点半', bj('2026-11-28T10:00:00'), bj('2026-11-28T11:30:00')],
    // "…以后 / 后": from then on (seen in play: "下午3点以后" was 15:00 exactly, "3点后来" no time), to the end of the part
    // of the day, else of the working day, else of the evening. A bare 1–6点 is afternoon or evening: the field trial's
    // "下班后吧 六点以后" became 06:00 the next morning.
    ['下班后吧 六点以后', bj('2026-11-27T18:00:00'), bj('2026-11-27T21:00:00')],
    ['下午3点以后', bj('2026-11-27T15:00:00'), bj('2026-11-27T18:00:00')],
    ['3点后来', bj('2026-11-27T15:00:00'), bj('2026-11-27T18:00:00')],
    ['明天上午10点之后', bj('2026-11-28T10:00:00'), bj('2026-11-28T12:00:00')],
    ['晚上7点以后', bj('2026-11-27T19:00:00'), bj('2026-11-27T21:00:00')],
  ])('%s is a window with its own end', (text, start, end) => {
    expect(read(text)).toEqual({ start, end, before: false });
  });

  it.each([
    ['周六上午', bj('2026-11-28T09:00:00'), bj('2026-11-28T12:00:00')],
    ['明天下午', bj('2026-11-28T14:00:00'), bj('2026-11-28T18:00:00')],
    ['这周末', bj('2026-11-28T09:00:00'), bj('2026-11-29T18:00:00')],
    ['下周末', bj('2026-12-05T09:00:00'), bj('2026-12-06T18:00:00')],
    ['下周一', bj('2026-11-30T09:00:00'), bj('2026-11-30T18:00:00')],
    ['周五', bj('2026-11-27T09:00:00'), bj('2026-11-27T18:00:00')],
    ['周四', bj('2026-12-03T09:00:00'), bj('2026-12-03T18:00:00')],
    ['今晚', bj('2026-11-27T19:00:00'), bj('2026-11-27T21:00:00')],
    ['12月1号', bj('2026-12-01T09:00:00'), bj('2026-12-01T18:00:00')],
  ])('%s is a window', (text, start, end) => {
    expect(read(text)).toEqual({ start, end, before: false });
  });

  it('reads "by then" as a deadline', () => {
    expect(read('今晚8点前')).toEqual({ start: bj('2026-11-27T20:00:00'), end: undefined, before: true });
    expect(read('周六之前')?.before).toBe(true);
  });

  it('a week or a month named as a limit is by the end of its last working day (这周内 and 月底前 were no time at all)', () => {
    const by = (text: string) => parseTime(text, NOW, TZ)?.by?.toISOString();
    expect(by('这周内')).toBe(bj('2026-11-29T18:00:00'));
    expect(by('本星期之内')).toBe(bj('2026-11-29T18:00:00'));
    expect(by('下周之前')).toBe(bj('2026-11-29T18:00:00'));
    expect(by('一周内')).toBe(bj('2026-12-04T18:00:00'));
    expect(by('两个礼拜以内')).toBe(bj('2026-12-11T18:00:00'));
    expect(by('三天之内')).toBe(bj('2026-11-30T18:00:00'));
    expect(by('月底前')).toBe(bj('2026-11-30T18:00:00'));
    expect(by('这个月内')).toBe(bj('2026-11-30T18:00:00'));
    expect(by('12月底')).toBe(bj('2026-12-31T18:00:00'));
    expect(by('1月底之前')).toBe(bj('2027-01-31T18:00:00'));
    // Less than a day stays to the minute; 月底 inside a word is no time.
    expect(by('半小时内')).toBe(bj('2026-11-27T10:30:00'));
    expect(read('岁月底蕴')).toBeUndefined();
    // 这周末 and 周六 are still days, not limits.
    expect(read('这周末')?.before).toBe(false);
  });

  it('reads written Cantonese days and parts of the day (聽日下晝得閒 was no time at all)', () => {
    expect(read('聽日下晝得閒')).toEqual({ start: bj('2026-11-28T14:00:00'), end: bj('2026-11-28T18:00:00'), before: false });
    expect(parseTime('廁所塞咗 聽日下晝得閒', NOW, TZ)?.text).toBe('聽日下晝');
    expect(read('今晚黑八点')?.start).toBe(bj('2026-11-27T20:00:00'));
    // Seen in play: "聽日上晝" (tomorrow morning) was the whole working day.
    expect(read('聽日上晝')).toEqual({ start: bj('2026-11-28T09:00:00'), end: bj('2026-11-28T12:00:00'), before: false });
    expect(read('後日上晝')?.start).toBe(bj('2026-11-29T09:00:00'));
  });

  it('finds the time inside a sentence', () => {
    const t = parseTime('师傅明天下午两点左右上门可以吗', NOW, TZ);
    expect(t?.start.toISOString()).toBe(bj('2026-11-28T14:00:00'));
    expect(t?.text).toBe('明天下午两点');
  });

  it('says nothing when there is no time', () => {
    expect(read('厨房水管漏水')).toBeUndefined();
    expect(read('尽快')).toBeUndefined();
    expect(read('25点')).toBeUndefined();
  });
});

describe('a length of time from now ("10分钟后", "半小时后", "三天以后")', () => {
  // Seen in play on a machine set to UTC: "预约 R0001 10分钟后到" said at 21:20 in Beijing became 12月8日 13:30 (chrono
  // read the clock time in the machine's zone), "一个半小时后" was half an hour, "2小时以后" and "三天以后" no time.
  const at = (text: string, now: string) => parseTime(text, new Date(now), TZ);
  it('minutes and hours are that instant, at any hour of the Beijing day', () => {
    for (const now of ['2026-12-07T21:20:00+08:00', '2026-12-08T01:20:00+08:00', '2026-12-07T10:00:00+08:00']) {
      const later = (minutes: number) => new Date(new Date(now).getTime() + minutes * 60_000).toISOString();
      expect(at('10分钟后到', now)?.start.toISOString()).toBe(later(10));
      expect(at('十分钟后再来', now)?.start.toISOString()).toBe(later(10));
      expect(at('过十分钟到', now)?.start.toISOString()).toBe(later(10));
      expect(at('5分钟之后', now)?.start.toISOString()).toBe(later(5));
      expect(at('半小时后到', now)?.start.toISOString()).toBe(later(30));
      expect(at('一个半小时后', now)?.start.toISOString()).toBe(later(90));
      expect(at('2小时以后上门', now)?.start.toISOString()).toBe(later(120));
      expect(at('两个钟头后', now)?.start.toISOString()).toBe(later(120));
      expect(at('两个钟头后', now)?.before).toBe(false);
    }
    expect(at('师傅说半小时后到', '2026-12-07T21:20:00+08:00')?.text).toBe('半小时后');
  });
  it('days and weeks are that working day; with a clock time they are not read here', () => {
    expect(at('三天以后来', '2026-12-07T21:20:00+08:00')).toMatchObject({ start: new Date(bj('2026-12-10T09:00:00')), end: new Date(bj('2026-12-10T18:00:00')) });
    expect(at('一周后', '2026-12-08T01:20:00+08:00')?.start.toISOString()).toBe(bj('2026-12-15T09:00:00'));
    // within stays a deadline
    expect(at('半小时内', '2026-12-07T21:20:00+08:00')?.before).toBe(true);
  });
});

describe('a date of today stays this year (chrono forwardDate had moved it to next year)', () => {
  const at = (text: string, now: string) => parseTime(text, new Date(now), TZ)?.start.toISOString();
  it('today, later: this year; today, already past: next year; no year written either way', () => {
    expect(at('11月28日14:00', '2026-11-28T09:00:00+08:00')).toBe(bj('2026-11-28T14:00:00'));
    expect(at('11月28日01:00', '2026-11-28T00:05:00+08:00')).toBe(bj('2026-11-28T01:00:00'));
    expect(at('11月28日', '2026-11-28T09:00:00+08:00')).toBe(bj('2026-11-28T09:00:00'));
    expect(at('11月28日08:00', '2026-11-28T09:00:00+08:00')).toBe(bj('2027-11-28T08:00:00'));
    expect(at('11月27日', '2026-11-28T09:00:00+08:00')).toBe(bj('2027-11-27T09:00:00'));
    expect(at('2026年11月28日14:00', '2026-11-28T09:00:00+08:00')).toBe(bj('2026-11-28T14:00:00'));
  });
});

describe('chrono is asked only about text one of its parsers can read (issue 17, item 5)', () => {
  const parsers = () => chrono.zh.hans.casual.parsers as unknown as Array<{ pattern(context: unknown): RegExp }>;

  it('its parsers\' patterns do not depend on the text or the reference date, so they can be taken once', () => {
    const context = (text: string) => ({ text, refDate: new Date(), reference: { instant: new Date() }, option: {} });
    expect(CHRONO_PATTERNS).toHaveLength(parsers().length);
    parsers().forEach((parser, i) => {
      for (const text of ['11月30日', '明天下午', '厨房水管漏水']) {
        const pattern = parser.pattern(context(text));
        expect(pattern.source).toBe(CHRONO_PATTERNS[i]!.source);
        expect(pattern.flags.replace(/[gy]/g, '')).toBe(CHRONO_PATTERNS[i]!.flags);
      }
    });
  });

  it('every text chrono finds a time in, among the evaluation messages and their clauses, is one the patterns let through', async () => {
    const dir = join(import.meta.dirname, '../../eval');
    const texts = new Set<string>();
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of (await readFile(join(dir, file), 'utf8')).split('\n').filter(Boolean)) {
        const text = (JSON.parse(line) as { text: string }).text.normalize('NFKC');
        texts.add(text);
        for (const m of text.matchAll(/[^,,。.!!??;;、\n\s]+/g)) texts.add(m[0]);
      }
    }
    let found = 0;
    let skipped = 0;
    for (const text of texts) {
      const read = chrono.zh.hans.parse(text, { instant: NOW, timezone: 480 }, { forwardDate: true }).length > 0;
      const passes = CHRONO_PATTERNS.some((p) => p.test(text));
      if (read) found += 1;
      if (!passes) skipped += 1;
      if (read && !passes) expect.fail(`chrono reads a time in "${text}" that the patterns would skip`);
    }
    // The test means something: chrono found times, and many texts are skipped.
    expect(found).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(texts.size / 2);
  });

  it('a clause with nothing chrono could read is not parsed by chrono; a calendar date still is', () => {
    const parse = vi.spyOn(chrono.zh.hans.casual, 'parse');
    try {
      expect(read('1栋1单元100')).toBeUndefined();
      expect(read('厨房水管漏水')).toBeUndefined();
      expect(parse).not.toHaveBeenCalled();
      expect(read('11月30日')).toEqual({ start: bj('2026-11-30T09:00:00'), end: bj('2026-11-30T18:00:00'), before: false });
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });
});
