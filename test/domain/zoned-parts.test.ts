/**
 * partsAt remembers formatToParts per format and instant (issue 17, item 5: one message asked Intl for the same few
 * instants' parts two and three times over). It must answer exactly as formatToParts does, across a DST change too.
 */
import { describe, expect, it, vi } from 'vitest';
import { partsAt, zonedParts } from '../../src/zoned-time.ts';

describe('partsAt', () => {
  it('answers as formatToParts, asking Intl once per instant', () => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    const spy = vi.spyOn(format, 'formatToParts');
    // Every 17 minutes across the night the clocks went back (2026-11-01 02:00 EDT → 01:00 EST).
    const instants = Array.from({ length: 40 }, (_, i) => new Date(Date.parse('2026-11-01T03:00:00Z') + i * 17 * 60_000));
    for (const at of [...instants, ...instants]) {
      expect(partsAt(format, at)).toEqual(Intl.DateTimeFormat.prototype.formatToParts.call(format, at));
    }
    expect(spy).toHaveBeenCalledTimes(instants.length);
    expect(Object.isFrozen(partsAt(format, instants[0]!))).toBe(true);
  });

  it('keeps answering right after forgetting (more instants than it remembers)', () => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', day: 'numeric', hour: 'numeric', hourCycle: 'h23' });
    for (let i = 0; i < 1000; i += 1) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000);
      expect(partsAt(format, at)).toEqual(format.formatToParts(at));
    }
    expect(zonedParts(new Date('2026-11-27T16:30:00Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 28, hour: 0, minute: 30, second: 0 });
  });

  it('a format without seconds, remembered by the minute, answers as formatToParts at every second', () => {
    // Every 7 s for two hours across the night the clocks went back, in a format that shows minutes: each answer
    // must be the instant's own minute (a memo keyed by anything coarser, or across formats, fails here).
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    const coarse = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', day: 'numeric', hour: 'numeric', hourCycle: 'h23' });
    const from = Date.parse('2026-11-01T05:00:00Z');
    for (let t = from; t < from + 2 * 3_600_000; t += 7_000) {
      const at = new Date(t);
      expect(partsAt(coarse, at)).toEqual(Intl.DateTimeFormat.prototype.formatToParts.call(coarse, at));
      expect(partsAt(format, at)).toEqual(Intl.DateTimeFormat.prototype.formatToParts.call(format, at));
    }
  });

  it('asks Intl once per minute for a format without seconds, and per instant for one with seconds', () => {
    const minutes = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' });
    const seconds = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', minute: 'numeric', second: 'numeric' });
    const minuteSpy = vi.spyOn(minutes, 'formatToParts');
    const secondSpy = vi.spyOn(seconds, 'formatToParts');
    const from = Date.parse('2026-11-27T01:00:00Z');
    for (let i = 0; i < 600; i += 1) {
      const at = new Date(from + i * 200);
      expect(partsAt(minutes, at)).toEqual(Intl.DateTimeFormat.prototype.formatToParts.call(minutes, at));
      expect(partsAt(seconds, at)).toEqual(Intl.DateTimeFormat.prototype.formatToParts.call(seconds, at));
    }
    expect(minuteSpy).toHaveBeenCalledTimes(2);
    expect(secondSpy).toHaveBeenCalledTimes(600);
  });

  it('does not remember by the minute where the offset has seconds (local mean time): the local minute turns mid-minute', () => {
    // Shanghai kept local mean time, +8:05:43, until 1901: 00:00:00 UTC is 08:05:43 there and 00:00:30 UTC is 08:06:13.
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    for (const iso of ['1899-06-01T00:00:00Z', '1899-06-01T00:00:30Z', '1899-06-01T00:00:59Z', '1899-06-01T00:00:10Z']) {
      const at = new Date(iso);
      expect(partsAt(format, at)).toEqual(Intl.DateTimeFormat.prototype.formatToParts.call(format, at));
    }
    expect(partsAt(format, new Date('1899-06-01T00:00:30Z')).find((p) => p.type === 'minute')?.value).toBe('06');
  });

  it('an invalid date still throws, and is not remembered', () => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', day: 'numeric' });
    expect(() => partsAt(format, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => partsAt(format, new Date(Number.NaN))).toThrow(RangeError);
  });
});
