/**
 * The scheduled jobs a running bot keeps (issue 6): the reminder scan, the daily digest and the monthly
 * analysis, each at its `cron` time in the deployment's timezone. Like `housekeepingJobs` in app/compose.ts, a list of
 * Jobs for `startJobs`; every run computes from the store and the clock only.
 */
import { monthlyMessages } from '../reports/monthly.ts';
import { withMonthlyCharts } from '../reports/monthly-chart-message.ts';
import { digestMessages } from '../reports/digest.ts';
import { monthOf } from '../zoned-time.ts';
import { ReminderScan, type ReminderScanDeps } from './reminder-scan.ts';
import type { OutgoingMessage } from '../messages.ts';
import { reminderT } from '../reports/templates.ts';
import type { Job } from './scheduler.ts';
import type { PlatformInfo } from '../platform/module.ts';

/**
 * `reminders`: the composition root's scan, when it keeps one; otherwise one is made from `deps`. The reminder job keeps
 * its name 'follow-up': PostgreSQL deployments record runs under it (job_runs), so a rolling upgrade runs it once.
 */
export function scheduledJobs(deps: ReminderScanDeps & { platforms?: readonly PlatformInfo[] }, reminders: ReminderScan = new ReminderScan(deps)): Job[] {
  return [
    { name: 'follow-up', cron: deps.config.cron.reminders, run: async () => mergeBursts(await reminders.scan()) },
    { name: 'daily-digest', cron: deps.config.cron.dailyDigest, run: () => digestMessages(deps) },
    {
      name: 'monthly-report',
      cron: deps.config.cron.monthlyReport,
      // Run on the 1st (by default): the month just ended, with its chart as a picture (issue 21).
      run: async () => {
        const month = monthOf(deps.clock.now(), deps.config.timezone, -1);
        return withMonthlyCharts(deps, month, await monthlyMessages(deps, month));
      },
    },
  ];
}

/** More reminders than this for one chat in one scan (after downtime, or a first start on old data) become one message. */
export const BURST = 3;

/**
 * A scan that finds many reminders for one chat sends them as one list instead of flooding a group (the outbox then
 * splits it at the platform's length limit). Order within the chat is kept.
 */
export function mergeBursts(messages: OutgoingMessage[]): OutgoingMessage[] {
  const byChat = new Map<string, OutgoingMessage[]>();
  for (const m of messages) {
    const key = `${m.chat.platform}:${m.chat.id}`;
    byChat.set(key, [...(byChat.get(key) ?? []), m]);
  }
  return [...byChat.values()].flatMap((group) =>
    group.length <= BURST ? group : [{ chat: group[0]!.chat, text: [reminderT.burstHeader(group.length), ...group.map((m) => m.text)].join('\n\n') }],
  );
}
