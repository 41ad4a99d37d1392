import { describe, expect, it, vi } from 'vitest';
import { formatTicketNumber, parseTicketNumber, prefixFor, sequenceOf, TicketNumberSchema } from '../../src/domain/index.ts';

describe('ticket numbers', () => {
  it('takes its letter from the ledger: R repair, C complaint, S other duty-log entries', () => {
    expect(prefixFor('repair')).toBe('R');
    for (const c of ['valid', 'assist', 'excessive'] as const) expect(prefixFor(c)).toBe('C');
    for (const c of ['paid_service', 'consult'] as const) expect(prefixFor(c)).toBe('S');
  });

  it('pads to four digits and grows past 9999', () => {
    expect(formatTicketNumber('R', 1)).toBe('R0001');
    expect(formatTicketNumber('C', 9999)).toBe('C9999');
    expect(formatTicketNumber('S', 10000)).toBe('S10000');
    expect(sequenceOf('S10000')).toBe(10000);
    expect(() => formatTicketNumber('R', 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('R', 1.5)).toThrow(RangeError);
  });

  it('reads numbers the way people type them on a phone', () => {
    expect(parseTicketNumber('r12')).toBe('R0012');
    expect(parseTicketNumber('R 0012')).toBe('R0012');
    expect(parseTicketNumber('Ｒ００１２')).toBe('R0012');
    expect(parseTicketNumber('#c7')).toBe('C0007');
    expect(parseTicketNumber('s-3')).toBe('S0003');
    expect(parseTicketNumber('R0')).toBeUndefined();
    expect(parseTicketNumber('X0001')).toBeUndefined();
    expect(parseTicketNumber('R00a1')).toBeUndefined();
    expect(parseTicketNumber('')).toBeUndefined();
  });

  it('text with a Chinese character is no number, answered without normalising, as normalising would answer', () => {
    // The shortcut's premise, checked against the installed ICU: every character U+4E00–U+9FFF is its own NFKC form
    // and survives NFKC beside a combining mark or a fullwidth letter, so a text holding one can never match.
    for (let c = 0x4e00; c <= 0x9fff; c += 1) {
      const han = String.fromCodePoint(c);
      if (!`Ｒ${han}\u0301`.normalize('NFKC').includes(han)) throw new Error(`U+${c.toString(16)} changes under NFKC`);
    }
    const normalize = vi.spyOn(String.prototype, 'normalize');
    expect(parseTicketNumber('报修')).toBeUndefined();
    expect(parseTicketNumber('R0012号')).toBeUndefined();
    expect(normalize).not.toHaveBeenCalled();
    expect(parseTicketNumber('Ｒ００１２')).toBe('R0012');
    expect(normalize).toHaveBeenCalledTimes(1);
    normalize.mockRestore();
  });

  it('the schema accepts only canonical numbers', () => {
    expect(TicketNumberSchema.safeParse('R0001').success).toBe(true);
    expect(TicketNumberSchema.safeParse('R12345').success).toBe(true);
    expect(TicketNumberSchema.safeParse('R001').success).toBe(false);
    expect(TicketNumberSchema.safeParse('R01234').success).toBe(false);
    expect(TicketNumberSchema.safeParse('r0001').success).toBe(false);
  });
});
