import { createTask, schedule, type ScheduledTask } from 'node-cron';
import { MINUTE } from '../clock.ts';
import type { OutgoingMessage } from '../messages.ts';
import { type Coordination, single } from '../store/coordination.ts';

/** A job: runs at its cron times in the deployment's timezone and returns the messages it wants sent. */
export interface Job {
  name: string;
  cron: string;
  run(): Promise<OutgoingMessage[]>;
}

/**
 * Runs jobs on node-cron. Jobs compute from the store and the injected clock only, so tests call `run()` at any
 * simulated time; this is the one place real time triggers them. A failing run is logged and the next one goes on.
 * With several processes on one store, `coordination` lets one of them run each job per slot (the cron time it was
 * due, the same in every process whatever their timers' skew); the others skip it.
 *
 * `timeAt` is the time the jobs' clock shows at a real instant (the console's /time moves it on: app/console-time.ts).
 * The schedule ticks every minute (every second for a six-field expression) and runs a job when its expression matches
 * the clock's minute, so a moved clock keeps its jobs at their hours, and the slot is that minute of the clock: the
 * same key a /time jump runs it under, so the two never run one slot twice (with `withJobRuns`, job-runs.ts).
 */
export function startJobs(
  jobs: Job[],
  options: {
    timezone: string;
    deliver: (message: OutgoingMessage) => Promise<void>;
    log: (line: string) => void;
    coordination?: Coordination;
    timeAt?: (real: Date) => Date;
  },
): { stop(): Promise<void> } {
  const timeAt = options.timeAt ?? ((real: Date) => real);
  const tasks: ScheduledTask[] = jobs.flatMap((job) => {
    const seconds = job.cron.trim().split(/\s+/).length === 6;
    const unit = seconds ? 1000 : MINUTE;
    // Only to read the expression: never started.
    const due = createTask(job.cron, () => undefined, { timezone: options.timezone, name: `${job.name}-due` });
    const tick = schedule(
      seconds ? '* * * * * *' : '* * * * *',
      async (context) => {
        try {
          const at = new Date(Math.floor(timeAt(context.date).getTime() / unit) * unit);
          if (!due.match(at)) return;
          const outcome = await (options.coordination ?? single).once(job.name, at.toISOString(), () => job.run());
          if (!outcome.ran) return;
          for (const message of outcome.value) await options.deliver(message);
        } catch (error) {
          options.log(`job ${job.name} failed: ${(error as Error).stack ?? error}`);
        }
      },
      { timezone: options.timezone, name: job.name, noOverlap: true },
    );
    return [due, tick];
  });
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
