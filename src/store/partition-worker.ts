/**
 * A start-up worker (partition-scan.ts): reads, parses and validates the partitions it is handed, with the same check
 * as a partition loaded later (checkPartition), and answers with what start-up keeps of each: its summary rows and
 * its tickets that are not closed, or the error that refuses it.
 */
import { parentPort } from 'node:worker_threads';
import { scanPartitionFile, type ScanJob, type ScanReply } from './partition-scan.ts';

parentPort?.on('message', (job: ScanJob) => {
  void scanPartitionFile(job).then(
    (result): void => parentPort!.postMessage({ id: job.id, ...result } satisfies ScanReply),
    (error: Error & { file?: string }): void =>
      parentPort!.postMessage({ id: job.id, error: { name: error.name, message: error.message, ...(error.file !== undefined && { file: error.file }) } } satisfies ScanReply),
  );
});

parentPort?.postMessage('ready');
