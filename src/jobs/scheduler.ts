import { schedule, type ScheduledTask } from 'node-cron';
import type { OutgoingMessage } from '../messages.ts';

/** A job: runs at its cron times in the deployment's timezone and returns the messages it wants sent. */
export interface Job {
  name: string;
  cron: string;
  run(): Promise<OutgoingMessage[]>;
}

/**
 * Runs jobs on node-cron. Jobs compute from the store and the injected clock only, so tests call `run()` at any
 * simulated time; this is the one place real time triggers them. A failing run is logged and the next one goes on.
 */
export function startJobs(
  jobs: Job[],
  options: { timezone: string; deliver: (message: OutgoingMessage) => Promise<void>; log: (line: string) => void },
): { stop(): Promise<void> } {
  const tasks: ScheduledTask[] = jobs.map((job) =>
    schedule(
      job.cron,
      async () => {
        try {
          for (const message of await job.run()) await options.deliver(message);
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
