/**
 * Issue 17, item 3: SIGTERM in the middle of a burst. The real bot (`huiyin start`, its own process) serves owners who
 * write from outside through the fake Bot API, by long polling and by webhook; it is stopped with SIGTERM while
 * their reports and confirmations are still coming in and being handled, then started again on the same data.
 * Nothing acknowledged may be lost: every owner gets exactly one ticket number, every ticket reaches the engineering
 * group, and no message goes out twice (a stop lets the send in progress finish before the outbox lets go).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';
import { ENGINEERING, TOKEN } from '../telegram/harness.ts';
import { Delivery, duplicates, freePort, Owners, startBot, type Transport, writeConfig } from './bot-process.ts';

const OWNER_COUNT = 8;

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'huiyin-sigterm-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('SIGTERM in the middle of a burst, then a restart on the same data', () => {
  for (const kind of ['polling', 'webhook'] as const) {
    it(`${kind}: the stop finishes what it took, nothing acknowledged is lost, nothing is sent twice`, async () => {
      const dir = await mkdtemp(join(base, `${kind}-`));
      const fake = new FakeBotApi(TOKEN);
      await fake.start();
      const transport: Transport = kind === 'polling' ? { kind } : { kind, port: await freePort() };
      const delivery = new Delivery(fake, transport);
      const owners = new Owners(fake, delivery, OWNER_COUNT);
      const file = await writeConfig(dir);
      try {
        const first = await startBot(dir, file, fake, transport);
        // The first owner's report warms the bot up (its segmenter loads on the first message); then the burst: a
        // report every 60 ms, each owner confirming as soon as the read-back reaches them, and SIGTERM half-way
        // through, 30 ms after a report: reports are still coming, some are being handled, replies wait to be sent.
        owners.report(0);
        await fake.waitFor(() => fake.sent.some((m) => m.text.includes('请核对')), 40_000, 'the first read-back');
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        for (let i = 1; i < OWNER_COUNT / 2; i++) {
          if (i > 1) await sleep(60);
          owners.report(i);
        }
        await sleep(30);
        const later = (async () => {
          for (let i = OWNER_COUNT / 2; i < OWNER_COUNT; i++) {
            await sleep(60);
            owners.report(i);
          }
        })();
        const reportedAtStop = owners.reported();
        const stoppedAt = Date.now();
        first.child.kill('SIGTERM');
        const how = await first.exited;
        const stopLog = first.stderr();
        expect(reportedAtStop, 'the stop came in the middle of the burst').toBeLessThan(OWNER_COUNT);
        await later;
        console.log(`${kind}: SIGTERM after ${reportedAtStop} of ${OWNER_COUNT} reports; stopped in ${Date.now() - stoppedAt} ms`);

        const second = await startBot(dir, file, fake, transport);
        try {
          await fake.waitFor(() => owners.done(), 30_000, 'every owner answered after the restart');
        } finally {
          second.child.kill('SIGTERM');
          expect(await second.exited, second.stderr()).toBe(143);
        }
        const numbers = owners.announced();
        // Each owner was told one number, and each number is a different ticket.
        expect(numbers.map((n) => n.length)).toEqual(owners.people.map(() => 1));
        expect(new Set(numbers.flat()).size).toBe(OWNER_COUNT);
        // Notices waiting for the engineering group may go merged in one message (issue 16 §6): counted per ticket.
        const notices = fake.sentTo(ENGINEERING.id).flatMap((m) => [...m.text.matchAll(/【新报修】([RCS]\d{4,})/g)].map((x) => x[1]));
        expect(notices).toHaveLength(OWNER_COUNT);
        expect(new Set(notices).size).toBe(OWNER_COUNT);
        expect(duplicates(fake.sent)).toEqual([]);
        // The stop was orderly: the exit code of SIGTERM, in time, nothing written to a closed store.
        expect(how, stopLog).toBe(143);
        expect(stopLog).not.toMatch(/is closed|error handling|not done after/);
        expect(stopLog).toMatch(/SIGTERM: stopping/);
        // Webhook: every update the bot answered 200 to was kept (all were, eventually).
        if (kind === 'webhook') expect(delivery.acknowledged.size).toBe(2 * OWNER_COUNT);
      } finally {
        owners.stop();
        await fake.close();
      }
    }, 90_000);
  }
});
