/**
 * Cold start on more than one core (issue 17, item 5): the first open after seeding or a crash reads and validates
 * every partition whose summary cache is missing or stale, and at 100k tickets that is ~180 MB of JSON to parse and
 * check, most of it CPU (JSON.parse, UTF-8 decoding, zod, garbage collection). Worker threads do it in parallel, one
 * per core, and hand back only what start-up keeps (summary rows and the tickets not closed); the partitions
 * themselves are loaded again, and validated again, when a ticket in them is first read or written.
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectPath } from '../paths.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { TicketPrefix } from '../domain/ticket-number.ts';
import { TicketSchema } from '../domain/ticket.ts';
import { DurableJsonFile } from './durable-file.ts';
import { checkPartition, summaryRowOf } from './partitions.ts';
import { checkOf, type PlainCheck, type PlainPlan, plainPlanOfBytes, planOrZodOnly } from './plain-check.ts';
import type { SummaryRow } from './schema.ts';
import { StoreCorruptError, StoreVersionError } from './store.ts';

export interface ScanJob {
  id: number;
  file: string;
  key: string;
  ledger: TicketPrefix;
  block: number;
}

export interface ScanResult {
  rows: SummaryRow[];
  active: Ticket[];
}

export type ScanReply = { id: number } & (ScanResult | { error: { name: string; message: string; file?: string } });

/**
 * Below this many partitions to derive, threads cost more to start than they save (bench:store at 10k tickets, 43
 * partitions: 500 ms on one thread, ~800 ms with two threads started from the sources).
 */
export const MIN_PARTITIONS_FOR_WORKERS = 80;

/**
 * `plainCheckOfBytes(TicketSchema)` as a plan (plain-check.ts), compiled here once and handed to every start-up
 * thread, which builds the check from it without loading zod (partition-worker.ts).
 */
export const ticketBytesPlan: () => PlainPlan = once(() => planOrZodOnly(() => plainPlanOfBytes(TicketSchema)));
export const ticketBytesCheck: () => PlainCheck = once(() => checkOf(ticketBytesPlan()));

/**
 * One partition read and validated as `Partition.load` does, errors and all (a missing file is an empty partition):
 * what a start-up thread does with a file it cannot vouch for from its bytes (partition-bytes.ts).
 */
export async function readPartitionFile(job: Omit<ScanJob, 'id'>): Promise<ScanResult> {
  const doc = await new DurableJsonFile(job.file, {
    parse: (raw) => checkPartition(raw, job.file, job.key, job.ledger, job.block),
    corrupt: (path, detail) => new StoreCorruptError(path, detail),
  }).read();
  const tickets = doc?.tickets ?? [];
  return { rows: tickets.map(summaryRowOf), active: tickets.filter((t) => t.status !== 'closed') };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** Worker threads for start-up; `undefined` when there is a single core or threads cannot start here. */
export class PartitionScanPool {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: ScanResult) => void; reject: (e: Error) => void }>();
  /** Jobs handed to each worker and not answered yet. */
  private readonly inFlight: number[];

  private constructor(private readonly workers: Worker[]) {
    this.inFlight = workers.map(() => 0);
    for (const [i, worker] of workers.entries()) {
      worker.on('message', (reply: ScanReply) => {
        this.inFlight[i]! -= 1;
        this.settle(reply);
      });
      worker.on('error', (error) => this.failAll(error));
      worker.on('exit', (code) => this.failAll(new Error(`partition worker exited (${code})`)));
    }
  }

  static threads(): number {
    return Math.min(4, availableParallelism());
  }

  static async open(count = PartitionScanPool.threads()): Promise<PartitionScanPool | undefined> {
    if (count < 2) return undefined;
    const { url, source } = await workerModule();
    const started = Array.from({ length: count }, () => startWorker(url, source));
    const workers = await Promise.allSettled(started);
    const ready = workers.filter((w): w is PromiseFulfilledResult<Worker> => w.status === 'fulfilled').map((w) => w.value);
    if (ready.length < workers.length) {
      await Promise.all(ready.map((w) => w.terminate()));
      return undefined;
    }
    return new PartitionScanPool(ready);
  }

  get size(): number {
    return this.workers.length;
  }

  /**
   * To the worker with the fewest jobs waiting: on a shared machine one thread can be descheduled for a while, and
   * handing jobs out in turn would queue them behind it while the other thread runs dry.
   */
  scan(job: Omit<ScanJob, 'id'>): Promise<ScanResult> {
    const id = this.next++;
    const least = this.inFlight.indexOf(Math.min(...this.inFlight));
    this.inFlight[least]! += 1;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[least]!.postMessage({ ...job, id } satisfies ScanJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private settle(reply: ScanReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiting.reject(rebuild(reply.error));
    else waiting.resolve(reply);
  }

  private failAll(error: Error): void {
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }
}

/**
 * A worker, once it says it is ready. Run from the sources (tsx), it registers tsx's loader before importing the
 * worker module; the compiled build/ runs plain JavaScript. An error at any time is handled, never thrown at the process.
 */
function startWorker(url: URL, source: boolean): Promise<Worker> {
  const workerData = { plan: ticketBytesPlan() };
  const worker = source
    ? new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true, workerData },
      )
    : new Worker(url, { workerData });
  return new Promise<Worker>((resolve, reject) => {
    worker.on('error', reject);
    worker.once('exit', (code) => reject(new Error(`partition worker exited (${code})`)));
    worker.once('message', (m: unknown) => (m === 'ready' ? resolve(worker) : reject(new Error('partition worker did not start'))));
  });
}

/**
 * Which worker module to start. From the compiled build/ it is its own neighbour. From the sources (tests, benches,
 * `npm run dev`) it is the compiled copy when build/ is fresh (bin/build-state.js: no source changed since it was
 * compiled), because starting tsx in every thread took ~370 ms of a 100k-ticket cold start; otherwise the sources.
 */
export async function workerModule(freshBuild = loadFreshBuild): Promise<{ url: URL; source: boolean }> {
  if (!import.meta.url.endsWith('.ts')) return { url: new URL('./partition-worker.js', import.meta.url), source: false };
  try {
    if ((await freshBuild())()) return { url: pathToFileURL(projectPath('build/src/store/partition-worker.js')), source: false };
  } catch {
    // No build state to consult (a partial checkout): the sources always work.
  }
  return { url: new URL('./partition-worker.ts', import.meta.url), source: true };
}

async function loadFreshBuild(): Promise<() => string | undefined> {
  return ((await import(pathToFileURL(projectPath('bin/build-state.js')).href)) as { freshBuild: () => string | undefined }).freshBuild;
}

/** The worker's error as the store's own class again, so start-up explains it as if it had been found here. */
function rebuild(error: { name: string; message: string; file?: string }): Error {
  if (error.name === 'StoreVersionError' && error.file) return new StoreVersionError(error.file, error.message);
  if (error.name === 'StoreCorruptError' && error.file) return new StoreCorruptError(error.file, error.message);
  return new Error(error.message);
}
