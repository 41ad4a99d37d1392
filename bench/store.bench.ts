/**
 * `npm run bench:store`: start-up time, write latency and peak memory of the lowdb store at 1k, 10k and 100k
 * tickets (each with ~5 events, created over 24 months). Each size runs in two fresh child processes: one seeds the
 * data directory (straight into the real file format), one measures, so the memory figure is the store's alone.
 *
 *   cold start  first open after seeding: no summary caches yet, every partition is read and validated once
 *               (the same happens after a crash for the partitions changed since the last cache write)
 *   warm start  a normal start: summary caches present
 *   open query  the first listTickets({ status: open/accepted/completed }) after a warm start (loads partitions)
 *   write       500 awaited writes, 40 % createTicket, 60 % appendEvent on recent open tickets (real fsync)
 *   peak RSS    of the measuring process: up to the end of the cold start / from the warm start to the end
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TicketNumber } from '../src/domain/ticket-number.ts';
import type { Ticket } from '../src/domain/ticket.ts';
import { openLowdbStore } from '../src/store/lowdb-store.ts';
import { seedTicketFiles } from '../src/store/seed.ts';
import { generateTickets, newTicketInput, nextEvent, random } from '../test/store/fixtures/generate.ts';

const SIZES = [1_000, 10_000, 100_000];
const WRITES = 500;
const END = Date.parse('2026-11-27T02:00:00Z');

interface Result {
  tickets: number;
  partitions: number;
  megabytes: number;
  coldMs: number;
  warmMs: number;
  queryMs: number;
  queryCount: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  coldPeakRssMb: number;
  peakRssMb: number;
}

const [mode, dataDir, sizeArg] = process.argv.slice(2);
if (mode === '--seed') await seed(dataDir!, Number(sizeArg));
else if (mode === '--measure') await measure(dataDir!, Number(sizeArg));
else await main();

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

  let t = performance.now();
  let store = await openLowdbStore({ dataDir: dir, log });
  const coldMs = performance.now() - t;
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
  await store.close();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  latencies.sort((a, b) => a - b);
  const files = (await readdir(join(dir, 'tickets'))).filter((f) => /^[RCS]-\d+\.json$/.test(f));
  let bytes = 0;
  for (const f of files) bytes += (await stat(join(dir, 'tickets', f))).size;
  const result: Result = {
    tickets: size,
    partitions: files.length,
    megabytes: bytes / 1e6,
    coldMs,
    warmMs,
    queryMs,
    queryCount: openTickets.length,
    medianMs: latencies[Math.floor(latencies.length * 0.5)]!,
    p99Ms: latencies[Math.ceil(latencies.length * 0.99) - 1]!,
    maxMs: latencies[latencies.length - 1]!,
    coldPeakRssMb: coldPeak / 1e6,
    peakRssMb: peak / 1e6,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
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
  const results: Result[] = [];
  for (const size of SIZES) {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-bench-'));
    try {
      process.stderr.write(`seeding ${size} tickets...\n`);
      child(['--seed', dir, String(size)]);
      process.stderr.write(`measuring ${size} tickets...\n`);
      const line = child(['--measure', dir, String(size)]).split('\n').find((l) => l.startsWith('RESULT '));
      results.push(JSON.parse(line!.slice('RESULT '.length)) as Result);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const f = (n: number, digits = 1) => n.toFixed(digits);
  const rows = [
    ['tickets', 'partitions', 'data MB', 'cold start ms', 'warm start ms', 'open query ms (n)', 'write median ms', 'write p99 ms', 'write max ms', 'peak RSS MB cold / warm'],
    ...results.map((r) => [
      String(r.tickets),
      String(r.partitions),
      f(r.megabytes),
      f(r.coldMs, 0),
      f(r.warmMs, 0),
      `${f(r.queryMs, 0)} (${r.queryCount})`,
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
  const big = results.find((r) => r.tickets === 100_000);
  if (big) {
    const ok = (pass: boolean) => (pass ? 'met' : 'MISSED');
    console.log(`\ntargets at 100k: p99 write ≤ 50 ms: ${ok(big.p99Ms <= 50)} (${f(big.p99Ms, 2)} ms); ` +
      `start-up ≤ 2 s: warm ${ok(big.warmMs <= 2000)} (${f(big.warmMs, 0)} ms), cold ${ok(big.coldMs <= 2000)} (${f(big.coldMs, 0)} ms)`);
  }
  console.log(`${WRITES} writes per size, 40 % createTicket / 60 % appendEvent on recent open tickets, each awaited (fsync).`);
}
