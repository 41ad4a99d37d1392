/**
 * Issue 17, item 4: sends across a crash. The real bot (`huiyin start`, its own process, long polling against the fake
 * Bot API) serves owners who report and confirm from outside, and is killed with SIGKILL at seeded moments of that
 * traffic, then started again on the same data directory. The outbox is at-least-once (README, Operations): a kill
 * between the platform's acceptance of a message and the outbox forgetting it sends that message again after the
 * restart, and an update handled but not yet marked seen is handled again. So nothing may be lost (each owner told
 * one number, each ticket announced to engineering), and duplicates are counted (and printed) rather than forbidden,
 * within a small bound per kill. The kill moments are seeded (HUIYIN_KILL_SEED picks another run); the process's
 * timing is not, so a run can land in a window another missed.
 *
 * Handling a confirmation writes the ticket, remembers which message recorded it, ends the intake, queues the owner's
 * number and the engineering notice, then marks the update seen: delivered again after a kill anywhere after the
 * remembering, the message gets its replies again (test/hardening/redelivered-confirmation.test.ts). Still open: a
 * kill between the ticket write and the remembering makes the redelivered 确认 record a second ticket.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';
import { ENGINEERING, TOKEN } from '../telegram/harness.ts';
import { Delivery, duplicates, Owners, startBot, type Transport, writeConfig } from './bot-process.ts';
import { seeded } from './generate.ts';

const SEED = Number(process.env.HUIYIN_KILL_SEED ?? 17);
const KILLS = 3;
const OWNERS_PER_PROCESS = 2;
const OWNER_COUNT = KILLS * OWNERS_PER_PROCESS;
/**
 * Per kill: the send in progress (the outbox sends one message at a time and forgets it right after), plus the replies
 * of the updates handled but not yet marked seen when the process died (handled again after the restart: the service
 * card and read-back of a report, a number and its engineering notice). Seen: 0 to 3.3 a kill over nine runs.
 */
const DUPLICATES_PER_KILL = 4;

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'huiyin-sigkill-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL at seeded moments of traffic, restarts on the same data', () => {
  it(`seed ${SEED}: ${KILLS} kills; nothing acknowledged is lost, duplicate sends counted and bounded`, async () => {
    // Two streams, so the kill delays do not depend on how many report gaps were drawn by then.
    const gaps = seeded(SEED);
    const delays = seeded(SEED + 1_000);
    const dir = await mkdtemp(join(base, 'run-'));
    const fake = new FakeBotApi(TOKEN);
    await fake.start();
    const transport: Transport = { kind: 'polling' };
    const owners = new Owners(fake, new Delivery(fake, transport), OWNER_COUNT);
    const file = await writeConfig(dir);
    const moments: string[] = [];
    const logs: Array<() => string> = [];
    // On a failure: what each chat received and what each process logged, to see which window the kills hit.
    const story = () =>
      [
        ...moments,
        ...[...owners.people.map((p) => p.chat.id), ENGINEERING.id].map((id) => `to ${id}: ${fake.sentTo(id).map((m) => m.text.split('\n')[0]!.slice(0, 24)).join(' | ')}`),
        ...logs.map((l, i) => `--- process ${i + 1}\n${l()}`),
      ].join('\n');
    const began = Date.now();
    const at = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
    try {
      for (let k = 0; k < KILLS; k++) {
        const bot = await startBot(dir, file, fake, transport);
        logs.push(bot.stderr);
        const startedAt = at();
        const sentBefore = fake.sent.length;
        // New owners report while this process runs, 100–300 ms apart (earlier owners confirm as their read-backs
        // arrive); it is killed 0–700 ms after its first answer to a person, in the middle of handling and sending.
        for (let j = 0; j < OWNERS_PER_PROCESS; j++) {
          owners.report(k * OWNERS_PER_PROCESS + j);
          await sleep(100 + Math.floor(gaps() * 200));
        }
        await fake.waitFor(() => fake.sent.slice(sentBefore).some((m) => /请核对|已登记/.test(m.text)), 40_000, `an answer by process ${k + 1}`);
        const delay = Math.floor(delays() * 700);
        await sleep(delay);
        bot.child.kill('SIGKILL');
        expect(await bot.exited).toBe('SIGKILL');
        moments.push(`kill ${k + 1}: process up at ${startedAt}, killed at ${at()} (${delay} ms after its first answer), ${fake.sent.length} messages delivered so far`);
      }
      const last = await startBot(dir, file, fake, transport);
      logs.push(last.stderr);
      moments.push(`last start: up at ${at()}`);
      try {
        // Given time to send all; what is still missing then is lost, and named below.
        await fake.waitFor(() => owners.done(), 30_000, 'every owner answered').catch(() => undefined);
        moments.push(`done at ${at()}`);
      } finally {
        last.child.kill('SIGTERM');
        await last.exited;
      }

      // Nothing lost: each owner was told one ticket number (perhaps twice), all different, each known to engineering.
      const numbers = owners.announced();
      for (const [i, told] of numbers.entries()) expect(new Set(told).size, `owner ${i + 1} was told ${told.join(', ')}\n${story()}`).toBe(1);
      expect(new Set(numbers.map((n) => n[0])).size).toBe(OWNER_COUNT);
      const notices = fake.sentTo(ENGINEERING.id).map((m) => m.text);
      for (const [n] of numbers) expect(notices.some((t) => t.includes(`【新报修】${n}`)), `engineering heard of ${n}\n${story()}`).toBe(true);

      const extra = duplicates(fake.sent);
      console.log(
        [`seed ${SEED}: ${KILLS} SIGKILLs, ${fake.sent.length} messages delivered, ${extra.length} duplicate(s)`, ...moments, ...extra.map((d) => `  twice to ${d.chat}: ${d.text}`)].join('\n'),
      );
      expect(extra.length, story()).toBeLessThanOrEqual(KILLS * DUPLICATES_PER_KILL);
    } finally {
      owners.stop();
      await fake.close();
    }
  }, 90_000);
});
