import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { TELEGRAM_GUARD, TELEGRAM_OUTBOX } from '../../adapters/telegram/from-env.ts';
import { TelegramAdapter } from '../../adapters/telegram/telegram-adapter.ts';
import { WECOM_GUARD, WECOM_OUTBOX } from '../../adapters/wecom/from-env.ts';
import { WecomAdapter, type WecomAdapterOptions } from '../../adapters/wecom/wecom-adapter.ts';
import { connect, openRuntime, platformParts, type Runtime } from '../../app/compose.ts';
import { ManualClock } from '../../src/clock.ts';
import { parseConfig, type ResolvedConfig } from '../../src/config/load.ts';
import type { Adapter } from '../../src/messages.ts';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';
import { TOKEN } from '../telegram/harness.ts';
import { type FakeChat, type FakeUser, FakeWecomServer } from './fake-wecom-server.ts';

export const BOT_ID = 'aibTestBot0001';
export const SECRET = 'test-secret-for-the-fake-server';
const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');

/** A WeCom customer group (客户群) of owners, and the staff's internal groups. */
export const OWNERS: FakeChat = { id: 'wrOwnersGroup01', type: 'group' };
export const ENGINEERING: FakeChat = { id: 'wrEngineering01', type: 'group' };
export const OFFICE: FakeChat = { id: 'wrOffice0001', type: 'group' };
export const MANAGERS: FakeChat = { id: 'wrManagers001', type: 'group' };

/** An owner (external contacts' userids start with wm) and staff (internal userids). */
export const WANG: FakeUser = { userid: 'wmWangLi' };
export const STRANGER: FakeUser = { userid: 'wmPasserby' };
export const ZHANG: FakeUser = { userid: 'ZhangGong' };
export const LI: FakeUser = { userid: 'LiZhuRen' };

export const privateChat = (user: FakeUser): FakeChat => ({ id: user.userid, type: 'single' });

type ChatEntry = { platform: string; id: string; estate?: string; role: string; title?: string };

/** The sample estate with its chats and staff on WeCom (or as given), validated like a real config file. */
export async function sampleConfig(dataDir: string, chats?: ChatEntry[]): Promise<ResolvedConfig> {
  const sample = parseYaml(await readFile(SAMPLE, 'utf8')) as Record<string, unknown>;
  sample.chats = chats ?? [
    { platform: 'wecom', id: OWNERS.id, estate: 'sunshine', role: 'owners', title: '阳光家园业主群' },
    { platform: 'wecom', id: ENGINEERING.id, estate: 'sunshine', role: 'engineering', title: '工程班' },
    { platform: 'wecom', id: OFFICE.id, estate: 'sunshine', role: 'office', title: '管理处' },
    { platform: 'wecom', id: MANAGERS.id, role: 'managers', title: '公司领导' },
  ];
  sample.staff = [
    { platform: 'wecom', id: ZHANG.userid, name: '张工', estate: 'sunshine', unit: 'engineering', role: 'handler' },
    { platform: 'wecom', id: LI.userid, name: '李主任', estate: 'sunshine', unit: 'office_head', role: 'head' },
    { platform: 'wecom', id: 'ChenWenYuan', name: '陈文员', estate: 'sunshine', unit: 'office', role: 'clerk' },
    { platform: 'wecom', id: 'ZhaoZong', name: '赵总', unit: 'managers', role: 'manager' },
  ];
  const config = parseConfig(stringifyYaml(sample), join(dataDir, 'huiyin.yaml'), dataDir);
  return { ...config, dataDir };
}

export interface Harness {
  fake: FakeWecomServer;
  adapter: WecomAdapter;
  runtime: Runtime;
  clock: ManualClock;
  logs: string[];
  alerts: string[];
  dataDir: string;
  /** Present when the harness also runs Telegram (the cross-platform test). */
  telegram?: { fake: FakeBotApi; adapter: TelegramAdapter };
  close(): Promise<void>;
}

export interface HarnessOptions {
  chats?: ChatEntry[];
  withTelegram?: boolean;
  adapter?: Partial<WecomAdapterOptions>;
}

/**
 * The real core (openRuntime: lowdb store in a temp dir, classifier rules, Bot) wired by `connect` to the real
 * @wecom/aibot-node-sdk client, which talks to the fake long-connection server on 127.0.0.1 (and, when asked, the real
 * Telegraf client against the fake Bot API). Pacing and reconnect delays are shortened so a flow takes milliseconds.
 */
export async function openHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const fake = new FakeWecomServer(BOT_ID, SECRET, { now: () => clock.now().getTime() });
  await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-wecom-'));
  const logs: string[] = [];
  const alerts: string[] = [];
  const log = (line: string) => logs.push(line);
  const config = await sampleConfig(dataDir, options.chats);
  const runtime = await openRuntime(config, clock, log);
  const adapter = new WecomAdapter({
    botId: BOT_ID,
    secret: SECRET,
    wsUrl: fake.wsUrl,
    botNames: [config.botName],
    store: runtime.store,
    log,
    alert: async (text) => void alerts.push(text),
    clock,
    timezone: config.timezone,
    attachmentsDir: join(dataDir, 'attachments', 'wecom'),
    reconnectBaseMs: 50,
    startupTimeoutMs: 5000,
    parts: platformParts('wecom', { store: runtime.store, clock, log })({
      outbox: { ...WECOM_OUTBOX, perChatIntervalMs: 5, overallIntervalMs: 0, retryBaseMs: 50 },
      guard: WECOM_GUARD,
    }),
    ...options.adapter,
  });
  const adapters: Adapter[] = [adapter];
  let telegram: Harness['telegram'];
  if (options.withTelegram) {
    const tgFake = new FakeBotApi(TOKEN, { now: () => clock.now().getTime() });
    await tgFake.start();
    const tgAdapter = new TelegramAdapter({
      token: TOKEN,
      apiRoot: tgFake.apiRoot,
      store: runtime.store,
      log,
      botName: config.botName,
      clock,
      parts: platformParts('telegram', { store: runtime.store, clock, log })({
        outbox: { ...TELEGRAM_OUTBOX, perChatIntervalMs: 5, overallIntervalMs: 0, retryBaseMs: 50 },
        guard: TELEGRAM_GUARD,
      }),
    });
    telegram = { fake: tgFake, adapter: tgAdapter };
    adapters.push(tgAdapter);
  }
  await connect(runtime.bot, adapters, log);
  return {
    fake,
    adapter,
    runtime,
    clock,
    logs,
    alerts,
    dataDir,
    ...(telegram && { telegram }),
    async close() {
      await telegram?.adapter.stop();
      await adapter.stop();
      await runtime.close();
      await telegram?.fake.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
