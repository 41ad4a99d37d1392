import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';
import { ZHANG } from '../helpers/tickets.ts';
import { makeTicket } from '../reports/fixture.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);
const deadlineLines = (lines: string[]) => lines.filter((l) => l.includes('即将到期') || l.includes('【超时】'));

/**
 * Seen in a /time jump (field9 notes): the 4-hour warning of a complaint's deadline falls in quiet hours and is held to
 * 08:00. With the deadline at 08:00 itself, the office got 【即将到期】 "应于 08:00 前办结" at 08:00 and 【超时】 five
 * minutes later. A warning held past the time it warns of is not sent; what is true then still comes.
 */
describe('a deadline warning held by quiet hours', () => {
  it('is not sent once the deadline has come; 【超时】 still is', async () => {
    tr = await Transcript.open({ start: '2026-12-08T08:00:00+08:00' });
    const complaint = await makeTicket(tr.store, {
      category: 'valid',
      at: tr.clock.now().toISOString(),
      description: '保安态度差',
      steps: [['2026-12-08T08:10:00+08:00', { type: 'accepted', handler: ZHANG }]],
    });
    // Due 12-11 08:00; the warning at 04:00 is in quiet hours and nobody is on duty.
    tr.clock.set('2026-12-11T04:00:00+08:00');
    expect(deadlineLines(await scan())).toEqual([]);
    tr.clock.set('2026-12-11T08:00:00+08:00');
    expect(deadlineLines(await scan())).toEqual([]);
    tr.clock.set('2026-12-11T08:05:00+08:00');
    expect(deadlineLines(await scan())).toEqual([expect.stringMatching(new RegExp(`^\\[office\\] 【超时】${complaint} .*12月11日 08:00`))]);
  });

  it('is still sent when quiet hours end before the deadline', async () => {
    tr = await Transcript.open({ start: '2026-12-08T09:00:00+08:00' });
    const complaint = await makeTicket(tr.store, {
      category: 'valid',
      at: tr.clock.now().toISOString(),
      description: '保安态度差',
      steps: [['2026-12-08T09:10:00+08:00', { type: 'accepted', handler: ZHANG }]],
    });
    tr.clock.set('2026-12-11T05:00:00+08:00');
    expect(deadlineLines(await scan())).toEqual([]);
    tr.clock.set('2026-12-11T08:00:00+08:00');
    expect(deadlineLines(await scan())).toEqual([expect.stringMatching(new RegExp(`^\\[office\\] 【即将到期】@张工 ${complaint} .*12月11日 09:00 前办结`))]);
    tr.clock.set('2026-12-11T09:05:00+08:00');
    expect(deadlineLines(await scan())).toEqual([expect.stringMatching(new RegExp(`^\\[office\\] 【超时】${complaint}`))]);
  });
});
