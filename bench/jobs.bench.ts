/**
 * `npm run bench:jobs`: one reminder scan and one monthly report over 100k stored tickets (target ≤ 1 s each),
 * plus the daily digest. Seeds a temporary data directory with the store's seed writer (realistic tickets from
 * test/store/fixtures/generate.ts: 24 months, 1 % stragglers left completed and unrated), opens the real store and
 * runs the jobs at a fixed simulated time. The first scan may have a backlog to send (each reminder is a durable
 * write); the second shows the steady state every 5 minutes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ManualClock } from '../src/clock.ts';
import { parseConfig } from '../src/config/load.ts';
import { coreServices } from '../app/compose.ts';
import { ReminderScan } from '../src/jobs/reminder-scan.ts';
import { computeDigest, renderDigest } from '../src/reports/digest.ts';
import { computeMonthly, renderMonthly } from '../src/reports/monthly.ts';
import { openLowdbStore } from '../src/store/lowdb-store.ts';
import { seedTicketFiles } from '../src/store/seed.ts';
import { generateTickets } from '../test/store/fixtures/generate.ts';

const SIZE = Number(process.env.BENCH_TICKETS ?? 100_000);
const END = new Date('2026-11-27T02:00:00Z');
const dir = await mkdtemp(join(tmpdir(), 'huiyin-bench-jobs-'));
const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;

try {
  let t = performance.now();
  await seedTicketFiles(dir, generateTickets(SIZE, { months: 24, end: END }));
  console.log(`seeded ${SIZE} tickets in ${ms(t)}`);
  const sample = resolve('config/sample.yaml');
  const config = { ...parseConfig(await readFile(sample, 'utf8'), sample, process.cwd()), dataDir: dir };
  const log = () => undefined;
  t = performance.now();
  let store = await openLowdbStore({ dataDir: dir, log, backups: 0 });
  console.log(`store open (cold, derives summaries): ${ms(t)}`);
  await store.close();
  t = performance.now();
  store = await openLowdbStore({ dataDir: dir, log, backups: 0 });
  console.log(`store open (warm): ${ms(t)}`);
  const clock = new ManualClock(END);
  const deps = { config, store, clock, ...coreServices(config, store, clock) };
  const followUp = new ReminderScan(deps);

  for (const label of ['reminder scan 1 (backlog)', 'reminder scan 2 (steady)']) {
    t = performance.now();
    const r = await followUp.scanDetailed();
    console.log(`${label}: ${ms(t)} — ${r.sent.length} reminders, ${r.flagged.length} flagged 4.3.1.5, ${r.messages.length} messages`);
  }
  clock.set(new Date(END.getTime() + 5 * 60_000));
  t = performance.now();
  const r = await followUp.scanDetailed();
  console.log(`reminder scan 3 (5 min later): ${ms(t)} — ${r.sent.length} reminders`);

  for (const [label, month] of [['monthly report 2026-10 (cold)', '2026-10'], ['monthly report 2026-10 (again)', '2026-10'], ['monthly report 2025-06 (cold)', '2025-06']] as const) {
    t = performance.now();
    const a = await computeMonthly(store, config, clock.now(), month);
    const text = renderMonthly(a);
    console.log(`${label}: ${ms(t)} — ${a.total} tickets, ${text.length} chars, rate ${a.overall.percent}%`);
  }
  t = performance.now();
  const digest = renderDigest(await computeDigest(store, config, clock.now()), config.timezone);
  console.log(`daily digest: ${ms(t)} — ${digest.split('\n').length} lines, ${digest.length} chars`);
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
