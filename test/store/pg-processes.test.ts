/**
 * Several real bot processes (test/store/fixtures/pg-bot.ts: the real runtime, Bot, PgStore and Outbox) on one
 * PostgreSQL database, started by test/helpers/postgres.ts:
 *   - four processes take reports at the same time: the ledger gets 1..n, no number twice, none skipped
 *   - two staff in two processes accept the same tickets at the same moment: one wins each, the other is told
 *   - the reminder job fires every second in four processes: each slot runs in exactly one, no reminder goes twice
 *   - one of two processes is SIGKILLed mid-burst: everything it acknowledged is in the database, its outbox is sent
 *     by its restart, and the ledger still has no gap
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTicketNumber } from '../../src/domain/ticket-number.ts';
import { openPgStore, type PgStore } from '../../src/store/pg/pg-store.ts';
import { findPostgres, NO_POSTGRES, type PgServer, startPostgres } from '../helpers/postgres.ts';
import { newTicket } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const available = findPostgres() !== undefined;
if (!available) console.warn(NO_POSTGRES);

// Every process's clock: real time moved to a weekday morning in the estate's timezone (outside quiet hours).
const OFFSET = Date.parse('2026-12-07T10:00:00+08:00') - Date.now();
const now = () => Date.now() + OFFSET;

class BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly acks = new Map<string, string[]>();
  readonly sent: Array<{ chat: string; text: string }> = [];
  readonly ran: string[] = [];
  stderr = '';
  private readonly waiters: Array<() => void> = [];
  private lines: string[] = [];

  constructor(
    readonly instance: string,
    url: string,
    dataDir: string,
    config: string,
    sendMs = 0,
  ) {
    this.child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), join(ROOT, 'test/store/fixtures/pg-bot.ts'), config, '--offset-ms', String(OFFSET), '--send-ms', String(sendMs)], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, HUIYIN_DATABASE_URL: url, HUIYIN_DATA: dataDir, HUIYIN_INSTANCE: instance },
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.lines.push(line);
      const [kind, ...rest] = line.split(' ');
      const body = rest.join(' ');
      if (kind === 'ACK') {
        const ack = JSON.parse(body) as { id: string; replies: string[] };
        this.acks.set(ack.id, ack.replies);
      } else if (kind === 'SENT') this.sent.push(JSON.parse(body) as { chat: string; text: string });
      else if (kind === 'RAN') this.ran.push(body);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.child.once('exit', () => {
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  send(command: object): void {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  say(id: string, who: string, chat: string, text: string, mention = false): void {
    this.send({ op: 'say', id, who, chat, text, mention });
  }

  /** Resolves when `test` holds after some stdout line; fails with the child's stderr after `ms`. */
  async until(test: () => boolean, ms: number, what: string): Promise<void> {
    const deadline = Date.now() + ms;
    while (!test()) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`${this.instance} exited before ${what}:\n${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.instance}: timed out waiting for ${what}:\n${this.stderr.slice(-3000)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  has(prefix: string): boolean {
    return this.lines.some((l) => l.startsWith(prefix));
  }

  /** Ends its input: it drains its outbox, closes the store and exits. */
  async finish(): Promise<void> {
    this.child.stdin.end();
    await this.until(() => this.has('CLOSED'), 30_000, 'CLOSED');
    await this.exited();
  }

  exited(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => this.child.once('exit', () => done()));
  }
}

/** The sample estate with a second engineering handler, so two staff can race for one ticket. */
async function writeConfig(dir: string): Promise<string> {
  const sample = await readFile(join(ROOT, 'config/sample.yaml'), 'utf8');
  const zhang = '  - { platform: console, id: zhang, name: 张工, estate: sunshine, unit: engineering, role: handler }\n';
  if (!sample.includes(zhang)) throw new Error('config/sample.yaml changed: update the staff line this test extends');
  const file = join(dir, 'huiyin.yaml');
  await writeFile(file, sample.replace(zhang, `${zhang}  - { platform: console, id: wanggong, name: 王工, estate: sunshine, unit: engineering, role: handler }\n`));
  return file;
}

/** Numbers of a ledger as they are in the database, in order. */
async function ledger(store: PgStore, prefix: 'R' | 'C' | 'S'): Promise<string[]> {
  const { rows } = await store.pool.query<{ number: string }>('SELECT number FROM tickets WHERE ledger = $1 ORDER BY seq', [prefix]);
  return rows.map((r) => r.number);
}

function contiguous(prefix: 'R' | 'C' | 'S', n: number): string[] {
  return Array.from({ length: n }, (_, i) => formatTicketNumber(prefix, i + 1));
}

/** Each text as many times as it occurs. */
function counts(texts: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of texts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

let server: PgServer;
let dir: string;
let config: string;
const started: BotProcess[] = [];

describe.skipIf(!available)('bot processes sharing one PostgreSQL database', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'huiyin-pgproc-'));
    config = await writeConfig(dir);
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    for (const p of started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await Promise.all(started.map((p) => p.exited()));
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function processes(url: string, names: string[], sendMs = 0): Promise<BotProcess[]> {
    const list = names.map((name) => new BotProcess(name, url, join(dir, name), config, sendMs));
    started.push(...list);
    // Start-up is a few seconds alone; on a machine loaded 10+ it has taken over a minute.
    await Promise.all(list.map((p) => p.until(() => p.has('READY'), 150_000, 'READY')));
    return list;
  }

  describe('four processes', () => {
    let url: string;
    let bots: BotProcess[];
    let store: PgStore;
    beforeAll(async () => {
      url = await server.createDatabase();
      bots = await processes(url, ['p0', 'p1', 'p2', 'p3']);
      store = await openPgStore({ url, instance: 'test', log: () => undefined });
    }, 180_000);
    afterAll(async () => {
      await Promise.all((bots ?? []).map((b) => b.finish()));
      await store?.close();
    }, 60_000);

    const PER_PROCESS = 6;

    it('simultaneous reports in four processes: numbers 1..n, none twice, none skipped, each owner its own', async () => {
      bots.forEach((bot, p) => {
        for (let i = 0; i < PER_PROCESS; i += 1) {
          const owner = `业主${p}-${i}`;
          bot.say(`r${p}-${i}a`, owner, 'owners', `报修 ${p + 1}栋2单元${501 + i} 厨房水管漏水了 1380013${p}${i}00 明天上午`, true);
          bot.say(`r${p}-${i}b`, owner, 'owners', '确认');
        }
      });
      await Promise.all(bots.map((b) => b.until(() => b.acks.size === PER_PROCESS * 2, 60_000, 'the reports')));

      const total = bots.length * PER_PROCESS;
      expect(await ledger(store, 'R')).toEqual(contiguous('R', total));
      const told = new Set<string>();
      for (const [p, bot] of bots.entries()) {
        for (let i = 0; i < PER_PROCESS; i += 1) {
          const confirmation = bot.acks.get(`r${p}-${i}b`)!.join('\n');
          const number = /已登记,编号 (R\d{4})/.exec(confirmation)?.[1];
          expect(number, confirmation).toBeDefined();
          told.add(number!);
          const ticket = await store.getTicket(number!);
          expect(ticket?.owner.displayName).toBe(`业主${p}-${i}`);
          expect(ticket?.location?.text).toContain(`${p + 1}栋2单元${501 + i}`);
        }
      }
      expect(told.size).toBe(total);
    }, 90_000);

    it('two staff in two processes accept the same tickets at the same moment: one wins each, the other is told', async () => {
      const [a, b] = bots;
      const numbers = contiguous('R', 6);
      for (const n of numbers) {
        a!.say(`acc-a-${n}`, 'zhang', 'engineering', `接单 ${n}`);
        b!.say(`acc-b-${n}`, 'wanggong', 'engineering', `接单 ${n}`);
      }
      await Promise.all([a!, b!].map((bot) => bot.until(() => numbers.every((n) => bot.acks.has(`acc-${bot === a ? 'a' : 'b'}-${n}`)), 30_000, 'the accepts')));
      const wins = { 张工: 0, 王工: 0 };
      for (const n of numbers) {
        const ticket = (await store.getTicket(n))!;
        expect(ticket.history.filter((e) => e.type === 'accepted'), n).toHaveLength(1);
        const winner = ticket.handler!.name as '张工' | '王工';
        wins[winner] += 1;
        const replies = [...a!.acks.get(`acc-a-${n}`)!, ...b!.acks.get(`acc-b-${n}`)!];
        // The owner hears once, from the winner's process; the loser is not told he has it.
        expect(replies.filter((r) => r.includes(`${n} 已由`) && r.includes('会尽快联系您')), replies.join('\n')).toHaveLength(1);
        const loser = winner === '张工' ? '王工' : '张工';
        expect(replies.some((r) => r.includes(`${n} 已由 ${loser} 受理`)), replies.join('\n')).toBe(false);
        const loserReplies = winner === '张工' ? b!.acks.get(`acc-b-${n}`)! : a!.acks.get(`acc-a-${n}`)!;
        expect(loserReplies.length, `${n}: the loser gets an answer`).toBeGreaterThan(0);
      }
      expect(wins.张工 + wins.王工).toBe(numbers.length);
    }, 60_000);

    it('the reminder job fires every second in four processes: each slot runs in one process, no reminder twice', async () => {
      // Two repairs reported three hours ago and never accepted: the first-response clock (30 min) is long past.
      const overdue: string[] = [];
      for (const room of ['9栋1单元101', '9栋1单元102']) {
        const input = newTicket('repair', { at: new Date(now() - 3 * 3_600_000).toISOString() });
        const t = await store.createTicket({ ...input, created: { ...input.created, description: `${room}门口灯不亮` } });
        overdue.push(t.number);
      }
      const before = bots.map((b) => b.sent.length);
      for (const bot of bots) bot.send({ op: 'jobs', cron: '* * * * * *' });
      await new Promise((r) => setTimeout(r, 3500));
      for (const bot of bots) bot.send({ op: 'stop-jobs' });
      await Promise.all(bots.map((b) => b.until(() => b.has('JOBS-STOPPED'), 30_000, 'the jobs to stop')));

      const ran = bots.flatMap((b) => b.ran);
      const slots = counts(ran);
      expect(slots.size, ran.join('\n')).toBeGreaterThanOrEqual(2);
      for (const [slot, times] of slots) expect(times, slot).toBe(1);
      const { rows } = await store.pool.query<{ n: string }>("SELECT count(*) AS n FROM job_runs WHERE job = 'follow-up'");
      expect(Number(rows[0]!.n)).toBe(slots.size);

      // Give each outbox a moment to send what the job handed it.
      await new Promise((r) => setTimeout(r, 500));
      const reminders = bots.flatMap((b, i) => b.sent.slice(before[i]).filter((m) => overdue.some((n) => m.text.includes(n))));
      for (const n of overdue) expect(reminders.filter((m) => m.text.includes(n)).length, `${n}:\n${reminders.map((m) => m.text).join('\n')}`).toBeGreaterThan(0);
      for (const [text, times] of counts(reminders.map((m) => `${m.chat} ${m.text}`))) expect(times, text).toBe(1);
    }, 60_000);

    it('one of two processes SIGKILLed mid-burst: nothing it acknowledged is lost, its restart sends its outbox, no gap', async () => {
      const [, , a, b] = bots;
      // Its sends take 300 ms each from now on, so its replies pile up in the outbox faster than they go out.
      a!.send({ op: 'pace', ms: 300 });
      await a!.until(() => a!.has('PACED'), 30_000, 'PACED');
      const BURST = 10;
      for (const [p, bot] of [a!, b!].entries()) {
        for (let i = 0; i < BURST; i += 1) {
          const owner = `住户${p}-${i}`;
          bot.say(`k${p}-${i}a`, owner, 'owners', `报修 ${p + 7}栋1单元${201 + i} 卫生间下水堵了 1390013${p}${i}00 随时`, true);
          bot.say(`k${p}-${i}b`, owner, 'owners', '确认');
        }
      }
      const ackedBefore = a!.acks.size;
      const burstAcks = () => [...a!.acks.keys()].filter((id) => id.startsWith('k')).length;
      await a!.until(() => burstAcks() >= 8, 60_000, 'eight acknowledgements');
      a!.child.kill('SIGKILL');
      await a!.exited();
      expect(a!.acks.size - ackedBefore).toBeLessThan(BURST * 2); // killed mid-burst, not after it
      const ackedByA = [...a!.acks.values()].flat();
      const sentByA = a!.sent.map((m) => m.text);
      await b!.until(() => [...b!.acks.keys()].filter((id) => id.startsWith('k')).length === BURST * 2, 60_000, 'the other process to finish');

      const pendingAtKill = (await store.listRecords(`outbox-console@${a!.instance}`)).length;
      // The restart: same data directory, same instance, so the same outbox.
      const [again] = await processes(url, [a!.instance]);
      bots[2] = again!;
      const sentByBoth = () => counts([...sentByA, ...again!.sent.map((m) => m.text)]);
      const missing = () => [...counts(ackedByA)].filter(([text, n]) => (sentByBoth().get(text) ?? 0) < n);
      await again!.until(() => missing().length === 0, 30_000, 'the outbox of the killed process to be sent');
      expect(pendingAtKill, 'the burst left messages in the outbox at the kill').toBeGreaterThan(0);
      expect(again!.sent.length).toBeGreaterThan(0);
      expect(again!.stderr).toMatch(/message\(s\) from before the restart/);

      // Every ticket the killed process acknowledged is there; the ledger has no duplicate and no gap.
      const numbers = await ledger(store, 'R');
      expect(numbers).toEqual(contiguous('R', numbers.length));
      const confirmed = (bot: BotProcess) =>
        [...bot.acks].filter(([id]) => id.startsWith('k') && id.endsWith('b')).map(([id, r]) => [id, /已登记,编号 (R\d{4})/.exec(r.join('\n'))?.[1]] as const);
      for (const [id, number] of confirmed(a!)) expect(number && (await store.getTicket(number))?.owner.displayName, id).toBe(`住户0-${id.slice(3, -1)}`);
      expect(confirmed(b!).filter(([, n]) => n)).toHaveLength(BURST);
      expect(new Set([...confirmed(a!), ...confirmed(b!)].map(([, n]) => n)).size).toBe(confirmed(a!).length + BURST);
    }, 240_000);
  });
});
