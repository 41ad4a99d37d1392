/**
 * The commands on PostgreSQL (a real server from test/helpers/postgres.ts): `HUIYIN_DATABASE_URL=… huiyin demo` as a
 * real process, and `huiyin report` / `huiyin export` / the office console reading the database directly while
 * another store (another process) writes to it. The lowdb data directory they are given does not even exist.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLoginLink } from '../../src/access/login-links.ts';
import { runExportCommand } from '../../src/cli/export.ts';
import { runReportCommand } from '../../src/cli/report.ts';
import { ManualClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config/load.ts';
import { openRuntime, type Runtime } from '../../app/compose.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/pg-store.ts';
import { startWebConsole, type WebConsole } from '../../web/server.ts';
import { findPostgres, NO_POSTGRES, type PgServer, startPostgres } from '../helpers/postgres.ts';
import { newTicket } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'config/sample.yaml');
const available = findPostgres() !== undefined;
if (!available) console.warn(NO_POSTGRES);

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/huiyin.js'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}

let server: PgServer;
let dir: string;

describe.skipIf(!available)('commands on PostgreSQL', () => {
  beforeAll(async () => {
    server = await startPostgres();
    dir = await mkdtemp(join(tmpdir(), 'huiyin-pgcmd-'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('HUIYIN_DATABASE_URL=… huiyin demo plays the same transcript as on lowdb and leaves nothing in the database', async () => {
    const url = await server.createDatabase();
    const env = { HUIYIN_DATABASE_URL: '', HUIYIN_CONFIG: SAMPLE };
    const [onPg, onLowdb] = await Promise.all([run(['demo'], { ...env, HUIYIN_DATABASE_URL: url }), run(['demo'], env)]);
    expect(onPg.code, onPg.stderr).toBe(0);
    expect(onLowdb.code, onLowdb.stderr).toBe(0);
    expect(onPg.stdout).toMatch(/\(demo data in PostgreSQL postgres:\/\/huiyin@127\.0\.0\.1:\d+\/t_\d+_\d+, schema huiyin_demo_\w+\)/);
    expect(onPg.stdout).toContain('已登记,编号 R0001');
    // Line for line the same, but for where the data was kept.
    const story = (out: string) => out.split('\n').filter((l) => !/PostgreSQL|huiyin-demo|huiyin_demo|now removed|applied database migration/.test(l));
    expect(story(onPg.stdout)).toEqual(story(onLowdb.stdout));
    const store = await openPgStore({ url, log: () => undefined });
    try {
      const { rows } = await store.pool.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'huiyin_demo%'");
      expect(rows).toEqual([]);
      expect(await store.listTickets()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  describe('report, export and the office console read the database another process writes', () => {
    let url: string;
    let writer: PgStore;
    const env = () => ({ HUIYIN_DATABASE_URL: url, HUIYIN_DATA: join(dir, 'no-such-dir'), HUIYIN_CONFIG: SAMPLE });
    beforeAll(async () => {
      url = await server.createDatabase();
      writer = await openPgStore({ url, log: () => undefined, instance: 'bot-a' });
      await writer.createTicket(newTicket('repair', { at: '2026-11-10T02:00:00.000Z' }));
      await writer.createTicket(newTicket('repair', { at: '2026-11-11T02:00:00.000Z' }));
      await writer.createTicket(newTicket('valid', { at: '2026-11-12T02:00:00.000Z' }));
    }, 60_000);
    afterAll(async () => {
      await writer?.close();
    });

    it('huiyin report monthly', async () => {
      const out = capture();
      const err = capture();
      const code = await runReportCommand(['monthly', '--month', '2026-11'], { stdout: out.stream, stderr: err.stream, env: env(), clock: new ManualClock('2026-12-01T09:00:00+08:00') });
      expect(code, err.text()).toBe(0);
      expect(out.text()).toContain('【阳光家园 2026-11 月度分析】');
      expect(out.text()).toContain('登记 3 件');
      // A ticket written now by the other process is in the next report, with no restart of anything.
      await writer.createTicket(newTicket('repair', { at: '2026-11-13T02:00:00.000Z' }));
      const again = capture();
      await runReportCommand(['monthly', '--month', '2026-11'], { stdout: again.stream, stderr: capture().stream, env: env(), clock: new ManualClock('2026-12-01T09:00:00+08:00') });
      expect(again.text()).toContain('登记 4 件');
    });

    it('huiyin export', async () => {
      const file = join(dir, 'repair.csv');
      const err = capture();
      const code = await runExportCommand(['--ledger', 'repair', '--month', '2026-11', '--format', 'csv', '--out', file], { stdout: capture().stream, stderr: err.stream, env: env() });
      expect(code, err.text()).toBe(0);
      const csv = await readFile(file, 'utf8');
      for (const n of ['R0001', 'R0002']) expect(csv).toContain(n);
      expect(csv).not.toContain('C0001');
    });

    it('the office console shows a ticket another process just recorded, and a web action is seen by that process', async () => {
      const config = { ...parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, ROOT), dataDir: join(dir, 'web-data') };
      const clock = new ManualClock('2026-11-14T10:00:00+08:00');
      let runtime: Runtime | undefined;
      let web: WebConsole | undefined;
      try {
        runtime = await openRuntime(config, clock, () => undefined, { env: { HUIYIN_DATABASE_URL: url, HUIYIN_INSTANCE: 'web' } });
        const console_ = await startWebConsole(
          { config, store: runtime.store, clock, directory: runtime.bot.directory, handle: (m) => runtime!.bot.handle(m), deliver: async () => undefined, log: () => undefined },
          { port: 0 },
        );
        web = console_;
        const fresh = await writer.createTicket(newTicket('repair', { at: '2026-11-14T01:00:00.000Z' }));
        // The login link is issued by the other process too: it lives in the shared database.
        const zhang = config.staff.find((s) => s.id === 'zhang')!;
        const { url: link } = await issueLoginLink({ store: writer, clock, web: config.web }, zhang);
        const token = new URL(link).searchParams.get('token')!;
        const login = await fetch(`${console_.url}/login`, { method: 'POST', body: new URLSearchParams({ token }), headers: { origin: console_.url }, redirect: 'manual' });
        expect(login.status).toBe(303);
        const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
        const get = (path: string) => fetch(`${console_.url}${path}`, { headers: { cookie }, redirect: 'manual' });
        expect(await (await get('/')).text()).toContain(fresh.number);
        const page = await (await get(`/tickets/${fresh.number}`)).text();
        expect(page).toContain(fresh.number);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
        const accepted = await fetch(`${console_.url}/tickets/${fresh.number}/actions`, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: csrf, action: 'accept' }),
          headers: { origin: console_.url, cookie },
          redirect: 'manual',
        });
        expect(accepted.status).toBe(303);
        expect((await writer.getTicket(fresh.number))?.status).toBe('accepted');
      } finally {
        await web?.close();
        await runtime?.close();
      }
    }, 60_000);
  });
});
