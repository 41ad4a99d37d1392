import { createTask } from 'node-cron';
import { type Clock, DAY, HOUR, MINUTE } from '../src/clock.ts';
import { parseTime } from '../src/conversation/parse-time.ts';
import type { Job } from '../src/jobs/scheduler.ts';
import type { OutgoingMessage } from '../src/messages.ts';
import { type Coordination, single } from '../src/store/coordination.ts';
import { formatTime } from '../src/templates.ts';
import { zonedParts, zonedTime } from '../src/zoned-time.ts';

/**
 * The console's `/time` (console chat only; the core keeps its injected clock): a person trying the bot moves time on
 * and sees what the jobs send when their hour comes — reminders, escalation, return visits, the daily digest — instead
 * of waiting for them in real time.
 */
export class ShiftedClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offset);
  }
  /** From now on the clock shows `to`, and runs on from there. */
  moveTo(to: Date): void {
    this.offset = to.getTime() - this.base.now().getTime();
  }
  /** What this clock shows at the base clock's instant `real` (the real schedule's tick: src/jobs/scheduler.ts). */
  at(real: Date): Date {
    return new Date(real.getTime() + this.offset);
  }
}

/** The longest jump: the jobs are run at each minute on the way, and a month of minutes is plenty to see them. */
const MAX_JUMP = 31 * DAY;

/** "+2h", "+30m", "+3d", "+1d2h", "明天 09:00", "后天上午9点", "2026-12-08 09:00": the time to move to. */
export function timeTarget(arg: string, now: Date, timezone: string): Date | undefined {
  const text = arg.trim();
  const relative = /^\+\s*((?:\d+\s*[dhm]\s*)+)$/i.exec(text);
  if (relative) {
    let ms = 0;
    for (const [, n, unit] of relative[1]!.matchAll(/(\d+)\s*([dhm])/gi)) ms += Number(n) * (unit!.toLowerCase() === 'd' ? DAY : unit!.toLowerCase() === 'h' ? HOUR : MINUTE);
    return new Date(now.getTime() + ms);
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text);
  if (iso) return zonedTime(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 9), Number(iso[5] ?? 0), timezone);
  // A day with a clock time ("明天 09:00"): the day as the owners' time words read it, then the hour and minute.
  const clock = /^(.+?)\s*(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) {
    const day = parseTime(clock[1]!, now, timezone);
    if (!day) return undefined;
    const p = zonedParts(day.start, timezone);
    return zonedTime(p.year, p.month, p.day, Number(clock[2]), Number(clock[3]), timezone);
  }
  return parseTime(text, now, timezone)?.start;
}

/**
 * Moves the clock to `to`, running each job at every minute its cron expression names on the way, in order, with the
 * clock showing that minute, and handing what it sends to `deliver`. Returns how many messages were sent.
 * `coordination` is the real schedule's (src/jobs/job-runs.ts `withJobRuns`): each minute is the job's slot, the key
 * the real schedule uses for the same minute of this clock, so a slot run here is not run again there, nor here again
 * after a restart.
 */
export async function runJobsUntil(
  to: Date,
  deps: {
    clock: ShiftedClock;
    jobs: Job[];
    timezone: string;
    deliver: (message: OutgoingMessage) => Promise<void>;
    log: (line: string) => void;
    coordination?: Coordination;
  },
): Promise<number> {
  const tasks = deps.jobs.map((job) => ({ job, task: createTask(job.cron, () => undefined, { timezone: deps.timezone, name: `console-time-${job.name}` }) }));
  let sent = 0;
  try {
    const from = deps.clock.now().getTime();
    for (let at = Math.floor(from / MINUTE) * MINUTE + MINUTE; at <= to.getTime(); at += MINUTE) {
      const minute = new Date(at);
      const due = tasks.filter(({ task }) => task.match(minute));
      if (due.length === 0) continue;
      deps.clock.moveTo(minute);
      for (const { job } of due) {
        try {
          const outcome = await (deps.coordination ?? single).once(job.name, minute.toISOString(), () => job.run());
          if (!outcome.ran) continue;
          for (const message of outcome.value) {
            await deps.deliver(message);
            sent += 1;
          }
        } catch (error) {
          deps.log(`job ${job.name} failed: ${(error as Error).stack ?? error}`);
        }
      }
    }
  } finally {
    for (const { task } of tasks) await task.destroy();
    deps.clock.moveTo(to);
  }
  return sent;
}

/** The console's `/time <when>`: the line to show after the jobs' messages, or how to write it. */
export async function consoleTime(arg: string, deps: Parameters<typeof runJobsUntil>[1]): Promise<string> {
  const now = deps.clock.now();
  const target = arg.trim() ? timeTarget(arg, now, deps.timezone) : undefined;
  if (!arg.trim()) return `(现在是 ${formatTime(now, deps.timezone)}。调快时间:/time +2h · /time +1d · /time 明天 09:00 · /time 2026-12-08 09:00)`;
  if (!target) return `(没看懂「${arg.trim()}」。例如:/time +2h · /time +30m · /time 明天 09:00 · /time 2026-12-08 09:00)`;
  if (target.getTime() <= now.getTime()) return `(只能往后调:现在已是 ${formatTime(now, deps.timezone)})`;
  if (target.getTime() - now.getTime() > MAX_JUMP) return '(一次最多调 31 天)';
  const sent = await runJobsUntil(target, deps);
  return `(时间已调到 ${formatTime(target, deps.timezone)};其间到点的任务发出 ${sent} 条消息)`;
}
