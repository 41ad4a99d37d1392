/**
 * Each scheduled job runs once per slot, by its own key (job name + slot) kept in the store (issue 17 item 4: reminders
 * idempotent by their own key). Seen in play: the console's /time runs the jobs that fall due on the way while the
 * real schedule keeps ticking on the moved clock, and a restart in the same minute starts the schedule again; a job
 * that marks nothing done in the store itself (the daily digest) could be sent twice for one slot.
 */
import type { Coordination } from '../store/coordination.ts';
import type { Store } from '../store/store.ts';

/** The store's namespace of slots already run, one record per job. */
export const JOB_RUNS_NAMESPACE = 'job-runs';
/** Slots remembered per job: a jump or a restart repeats only the last few, and the record stays small. */
const KEEP = 64;

interface JobRunsRecord {
  slots: string[];
}

/**
 * `base` (the store's own coordination for several processes, or `single`) wrapped so that a job's slot already
 * recorded in the store is not run again, in this process or after a restart. Runs of one job wait for each other
 * here, so the real schedule and a /time jump reaching the same slot together run it once. The slot is recorded
 * when the run has returned, before its messages are handed on: a crash then loses that slot's messages rather than
 * sending them twice.
 */
export function withJobRuns(store: Store, base: Coordination): Coordination {
  const queues = new Map<string, Promise<unknown>>();
  return {
    ...base,
    once<T>(job: string, slot: string, run: () => Promise<T>) {
      const previous = queues.get(job) ?? Promise.resolve();
      const next = previous.then(async (): Promise<{ ran: true; value: T } | { ran: false }> => {
        const record = await store.getRecord<JobRunsRecord>(JOB_RUNS_NAMESPACE, job);
        if (record?.slots.includes(slot)) return { ran: false };
        const outcome = await base.once(job, slot, run);
        if (outcome.ran) await store.putRecord(JOB_RUNS_NAMESPACE, job, { slots: [...(record?.slots ?? []), slot].slice(-KEEP) } satisfies JobRunsRecord);
        return outcome;
      });
      queues.set(
        job,
        next.catch(() => undefined),
      );
      return next;
    },
  };
}
