/**
 * A start-up worker (partition-scan.ts): reads, parses and validates the partitions it is handed, with the same check
 * as a partition loaded later (checkPartition), and answers with what start-up keeps of each: its summary rows and
 * its tickets that are not closed, or the error that refuses it.
 *
 * It loads no zod: the plain check of a ticket comes as a plan from the thread that started it (plain-check.ts), and
 * the normal read, zod and all, is imported only for a file the plain check cannot vouch for (issue 17, item 5: zod
 * and the schemas took ~150–250 ms of CPU in every thread before it read a file).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readWhole, scanPlainBytes } from './partition-bytes.ts';
import type { ScanJob, ScanReply, ScanResult } from './partition-scan.ts';
import { checkOf, type PlainPlan } from './plain-check.ts';

const plainTicketBytes = checkOf((workerData as { plan: PlainPlan }).plan);

/** A file that is plainly valid is checked from its bytes; any other is read the normal way, so its errors are the normal ones. */
async function scan(job: ScanJob): Promise<ScanResult> {
  const bytes = readWhole(job.file);
  const plain = bytes && scanPlainBytes(bytes, job, plainTicketBytes);
  if (plain) return plain;
  const { readPartitionFile } = await import('./partition-scan.ts');
  return readPartitionFile(job);
}

parentPort?.on('message', (job: ScanJob) => {
  void scan(job).then(
    (result): void => parentPort!.postMessage({ id: job.id, ...result } satisfies ScanReply),
    (error: Error & { file?: string }): void =>
      parentPort!.postMessage({ id: job.id, error: { name: error.name, message: error.message, ...(error.file !== undefined && { file: error.file }) } } satisfies ScanReply),
  );
});

parentPort?.postMessage('ready');
