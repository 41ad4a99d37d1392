import { schedule, type ScheduledTask } from 'node-cron';
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
 */
export function startJobs(
  jobs: Job[],
  options: { timezone: string; deliver: (message: OutgoingMessage) => Promise<void>; log: (line: string) => void; coordination?: Coordination },
): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.cron,
      async (context) => {
        try {
          const slot = new Date(Math.floor(context.date.getTime() / 1000) * 1000).toISOString();
          const outcome = await (options.coordination ?? single).once(job.name, slot, () => job.run());
          if (!outcome.ran) return;
          for (const message of outcome.value) await options.deliver(message);
        } catch (error) {
          options.log(`job ${job.name} failed: ${(error as Error).stack ?? error}`);
        }
      },
      { timezone: options.timezone, name: job.name, noOverlap: true },
    ),
  );
  return {
    async stop() {
      await Promise.all(tasks.map((task) => task.destroy()));
    },
  };
}
