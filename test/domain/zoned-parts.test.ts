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

  it('an invalid date still throws, and is not remembered', () => {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', day: 'numeric' });
    expect(() => partsAt(format, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => partsAt(format, new Date(Number.NaN))).toThrow(RangeError);
  });
});
