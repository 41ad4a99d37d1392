/**
 * Prints November's monthly report for the simulated month of test/reports/month-sim-fixture.ts, as sent on Dec 1 at
 * 09:00 (issue 24's closing note: "that month's report before and after").
 *
 *   npx tsx scripts/month-sim-report.ts                       the report by this tree's code
 *   npx tsx scripts/month-sim-report.ts --root /tmp/before --legacy
 *       the report by another checkout's code (e.g. `git worktree add /tmp/before 6a0acc1^`), from the same story
 *       recorded the way that code recorded it (a FAQ answer or staff reply left the consultation 待受理)
 *
 * The story is written through the chosen checkout's own store, so that code reads its own records.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManualClock } from '../src/clock.ts';
import { bj, seedSimDecemberFirst, seedSimMonth } from '../test/reports/month-sim-fixture.ts';

const args = process.argv.slice(2);
const rootArg = args.indexOf('--root');
const root = resolve(rootArg >= 0 ? args[rootArg + 1]! : join(import.meta.dirname, '..'));
const legacy = args.includes('--legacy');
const from = (path: string) => import(pathToFileURL(join(root, path)).href);

const { openLowdbStore } = await from('src/store/lowdb-store.ts');
const { parseConfig } = await from('src/config/load.ts');
const { monthlyText } = await from('src/reports/monthly.ts');

const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-month-sim-'));
try {
  const sample = join(root, 'config/sample.yaml');
  const config = { ...parseConfig(await readFile(sample, 'utf8'), sample, dataDir), dataDir };
  const store = await openLowdbStore({ dataDir });
  const clock = new ManualClock(bj('11-01', '08:00'));
  // The stalled-complaint entry (4.3.1.5) exists only in the code after issue 24; the legacy story leaves it out.
  const stalled = async (number: string) => {
    const { recordStalledComplaint } = await from('src/jobs/stalled-complaint.ts');
    const { Notifier } = await from('src/services/notifier.ts');
    const { Directory } = await from('src/services/directory.ts');
    const notifier = new Notifier(store, new Directory(config), clock, config.botName);
    await recordStalledComplaint({ config, store, clock, notifier }, await store.getTicket(number));
  };
  await seedSimMonth(store, { legacy, clock, ...(!legacy && { stalled }) });
  clock.set(bj('12-01', '00:02'));
  await seedSimDecemberFirst(store);
  clock.set(bj('12-01', '09:00'));
  console.log(`# ${root} ${legacy ? '(legacy story)' : ''}`);
  console.log(await monthlyText({ store, config, clock }, '2026-11'));
  await store.close();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
