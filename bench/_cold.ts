import { cp, rm, mkdtemp, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLowdbStore } from '../src/store/lowdb-store.ts';
import { seedTicketFiles } from '../src/store/seed.ts';
import { generateTickets } from '../test/store/fixtures/generate.ts';
const SEED = '/tmp/seed100k';
if (!existsSync(SEED)) { await seedTicketFiles(SEED, generateTickets(100_000, { months: 24, end: new Date(Date.parse('2026-11-27T02:00:00Z')) })); console.log('seeded'); }
const dir = await mkdtemp(join(tmpdir(), 'cold-'));
await cp(SEED, dir, { recursive: true });
const cpu = process.cpuUsage(); const t = performance.now();
const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
const ms = performance.now() - t; const c = process.cpuUsage(cpu);
console.log(`cold ${ms.toFixed(0)} ms, cpu ${((c.user + c.system) / 1000).toFixed(0)} ms`);
await store.close(); await rm(dir, { recursive: true, force: true });
