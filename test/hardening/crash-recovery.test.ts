/**
 * Issue 9, item 3: the bot in a child process (fixtures/session.ts: real Bot, real lowdb store, the follow-up job)
 * plays a scripted morning at the estate and is killed with SIGKILL at seeded moments, then restarted on the same
 * data directory. Checked: every ticket whose number was announced exists; no reminder goes out twice across the
 * crash; an intake interrupted at its read-back resumes with 确认, and the rest are closed politely by the sweep.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayTicket } from '../../src/domain/state-machine.ts';
import { TicketSchema } from '../../src/domain/ticket.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { ownerT } from '../../src/templates.ts';
import { seeded } from './generate.ts';
import type { Step } from './fixtures/session.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'test/hardening/fixtures/session.ts');
/** sla.intakeTimeoutMinutes: the sample config leaves the default. */
const INTAKE_TIMEOUT_MS = 30 * 60_000;

/** Minutes after 09:00 Beijing time on 2026-11-27. */
const at = (minutes: number) => new Date(Date.parse('2026-11-27T01:00:00Z') + minutes * 60_000).toISOString();
const say = (minute: number, who: string, chat: string, text: string, name = who): Step => ({ at: at(minute), who, name, chat, text });
const scan = (minute: number): Step => ({ at: at(minute), op: 'scan' });

/** A morning: owners report in the group and in private, staff work some tickets, reminders fall due for others. */
const SCRIPT: Step[] = [
  say(0, 'o1', 'owners', '报修 5栋2单元502 厨房水管漏水 13511223344 随时', '王女士'),
  say(0, 'o2', 'dm', '报修 卫生间马桶堵了', '刘先生'),
  say(1, 'o1', 'owners', '确认', '王女士'),
  say(1, 'o2', 'dm', '3栋1单元101 13912345678', '刘先生'),
  say(2, 'o3', 'owners', '投诉 保安态度很差 12栋2单元1803 15011112222', '陈阿姨'),
  say(2, 'o2', 'dm', '明天上午', '刘先生'),
  say(3, 'o3', 'owners', '确认', '陈阿姨'),
  say(3, 'o2', 'dm', '确认', '刘先生'),
  say(4, 'zhang', 'engineering', '接单 R0001'),
  say(5, 'o4', 'owners', '报修 1号楼301室 楼道灯不亮 18699990000 随时', '老李'),
  say(6, 'o5', 'owners', '报修 家里跳闸了', '赵先生'),
  say(7, 'o6', 'owners', '咨询 停车月卡怎么办 3栋1单元202 17755554444', '孙女士'),
  say(8, 'o6', 'owners', '确认', '孙女士'),
  say(10, 'zhang', 'engineering', '预约 R0001 今天下午两点'),
  scan(31),
  say(32, 'chen', 'office', '接单 C0001'),
  scan(36),
  say(40, 'o7', 'dm', '报修 阳台门关不上 5栋1单元101 13700001111 随时', '周先生'),
  say(41, 'o7', 'dm', '确认', '周先生'),
  scan(61),
  say(62, 'zhang', 'engineering', '完成 R0001 换了角阀'),
  say(63, 'o1', 'owners', '5 5 4', '王女士'),
  scan(66),
  say(70, 'o8', 'owners', '报修 地下车库B2 灯坏了 13600002222 随时', '吴先生'),
  scan(95),
  scan(125),
];

interface RunOutput {
  lines: string[];
  /** The last step acknowledged (its `A` line printed). */
  acked: number;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** Runs the fixture on `dir` with `steps`; kills it `delayMs` after step `killAfter` is acknowledged, if given. */
function runChild(dir: string, steps: Step[], kill?: { after: number; delayMs: number }): Promise<RunOutput> {
  return new Promise((done, fail) => {
    const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [join(ROOT, 'bin/run-ts.js'), FIXTURE, dir], { cwd: ROOT, stdio: 'pipe' });
    const out: RunOutput = { lines: [], acked: 0, signal: null, code: null, stderr: '' };
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`fixture timed out: ${out.stderr}`));
    }, 45_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      out.lines.push(line);
      if (line === 'ready') {
        child.stdin.write(steps.map((s) => `${JSON.stringify(s)}\n`).join(''));
        child.stdin.end();
      }
      const ack = /^A (\d+)$/.exec(line);
      if (ack) {
        out.acked = Number(ack[1]);
        if (kill && out.acked === kill.after) setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
      }
    });
    child.stdin.on('error', () => undefined); // killed while we were still writing
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      out.code = code;
      out.signal = signal;
      done(out);
    });
  });
}

/** What a run printed, acknowledged steps only (a line for step n is printed only when step n is done). */
function parse(lines: string[]) {
  const messages: Array<{ step: number; chat: string; text: string; replyTo?: string }> = [];
  const reminders: string[] = [];
  let sessions: number | undefined;
  for (const line of lines) {
    const m = /^([OKN]) (\d+) (.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'O') messages.push({ step: Number(m[2]), ...(JSON.parse(m[3]!) as { chat: string; text: string; replyTo?: string }) });
    if (m[1] === 'K') reminders.push(m[3]!);
    if (m[1] === 'N') sessions = Number(m[3]);
  }
  const announced = messages.flatMap((o) => [...o.text.matchAll(/已登记(?:,编号)? ([RCS]\d{4,})/g)].map((x) => x[1]!));
  return { messages, reminders, announced, sessions };
}

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'huiyin-crash-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const withIds = (steps: Step[], prefix: string) => steps.map((s, i) => (s.op ? s : { ...s, id: `${prefix}${i + 1}` }));

describe('crash recovery: SIGKILL during a scripted session, then restart on the same data directory', () => {
  it('the uninterrupted session records, reminds and leaves one intake open (the baseline)', async () => {
    const dir = join(base, 'baseline');
    const run = await runChild(dir, withIds(SCRIPT, 'b'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/error handling/);
    const { announced, reminders } = parse(run.lines);
    expect(announced).toEqual(['R0001', 'C0001', 'R0002', 'S0001', 'R0003']);
    expect(reminders.length).toBeGreaterThan(0);
    expect(new Set(reminders).size).toBe(reminders.length);
  }, 60_000);

  // Seeded kill moments spread over the script: after step N is acknowledged, plus 0–4 ms into the next one.
  // Four distinct seeded steps, plus the moments just before two scans (a crash in the middle of sending reminders).
  const rnd = seeded(9);
  const scans = SCRIPT.flatMap((s, j) => (s.op === 'scan' ? [j] : []));
  const afters = new Set<number>([scans[0]!, scans[2]!]);
  while (afters.size < 6) afters.add(1 + Math.floor(rnd() * (SCRIPT.length - 2)));
  const moments = [...afters].map((after) => ({ after, delayMs: Math.floor(rnd() * 4) }));

  for (const [i, moment] of moments.entries()) {
    it.concurrent(`killed after step ${moment.after} + ${moment.delayMs} ms: nothing acknowledged lost, no reminder twice, intakes resume or close`, async () => {
      const dir = join(base, `crash-${i}`);
      const first = await runChild(dir, withIds(SCRIPT, 'a'), moment);
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const before = parse(first.lines);
      const lastAt = SCRIPT[Math.min(first.acked, SCRIPT.length - 1)]!.at;

      // Who was left at the read-back (the last thing they heard, acknowledged, was 请核对) and who mid-question.
      // Only read-backs still within the intake timeout (30 minutes in the sample) can resume; older ones have
      // lapsed, crash or not, and are the sweep's.
      const lastReply = new Map<string, { text: string; at: string }>();
      for (const o of before.messages) {
        const step = SCRIPT[o.step - 1];
        if (step?.who?.startsWith('o') && o.replyTo) lastReply.set(step.who, { text: o.text, at: step.at });
      }
      const atReadBack = [...lastReply]
        .filter(([, r]) => r.text.includes('请核对') && Date.parse(lastAt) - Date.parse(r.at) < INTAKE_TIMEOUT_MS)
        .map(([who]) => who);

      // Restart: the scan at the same moment must not repeat a reminder; owners at the read-back confirm; the rest of
      // the script goes on (the step in flight at the crash was never acknowledged, so the platform would not count
      // it as answered: it is skipped); then much later, abandoned intakes are closed.
      const resume: Step[] = [
        scan(Math.round((Date.parse(lastAt) - Date.parse(at(0))) / 60_000)),
        ...atReadBack.map((who) => {
          const step = SCRIPT.find((s) => s.who === who)!;
          return { ...step, at: lastAt, text: '确认' };
        }),
        ...SCRIPT.slice(first.acked + 1).filter((s) => Date.parse(s.at) >= Date.parse(lastAt)),
        { at: at(130), op: 'sessions' },
        { at: at(24 * 60), op: 'sweep' },
        { at: at(24 * 60), op: 'sessions' },
      ];
      const second = await runChild(dir, withIds(resume, 'r'));
      expect(second.code, second.stderr).toBe(0);
      // The lock is stale unless the kill came after the whole script, when the store may already have let it go (a
      // loaded machine delays the kill by more than the steps left take).
      if (first.acked < SCRIPT.length) expect(second.stderr).toMatch(/stale lock/);
      expect(second.stderr).not.toMatch(/error handling/);
      const after = parse(second.lines);

      // No reminder twice, across the crash.
      const all = [...before.reminders, ...after.reminders];
      expect(all.filter((k, j) => all.indexOf(k) !== j), 'reminders sent twice').toEqual([]);

      // Interrupted at the read-back: 确认 after the restart records it (or it was recorded just before the crash,
      // in the step whose answer never went out).
      const store0 = await openLowdbStore({ dataDir: dir, log: () => undefined });
      try {
        const tickets = await store0.listTickets();
        for (const [j, who] of atReadBack.entries()) {
          const replies = after.messages.filter((o) => o.step === 2 + j && o.replyTo);
          const recordedNow = replies.some((o) => o.text.includes('已登记,编号'));
          const recordedInFlight = tickets.some((t) => t.owner.id === who && !before.announced.includes(t.number) && t.history[0]!.at <= lastAt);
          expect(recordedNow || recordedInFlight, `${who} at the read-back: ${JSON.stringify(replies)}`).toBe(true);
        }
        // Nothing acknowledged was lost.
        for (const number of [...before.announced, ...after.announced]) expect(await store0.getTicket(number), number).toBeDefined();
        // Each number announced once: a restart never reuses one.
        const announced = [...before.announced, ...after.announced];
        expect(new Set(announced).size).toBe(announced.length);
        for (const ticket of tickets) {
          expect(TicketSchema.safeParse(ticket).success, ticket.number).toBe(true);
          expect(JSON.parse(JSON.stringify(replayTicket(ticket))), ticket.number).toEqual(JSON.parse(JSON.stringify(ticket)));
        }
        // Every intake left open was closed politely by the sweep, with one message each.
        const expired = after.messages.filter((o) => o.text.includes(ownerT.expired()));
        const sessionsBefore = second.lines.find((l) => /^N \d+ /.test(l));
        expect(Number(sessionsBefore!.split(' ')[2])).toBe(expired.length);
        expect(after.sessions).toBe(0);
        expect(await store0.listRecords('sessions')).toEqual([]);
      } finally {
        await store0.close();
      }
    }, 60_000);
  }
});
