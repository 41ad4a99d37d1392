/**
 * The follow-through jobs a running bot keeps (issue 6): the reminder scan, the daily digest and the monthly
 * analysis, each at its `cron` time in the deployment's timezone. Like `housekeepingJobs` in runtime.ts, a list of
 * Jobs for `startJobs`; every run computes from the store and the clock only.
 */
import { monthlyMessages } from '../reports/monthly.ts';
import { digestMessages } from '../reports/digest.ts';
import { monthOf } from '../reports/zoned-time.ts';
import { FollowUp, type JobDeps } from './follow-up.ts';
import type { Job } from './scheduler.ts';

export function followThroughJobs(deps: JobDeps): Job[] {
  const followUp = new FollowUp(deps);
  return [
    { name: 'follow-up', cron: deps.config.cron.reminders, run: () => followUp.scan() },
    { name: 'daily-digest', cron: deps.config.cron.dailyDigest, run: () => digestMessages(deps) },
    {
      name: 'monthly-report',
      cron: deps.config.cron.monthlyReport,
      // Run on the 1st (by default): the month just ended.
      run: () => monthlyMessages(deps, monthOf(deps.clock.now(), deps.config.timezone, -1)),
    },
  ];
}
