/**
 * `npm run bench:burst`: 50 owners report in one Telegram group at the same moment (issue 16 §6). The real core and
 * the real Telegram adapter (Telegraf) with the production outbox pacing (TELEGRAM_OUTBOX: ≥ 1 s between sends to a
 * chat, ≤ 20 a minute to a group) talk to the fake Bot API on 127.0.0.1. Each owner answers like a person: the time
 * question when it is theirs, 确认 when their read-back arrives. Prints when the last owner had their read-back and
 * their number, how many messages the group got and the most in any 60 s, and the answers each owner got.
 * Target: all 50 acknowledged within 60 s without more than 20 messages a minute to the group.
 * BENCH_OWNERS=n changes the count; BENCH_MERGE=0 turns merging off for comparison (takes minutes).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TELEGRAM_GUARD, TELEGRAM_OUTBOX } from '../adapters/telegram/from-env.ts';
import { TelegramAdapter } from '../adapters/telegram/telegram-adapter.ts';
import { connect, openRuntime, platformParts } from '../app/compose.ts';
import { ManualClock } from '../src/clock.ts';
import { ENGINEERING, OWNERS, TOKEN, telegramConfig } from '../test/telegram/harness.ts';
import { FakeBotApi, type FakeUser } from '../test/telegram/fake-bot-api.ts';

const COUNT = Number(process.env.BENCH_OWNERS ?? 50);
const MERGE = process.env.BENCH_MERGE !== '0';
const LIMIT_MS = 10 * 60_000;
const PROBLEMS = ['厨房水管漏水', '卫生间灯不亮', '门锁坏了', '马桶堵了', '空调不制冷'];

interface Owner {
  user: FakeUser;
  report: string;
  answeredTime: boolean;
  confirmed: boolean;
  readBackAt?: number;
  numberAt?: number;
  number?: string;
}

async function main(): Promise<void> {
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const fake = new FakeBotApi(TOKEN, { now: () => clock.now().getTime() });
  await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-bench-burst-'));
  const log = (line: string) => {
    if (/error|gave up/i.test(line)) console.error(line);
  };
  const config = await telegramConfig(dataDir);
  const runtime = await openRuntime(config, clock, log);
  const adapter = new TelegramAdapter({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    store: runtime.store,
    log,
    botName: config.botName,
    clock,
    parts: platformParts('telegram', { store: runtime.store, clock, log })({ outbox: { ...TELEGRAM_OUTBOX, mergeWaiting: MERGE }, guard: TELEGRAM_GUARD }),
  });
  await connect(runtime.bot, [adapter], log);

  const owners: Owner[] = Array.from({ length: COUNT }, (_, i) => ({
    user: { id: 9000 + i, first_name: `业主${String(i).padStart(2, '0')}` },
    // Half say when up front; the other half are asked.
    report: `报修 ${1 + (i % 9)}栋${1 + (i % 3)}单元${1000 + i} ${PROBLEMS[i % PROBLEMS.length]}${i % 2 ? ' 随时' : ''}`,
    answeredTime: false,
    confirmed: false,
  }));
  const started = Date.now();
  for (const o of owners) fake.say(o.user, OWNERS, o.report);

  // Each owner reads the group and answers what is addressed to them, as a person would.
  const deadline = started + LIMIT_MS;
  while (owners.some((o) => !o.number) && Date.now() < deadline) {
    const group = fake.sentTo(OWNERS.id).map((m) => m.text).join('\n\n');
    for (const o of owners) {
      const me = `@${o.user.first_name} `;
      if (!o.answeredTime && group.includes(`${me}请问什么时间`)) {
        o.answeredTime = true;
        fake.say(o.user, OWNERS, '明天上午');
      }
      if (!o.confirmed && group.includes(`${me}请核对`)) {
        o.confirmed = true;
        o.readBackAt = Date.now() - started;
        fake.say(o.user, OWNERS, '确认');
      }
      const number = new RegExp(`${me}已登记,编号 (R\\d{4})`).exec(group)?.[1];
      if (number && !o.number) {
        o.number = number;
        o.numberAt = Date.now() - started;
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  // The engineers' group hears of every ticket too; its notices carry buttons (接单/查), so fewer merge per message.
  const announced = () => fake.sentTo(ENGINEERING.id).flatMap((m) => [...m.text.matchAll(/【新报修】(R\d{4})/g)]).length;
  while (announced() < COUNT && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const engineeringDone = announced() >= COUNT ? Date.now() - started : undefined;

  const sent = fake.callsOf('sendMessage').filter((c) => String(c.params.chat_id) === String(OWNERS.id)).map((c) => c.at);
  const maxPerMinute = Math.max(0, ...sent.map((t) => sent.filter((u) => u >= t && u < t + 60_000).length));
  const texts = fake.sentTo(OWNERS.id).map((m) => m.text);
  const perOwner = owners.map((o) => texts.join('\n\n').split(`@${o.user.first_name} `).length - 1);
  const numbers = new Set(owners.map((o) => o.number).filter(Boolean));
  const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
  const last = (key: 'readBackAt' | 'numberAt') => (owners.every((o) => o[key] !== undefined) ? Math.max(...owners.map((o) => o[key]!)) : undefined);

  console.log(`burst: ${COUNT} owners report in one Telegram group at once, production pacing (${TELEGRAM_OUTBOX.perChatPerMinute}/min a group), merging ${MERGE ? 'on' : 'off'}`);
  console.log(`  owners with a number:        ${numbers.size}/${COUNT} (distinct numbers ${numbers.size})`);
  console.log(`  last read-back reached:      ${seconds(last('readBackAt'))}`);
  console.log(`  last 已登记 reached:          ${seconds(last('numberAt'))}   (target ≤ 60 s)`);
  console.log(`  messages to the group:       ${sent.length}, most in any 60 s: ${maxPerMinute}   (limit 20)`);
  console.log(`  answers per owner:           ${Math.min(...perOwner)}–${Math.max(...perOwner)} (mean ${(perOwner.reduce((a, b) => a + b, 0) / COUNT).toFixed(1)})`);
  console.log(`  tickets announced to 工程班:  ${announced()} in ${fake.sentTo(ENGINEERING.id).length} messages, the last at ${seconds(engineeringDone)}`);

  await adapter.stop();
  await runtime.close();
  await fake.close();
  await rm(dataDir, { recursive: true, force: true });
}

await main();
