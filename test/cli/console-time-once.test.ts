import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runJobsUntil, ShiftedClock } from '../../app/console-time.ts';
import { systemClock } from '../../src/clock.ts';
import { withJobRuns } from '../../src/jobs/job-runs.ts';
import { type Job, startJobs } from '../../src/jobs/scheduler.ts';
import type { OutgoingMessage } from '../../src/messages.ts';
import { single } from '../../src/store/coordination.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';

const TZ = 'Asia/Shanghai';
let dir: string | undefined;
afterEach(async () => {
  vi.useRealTimers();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/**
 * Seen in play: after `/time` had run the 18:00 daily digest on the way, the real node-cron schedule fired the digest
 * again when the real clock reached 18:00, on the moved clock; a job that marks nothing done in the store (the digest)
 * was sent twice for one slot. Each job now runs once per slot by its own key (job name + slot, kept in the store),
 * and the real schedule keeps the moved clock's hours.
 */
describe('/time and the real schedule run each job once per slot', () => {
  it('a jump that ran the 18:00 digest, then the real 18:00 tick, then a restart: one digest', async () => {
    dir = await mkdtemp(join(tmpdir(), 'huiyin-time-once-'));
    const store = await openLowdbStore({ dataDir: dir });
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-07T17:59:50+08:00'));
    const sent: OutgoingMessage[] = [];
    let runs = 0;
    const digest: Job = {
      name: 'daily-digest',
      cron: '0 18 * * *',
      run: async () => {
        runs += 1;
        return [{ chat: { platform: 'console', id: 'managers' }, text: `日报 ${runs}` }];
      },
    };
    const clock = new ShiftedClock(systemClock);
    const coordination = withJobRuns(store, single);
    const deliver = async (m: OutgoingMessage) => void sent.push(m);
    const jobs = startJobs([digest], { timezone: TZ, deliver, log: () => undefined, coordination, timeAt: (real) => clock.at(real) });
    // /time 18:00 ten seconds before the real 18:00: the jump runs the 18:00 slot.
    await runJobsUntil(new Date('2026-12-07T18:00:00+08:00'), { clock, jobs: [digest], timezone: TZ, deliver, log: () => undefined, coordination });
    expect(sent).toHaveLength(1);
    // The real clock reaches 18:00 (the moved clock shows 18:00:10): the same slot, not sent again.
    await vi.advanceTimersByTimeAsync(30_000);
    await jobs.stop();
    expect(sent).toHaveLength(1);
    await store.close();
    vi.useRealTimers();

    // A restart on the same data: the slot is still known.
    const reopened = await openLowdbStore({ dataDir: dir });
    const again = await withJobRuns(reopened, single).once('daily-digest', new Date('2026-12-07T18:00:00+08:00').toISOString(), digest.run);
    expect(again.ran).toBe(false);
    // The next day's slot runs.
    expect((await withJobRuns(reopened, single).once('daily-digest', new Date('2026-12-08T18:00:00+08:00').toISOString(), digest.run)).ran).toBe(true);
    await reopened.close();
  });

  it('the real schedule keeps the moved clock: a job runs at its hour on that clock, not at the real one', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-07T09:59:30+08:00'));
    const clock = new ShiftedClock(systemClock);
    clock.moveTo(new Date('2026-12-07T17:59:30+08:00'));
    const ran: string[] = [];
    const jobs = startJobs([{ name: 'daily-digest', cron: '0 18 * * *', run: async () => (ran.push(clock.now().toISOString()), []) }], {
      timezone: TZ,
      deliver: async () => undefined,
      log: () => undefined,
      timeAt: (real) => clock.at(real),
    });
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await jobs.stop();
    expect(ran).toHaveLength(1);
    expect(ran[0]!.slice(0, 16)).toBe('2026-12-07T10:00');
  });
});
