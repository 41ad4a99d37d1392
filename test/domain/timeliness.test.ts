import { describe, expect, it } from 'vitest';
import { deadlineOf, timelinessOf, timelyRate } from '../../src/domain/index.ts';
import { ZHANG, apply, at, newRepair } from '../helpers/tickets.ts';

const now = (minutes: number) => new Date(at(minutes));
const HOUR = 60;

describe('timeliness (policy 5.2, 5.5)', () => {
  it('without appointment or promise, work is due three days after the request', () => {
    const t = newRepair();
    expect(deadlineOf(t)).toEqual({ deadline: at(72 * HOUR), source: 'default' });
    expect(timelinessOf(t, now(71 * HOUR)).status).toBe('pending');
    expect(timelinessOf(t, now(73 * HOUR)).status).toBe('overdue');
  });

  it('an appointment is a window: done inside it is timely, after it late', () => {
    const t = apply(newRepair(), { type: 'accepted', handler: ZHANG }, { type: 'scheduled', appointmentAt: at(5 * HOUR) });
    expect(deadlineOf(t)).toEqual({ deadline: at(7 * HOUR), source: 'appointment' });
    const inTime = apply(t, { type: 'completed', result: '修好', at: at(6 * HOUR) });
    expect(timelinessOf(inTime, now(100 * HOUR)).status).toBe('timely');
    const late = apply(t, { type: 'completed', result: '修好', at: at(7 * HOUR + 1) });
    expect(timelinessOf(late, now(8 * HOUR)).status).toBe('late');
    const explicitEnd = apply(newRepair(), { type: 'scheduled', appointmentAt: at(60), appointmentEnd: at(300) });
    expect(deadlineOf(explicitEnd).deadline).toBe(at(300));
  });

  it('a promise outranks the appointment', () => {
    const t = apply(
      newRepair(),
      { type: 'accepted', handler: ZHANG },
      { type: 'scheduled', appointmentAt: at(2 * HOUR) },
      { type: 'promised', promisedAt: at(48 * HOUR) },
    );
    expect(deadlineOf(t)).toEqual({ deadline: at(48 * HOUR), source: 'promised' });
    const done = apply(t, { type: 'completed', result: '换了配件', at: at(30 * HOUR) });
    expect(timelinessOf(done, now(50 * HOUR)).status).toBe('timely');
  });

  it('a reopened ticket is judged by its final completion', () => {
    const first = apply(newRepair(), { type: 'accepted', handler: ZHANG }, { type: 'completed', result: '修好', at: at(HOUR) });
    const reopened = apply(first, { type: 'reopened', reason: '还在漏', at: at(2 * HOUR) });
    expect(timelinessOf(reopened, now(3 * HOUR)).status).toBe('pending');
    const redoneLate = apply(reopened, { type: 'completed', result: '彻底换管', at: at(80 * HOUR) });
    expect(timelinessOf(redoneLate, now(81 * HOUR)).status).toBe('late');
  });

  it('a cancelled ticket does not count; a rated one counts by its completion', () => {
    const cancelled = apply(newRepair(), { type: 'closed', reason: 'cancelled' });
    expect(timelinessOf(cancelled, now(100 * HOUR)).status).toBe('none');
    const rated = apply(
      newRepair(),
      { type: 'accepted', handler: ZHANG },
      { type: 'completed', result: '修好' },
      { type: 'rated', ratings: { quality: 5, timeliness: 5, attitude: 5 } },
    );
    expect(timelinessOf(rated, now(100 * HOUR)).status).toBe('timely');
  });

  it('timely rate = timely ÷ total × 100%, leaving out pending and cancelled work', () => {
    const timely = apply(newRepair(), { type: 'accepted', handler: ZHANG }, { type: 'completed', result: '修好' });
    const late = apply(newRepair(), { type: 'accepted', handler: ZHANG }, { type: 'completed', result: '修好', at: at(80 * HOUR) });
    const overdue = newRepair();
    const pending = newRepair({ at: at(70 * HOUR) });
    const cancelled = apply(newRepair(), { type: 'closed', reason: 'cancelled' });
    const rate = timelyRate([timely, late, overdue, pending, cancelled], now(90 * HOUR));
    expect(rate).toEqual({ timely: 1, total: 3, percent: 33.3 });
    expect(timelyRate([], now(0)).percent).toBeNull();
  });
});
