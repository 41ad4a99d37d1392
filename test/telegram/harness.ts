import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { TelegramAdapter, type TelegramAdapterOptions } from '../../adapters/telegram/telegram-adapter.ts';
import { ManualClock } from '../../src/clock.ts';
import { parseConfig, type ResolvedConfig } from '../../src/config/load.ts';
import { TELEGRAM_GUARD, TELEGRAM_OUTBOX } from '../../adapters/telegram/from-env.ts';
import { connect, openRuntime, platformParts, type Runtime } from '../../app/compose.ts';
import { FakeBotApi, type FakeChat, type FakeUser } from './fake-bot-api.ts';

export const TOKEN = '123456:TEST-token_for_the_fake_server';
const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');

export const OWNERS: FakeChat = { id: -1001, type: 'supergroup', title: '阳光家园业主群' };
export const ENGINEERING: FakeChat = { id: -1002, type: 'supergroup', title: '工程班' };
export const OFFICE: FakeChat = { id: -1003, type: 'supergroup', title: '管理处' };
export const MANAGERS: FakeChat = { id: -1004, type: 'supergroup', title: '公司领导' };

export const WANG: FakeUser = { id: 7001, first_name: '王女士' };
export const STRANGER: FakeUser = { id: 7002, first_name: '路人' };
export const ZHANG: FakeUser = { id: 501, first_name: '张工' };
export const LI: FakeUser = { id: 502, first_name: '李主任' };

/** The sample estate with its chats and staff moved to Telegram ids, validated like a real config file. */
export async function telegramConfig(dataDir: string): Promise<ResolvedConfig> {
  const sample = parseYaml(await readFile(SAMPLE, 'utf8')) as Record<string, unknown>;
  sample.chats = [
    { platform: 'telegram', id: String(OWNERS.id), estate: 'sunshine', role: 'owners', title: OWNERS.title },
    { platform: 'telegram', id: String(ENGINEERING.id), estate: 'sunshine', role: 'engineering', title: ENGINEERING.title },
    { platform: 'telegram', id: String(OFFICE.id), estate: 'sunshine', role: 'office', title: OFFICE.title },
    { platform: 'telegram', id: String(MANAGERS.id), role: 'managers', title: MANAGERS.title },
  ];
  sample.staff = [
    { platform: 'telegram', id: String(ZHANG.id), name: '张工', estate: 'sunshine', unit: 'engineering', role: 'handler' },
    { platform: 'telegram', id: String(LI.id), name: '李主任', estate: 'sunshine', unit: 'office_head', role: 'head' },
    { platform: 'telegram', id: '503', name: '陈文员', estate: 'sunshine', unit: 'office', role: 'clerk' },
    { platform: 'telegram', id: '504', name: '赵总', unit: 'managers', role: 'manager' },
  ];
  const config = parseConfig(stringifyYaml(sample), join(dataDir, 'huiyin.yaml'), dataDir);
  return { ...config, dataDir };
}

export interface Harness {
  fake: FakeBotApi;
  adapter: TelegramAdapter;
  runtime: Runtime;
  clock: ManualClock;
  logs: string[];
  close(): Promise<void>;
}

/**
 * The real core (openRuntime: lowdb store in a temp dir, classifier rules, Bot) wired by `connect` to the real
 * Telegraf client, which talks to the fake Bot API on 127.0.0.1. Outbox pacing is shortened so a flow takes
 * milliseconds.
 */
export async function openHarness(options: Partial<TelegramAdapterOptions> & { fake?: FakeBotApi } = {}): Promise<Harness> {
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const fake = options.fake ?? new FakeBotApi(TOKEN, { now: () => clock.now().getTime() });
  if (!options.fake) await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-telegram-'));
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const config = await telegramConfig(dataDir);
  const runtime = await openRuntime(config, clock, log);
  const adapter = new TelegramAdapter({
    token: TOKEN,
    apiRoot: fake.apiRoot,
    store: runtime.store,
    log,
    botName: config.botName,
    clock,
    // Outbox pacing shortened so a flow takes milliseconds.
    parts: platformParts('telegram', { store: runtime.store, clock, log })({
      outbox: { ...TELEGRAM_OUTBOX, perChatIntervalMs: 5, overallIntervalMs: 0, retryBaseMs: 50 },
      guard: TELEGRAM_GUARD,
    }),
    ...options,
  });
  await connect(runtime.bot, [adapter], log);
  return {
    fake,
    adapter,
    runtime,
    clock,
    logs,
    async close() {
      await adapter.stop();
      await runtime.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
