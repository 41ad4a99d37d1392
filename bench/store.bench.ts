/**
 * `npm run bench:store`: start-up time, write latency, monthly report time and peak memory of the lowdb store at
 * 1k, 10k and 100k tickets and of the PostgreSQL store at 100k and 1M (each ticket with ~5 events, created over 24
 * months), in one table. Each size runs in two fresh child processes: one seeds the data directory (straight into
 * the real file format) or the database (through `huiyin migrate`'s bulk import), one measures, so the memory figure
 * is the store's alone. PostgreSQL runs as a throwaway local server (test/helpers/postgres.ts: Debian's package).
 *
 *   npm run bench:store -- [--sizes 1000,10000,100000] [--pg-sizes 100000,1000000]   (--pg-sizes none: lowdb only)
 *
 *   cold start  first open after seeding: no summary caches yet, every partition is read and validated once
 *               (the same happens after a crash for the partitions changed since the last cache write);
 *               cold CPU: the process's CPU time (every thread) during it, which other load disturbs less
 *   warm start  a normal start: summary caches present
 *   open query  the first listTickets({ status: open/accepted/completed }) after a warm start (loads partitions)
 *   write       500 awaited writes, 40 % createTicket, 60 % appendEvent on recent open tickets (real fsync)
 *   monthly     monthlyText for October 2026 (the monthly analysis: a month's tickets read and analysed)
 *   peak RSS    of the measuring process: up to the end of the cold start / from the warm start to the end
 *   PostgreSQL  cold start = the first openPgStore in a new process (connect, schema check), warm = a second one;
 *               data MB = pg_database_size; the server's own memory is not in the RSS figure
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TicketNumber } from '../src/domain/ticket-number.ts';
import type { Ticket } from '../src/domain/ticket.ts';
import { fileURLToPath } from 'node:url';
import { parseConfig } from '../src/config/load.ts';
import { monthlyText } from '../src/reports/monthly.ts';
import { openLowdbStore } from '../src/store/lowdb-store.ts';
import { importTickets } from '../src/store/pg/bulk.ts';
import { openPgStore } from '../src/store/pg/pg-store.ts';
import { seedTicketFiles } from '../src/store/seed.ts';
import type { Store } from '../src/store/store.ts';
import { findPostgres, startPostgres } from '../test/helpers/postgres.ts';
import { generateTickets, newTicketInput, nextEvent, random, ticketStream } from '../test/store/fixtures/generate.ts';

const SAMPLE = fileURLToPath(new URL('../config/sample.yaml', import.meta.url));
const MONTH = '2026-10';
const WRITES = 500;
const END = Date.parse('2026-11-27T02:00:00Z');

interface Result {
  store: 'lowdb' | 'PostgreSQL';
  tickets: number;
  monthlyMs: number;
  seedS?: number;
  partitions: number;
  megabytes: number;
  coldMs: number;
  /** Process CPU (all threads) during the cold start: less disturbed by other load on the machine than its wall time. */
  coldCpuMs?: number;
  warmMs: number;
  queryMs: number;
  queryCount: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  coldPeakRssMb: number;
  peakRssMb: number;
}

const [mode, dataDir, sizeArg, urlArg] = process.argv.slice(2);
if (mode === '--seed') await seed(dataDir!, Number(sizeArg));
else if (mode === '--measure') await measure(dataDir!, Number(sizeArg));
else if (mode === '--pg-seed') await pgSeed(dataDir!, Number(sizeArg), urlArg!);
else if (mode === '--pg-measure') await pgMeasure(dataDir!, Number(sizeArg), urlArg!);
else await main();

function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const value = process.argv[i + 1] ?? '';
  return value === 'none' ? [] : value.split(',').map((v) => Number(v.replace(/k$/i, '000').replace(/m$/i, '000000')));
}

async function monthlyMs(store: Store): Promise<number> {
  const config = parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, process.cwd());
  const t = performance.now();
  await monthlyText({ store, config, clock: { now: () => new Date(END) } }, MONTH);
  return performance.now() - t;
}

/** The database seeded through the bulk import `huiyin migrate` uses, 5 000 tickets a transaction. */
async function pgSeed(dir: string, size: number, url: string): Promise<void> {
  const store = await openPgStore({ url, log: () => undefined, instance: 'bench' });
  const t = performance.now();
  let chunk: Ticket[] = [];
  const recent: Ticket[] = [];
  let done = 0;
  for (const ticket of ticketStream(size, { months: 24, end: new Date(END) })) {
    chunk.push(ticket);
    if (size - done - chunk.length < 3000 && ticket.status !== 'closed') recent.push(ticket);
    if (chunk.length === 5000) {
      await importTickets(store, chunk);
      done += chunk.length;
      chunk = [];
      if (done % 100_000 === 0) process.stderr.write(`  ${done} tickets in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
    }
  }
  if (chunk.length > 0) await importTickets(store, chunk);
  await store.pool.query('ANALYZE');
  await store.close();
  await writeFile(join(dir, 'bench-recent.json'), JSON.stringify(recent));
  process.stdout.write(`SEEDED ${(performance.now() - t) / 1000}\n`);
}

async function seed(dir: string, size: number): Promise<void> {
  const tickets = generateTickets(size, { months: 24, end: new Date(END) });
  await seedTicketFiles(dir, tickets);
  // The tickets the writes will work on: recent ones still in progress, as the bot would see them.
  const recent = tickets.slice(-3000).filter((t) => t.status !== 'closed');
  await writeFile(join(dir, 'bench-recent.json'), JSON.stringify(recent));
}

async function measure(dir: string, size: number): Promise<void> {
  const recent = JSON.parse(await readFile(join(dir, 'bench-recent.json'), 'utf8')) as Ticket[];
  await rm(join(dir, 'bench-recent.json'));
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const log = () => undefined;

  const cpu = process.cpuUsage();
  let t = performance.now();
  let store = await openLowdbStore({ dataDir: dir, log });
  const coldMs = performance.now() - t;
  const coldCpu = process.cpuUsage(cpu);
  await store.close();
  gc();
  const coldPeak = Math.max(peak, process.memoryUsage().rss);
  peak = 0;

  t = performance.now();
  store = await openLowdbStore({ dataDir: dir, log });
  const warmMs = performance.now() - t;

  t = performance.now();
  const openTickets = await store.listTickets({ status: ['open', 'accepted', 'completed'] });
  const queryMs = performance.now() - t;
  const monthly = await monthlyMs(store);

  const { medianMs, p99Ms, maxMs } = await writes(store, recent, size);
  await store.close();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const files = (await readdir(join(dir, 'tickets'))).filter((f) => /^[RCS]-\d+\.json$/.test(f));
  let bytes = 0;
  for (const f of files) bytes += (await stat(join(dir, 'tickets', f))).size;
  const result: Result = {
    store: 'lowdb',
    tickets: size,
    monthlyMs: monthly,
    partitions: files.length,
    megabytes: bytes / 1e6,
    coldMs,
    coldCpuMs: (coldCpu.user + coldCpu.system) / 1000,
    warmMs,
    queryMs,
    queryCount: openTickets.length,
    medianMs,
    p99Ms,
    maxMs,
    coldPeakRssMb: coldPeak / 1e6,
    peakRssMb: peak / 1e6,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

async function pgMeasure(dir: string, size: number, url: string): Promise<void> {
  const recent = JSON.parse(await readFile(join(dir, 'bench-recent.json'), 'utf8')) as Ticket[];
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const log = () => undefined;
  let t = performance.now();
  let store = await openPgStore({ url, log, instance: 'bench' });
  const coldMs = performance.now() - t;
  await store.close();
  gc();
  const coldPeak = Math.max(peak, process.memoryUsage().rss);
  peak = 0;
  t = performance.now();
  store = await openPgStore({ url, log, instance: 'bench' });
  const warmMs = performance.now() - t;
  t = performance.now();
  const openTickets = await store.listTickets({ status: ['open', 'accepted', 'completed'] });
  const queryMs = performance.now() - t;
  const monthly = await monthlyMs(store);
  const { medianMs, p99Ms, maxMs } = await writes(store, recent, size);
  const { rows } = await store.pool.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
  await store.close();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const result: Result = {
    store: 'PostgreSQL',
    tickets: size,
    monthlyMs: monthly,
    partitions: 0,
    megabytes: Number(rows[0]!.bytes) / 1e6,
    coldMs,
    warmMs,
    queryMs,
    queryCount: openTickets.length,
    medianMs,
    p99Ms,
    maxMs,
    coldPeakRssMb: coldPeak / 1e6,
    peakRssMb: peak / 1e6,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

/** WRITES awaited writes: 40 % new tickets, 60 % the next event of a recent open ticket. */
async function writes(store: Store, recent: Ticket[], size: number): Promise<{ medianMs: number; p99Ms: number; maxMs: number }> {
  const rnd = random(size);
  const working = new Map<TicketNumber, Ticket>(recent.map((r) => [r.number, r]));
  let at = END + 60_000;
  const latencies: number[] = [];
  for (let i = 0; i < WRITES; i += 1) {
    at += 30_000;
    const numbers = [...working.keys()];
    const number = numbers[Math.floor(rnd() * numbers.length)];
    const ticket = number === undefined ? undefined : working.get(number);
    const event = ticket && rnd() >= 0.4 ? nextEvent(ticket, at, rnd) : undefined;
    const start = performance.now();
    if (ticket && event) {
      const next = await store.appendEvent(ticket.number, event);
      latencies.push(performance.now() - start);
      if (next.status === 'closed') working.delete(next.number);
      else working.set(next.number, next);
    } else {
      const created = await store.createTicket(newTicketInput(rnd, at));
      latencies.push(performance.now() - start);
      working.set(created.number, created);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    medianMs: latencies[Math.floor(latencies.length * 0.5)]!,
    p99Ms: latencies[Math.ceil(latencies.length * 0.99) - 1]!,
    maxMs: latencies[latencies.length - 1]!,
  };
}

function child(args: string[]): string {
  const run = spawnSync(process.execPath, ['--expose-gc', resolve('bin/run-ts.js'), resolve('bench/store.bench.ts'), ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`bench child ${args.join(' ')} failed:\n${run.stderr}`);
  return run.stdout;
}

async function main(): Promise<void> {
  const sizes = listArg('--sizes', [1_000, 10_000, 100_000]);
  const pgSizes = listArg('--pg-sizes', [100_000, 1_000_000]);
  const results: Result[] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-bench-'));
    try {
      process.stderr.write(`lowdb: seeding ${size} tickets...\n`);
      child(['--seed', dir, String(size)]);
      process.stderr.write(`lowdb: measuring ${size} tickets...\n`);
      const line = child(['--measure', dir, String(size)]).split('\n').find((l) => l.startsWith('RESULT '));
      results.push(JSON.parse(line!.slice('RESULT '.length)) as Result);
      process.stderr.write(`${line}\n`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (pgSizes.length > 0 && !findPostgres()) process.stderr.write('PostgreSQL is not installed (apt-get install -y postgresql): no PostgreSQL rows\n');
  else if (pgSizes.length > 0) {
    const server = await startPostgres();
    try {
      for (const size of pgSizes) {
        const dir = await mkdtemp(join(tmpdir(), 'huiyin-bench-'));
        try {
          const url = await server.createDatabase(`bench_${size}`);
          process.stderr.write(`PostgreSQL: seeding ${size} tickets...\n`);
          const seeded = child(['--pg-seed', dir, String(size), url]).split('\n').find((l) => l.startsWith('SEEDED '));
          process.stderr.write(`PostgreSQL: measuring ${size} tickets...\n`);
          const line = child(['--pg-measure', dir, String(size), url]).split('\n').find((l) => l.startsWith('RESULT '));
          results.push({ ...(JSON.parse(line!.slice('RESULT '.length)) as Result), seedS: Number(seeded!.slice('SEEDED '.length)) });
          // Each row as soon as it is measured: a million tickets take long, and a later size may not finish.
          process.stderr.write(`${line} ${seeded}\n`);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }
    } finally {
      await server.stop();
    }
  }
  const f = (n: number, digits = 1) => n.toFixed(digits);
  const rows = [
    ['store', 'tickets', 'partitions', 'data MB', 'cold start ms', 'cold CPU ms', 'warm start ms', 'open query ms (n)', 'monthly ms', 'write median ms', 'write p99 ms', 'write max ms', 'peak RSS MB cold / warm'],
    ...results.map((r) => [
      r.store,
      String(r.tickets),
      r.store === 'lowdb' ? String(r.partitions) : '-',
      f(r.megabytes),
      f(r.coldMs, 0),
      r.coldCpuMs === undefined ? '-' : f(r.coldCpuMs, 0),
      f(r.warmMs, 0),
      `${f(r.queryMs, 0)} (${r.queryCount})`,
      f(r.monthlyMs, 0),
      f(r.medianMs, 2),
      f(r.p99Ms, 2),
      f(r.maxMs, 2),
      `${f(r.coldPeakRssMb, 0)} / ${f(r.peakRssMb, 0)}`,
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padStart(widths[c]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  const big = results.find((r) => r.store === 'lowdb' && r.tickets === 100_000);
  if (big) {
    const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
    console.log(`\ntargets at 100k (lowdb): p99 write ≤ 50 ms: ${ok(big.p99Ms <= 50)} (${f(big.p99Ms, 2)} ms); ` +
      `start-up ≤ 2 s: warm ${ok(big.warmMs <= 2000)} (${f(big.warmMs, 0)} ms), cold ${ok(big.coldMs <= 2000)} (${f(big.coldMs, 0)} ms)`);
  }
  for (const r of results.filter((x) => x.seedS !== undefined)) console.log(`PostgreSQL ${r.tickets}: seeded by the migrate bulk import in ${f(r.seedS!, 0)} s (${f(r.tickets / r.seedS!, 0)} tickets/s)`);
  console.log(`${WRITES} writes per size, 40 % createTicket / 60 % appendEvent on recent open tickets, each awaited (lowdb: fsync; PostgreSQL: commit).`);
  console.log(`monthly: the analysis of ${MONTH}. Load when this ran: ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(', ')} on ${(await import('node:os')).cpus().length} cores.`);
}
