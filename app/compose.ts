import type { Clock } from '../src/clock.ts';
import type { ResolvedConfig as Config } from '../src/config/load.ts';
import type { Config as ConfigSchemaType } from '../src/config/schema.ts';
import { createClassifier } from '../src/classifier/index.ts';
import { BUILTIN_RULES } from '../src/config/load.ts';
import { loadIntakeWords } from '../src/conversation/intake-words.ts';
import { loadUrgentRules, urgentMatcher } from '../src/conversation/urgent.ts';
import { createOfflineAlert, type OfflineAlert } from '../src/alerts/offline-alert.ts';
import { Bot } from '../src/core/bot.ts';
import { classifyWith, type ClassifyFn } from '../src/conversation/classify-fn.ts';
import { Directory } from '../src/services/directory.ts';
import { Notifier } from '../src/services/notifier.ts';
import { InboundGuard } from '../src/inbound/guard.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';
import { ReminderScan } from '../src/jobs/reminder-scan.ts';
import type { Job } from '../src/jobs/scheduler.ts';
import type { Adapter, IncomingMessage, OutgoingMessage } from '../src/messages.ts';
import { Outbox } from '../src/outbox/outbox.ts';
import type { InFlight } from '../src/platform/in-flight.ts';
import type { PlatformContext, PlatformModule } from '../src/platform/module.ts';
import { StorageAlarm } from '../src/alerts/storage-alarm.ts';
import { databaseUrl, openStore, type OpenStoreOptions } from '../src/store/open-store.ts';
import { watchSpace } from '../src/store/space-watch.ts';
import type { Store } from '../src/store/store.ts';
import { PLATFORMS } from './platforms.ts';

/**
 * The composition root: the one place that knows which store, classifier, platforms and jobs are in use, builds each
 * once and hands them in. The core (`src/`) never reaches out for any of them.
 */
export interface Runtime {
  bot: Bot;
  store: Store;
  directory: Directory;
  notifier: Notifier;
  reminders: ReminderScan;
  config: Config;
  clock: Clock;
  log: (line: string) => void;
  /** Every job a running bot keeps: the session sweep, reminders, the digest and the monthly report. */
  jobs(): Job[];
  /** Watches the store's writes for a full disk (issue 17) and alerts managers once per incident. */
  storage: StorageAlarm;
  close(): Promise<void>;
}

/** The Directory and Notifier the bot and the jobs share: one of each per running bot. */
export function coreServices(config: ConfigSchemaType, store: Store, clock: Clock): { directory: Directory; notifier: Notifier } {
  const directory = new Directory(config);
  return { directory, notifier: new Notifier(store, directory, clock, config.botName) };
}

/**
 * Opens everything the core needs: the store (lowdb, or PostgreSQL when a database URL is set; refusing a locked
 * or corrupt data directory or an unreachable database), the classifier rules
 * (refusing broken rule files), the directory, notifier, bot and reminder scan. Platforms are opened by
 * `openPlatforms` and attached by `connect`.
 */
export async function openRuntime(
  config: Config,
  clock: Clock,
  log: (line: string) => void,
  { alert, ...storeOptions }: Omit<OpenStoreOptions, 'log'> & { alert?: (text: string) => Promise<void> } = {},
): Promise<Runtime> {
  const classify: ClassifyFn = classifyWith(await createClassifier(config.rulesDir));
  // Emergency words are the company's data too; a broken file stops the start with the file and field named.
  const { kinds, sameEvent } = await loadUrgentRules(config.rulesDir, BUILTIN_RULES);
  const intakeWords = await loadIntakeWords(config.rulesDir, BUILTIN_RULES);
  const storage = new StorageAlarm({ dataDir: databaseUrl(config, storeOptions.env) ? undefined : config.dataDir, clock, timezone: config.timezone, log, ...(alert && { alert }) });
  // Every write is watched from outside the store, so lowdb and PostgreSQL report a full disk alike.
  const store = watchSpace(await openStore(config, { ...storeOptions, log }), storage);
  const { directory, notifier } = coreServices(config, store, clock);
  const bot = new Bot({ config, store, clock, classify, log, directory, notifier, urgent: { match: urgentMatcher(kinds), kinds, sameEvent }, intakeWords });
  const reminders = new ReminderScan({ config, store, clock, log, directory, notifier });
  return {
    bot,
    store,
    directory,
    notifier,
    reminders,
    config,
    clock,
    log,
    jobs: () => [...housekeepingJobs(bot), ...scheduledJobs({ config, store, clock, log, directory, notifier, platforms: PLATFORMS }, reminders)],
    storage,
    close: async () => {
      await storage.settled();
      await store.close();
    },
  };
}

/**
 * Builds a platform's one outbox and one inbound guard, with the limits the platform states. Adapters receive them
 * ready-made; tests that drive an adapter alone build them here too.
 */
export function platformParts(platform: string, deps: { store: Store; clock: Clock; log: (line: string) => void }): PlatformContext['parts'] {
  return (settings) => ({
    outbox: new Outbox({ ...settings.outbox, name: platform, store: deps.store, log: deps.log }),
    guard: new InboundGuard({ ...settings.guard, platform, store: deps.store, clock: deps.clock, log: deps.log }),
  });
}

/**
 * Opens every platform of the registry the environment enables; with none, the fallback (the console). Managers
 * hear a platform's outage through the webhook robot (`ALERT_WEBHOOK_URL`) and the managers' chat of each platform
 * that carries alerts.
 */
export async function openPlatforms(
  runtime: Pick<Runtime, 'config' | 'store' | 'clock' | 'log'> & { storage?: StorageAlarm },
  env: NodeJS.ProcessEnv,
  registry: readonly PlatformModule[] = PLATFORMS,
): Promise<{ adapters: Adapter[]; alert: OfflineAlert }> {
  const { config, store, clock, log } = runtime;
  const alert = createOfflineAlert({ webhookUrl: env.ALERT_WEBHOOK_URL, log });
  // A full disk is told through the same channels as an outage (issue 17).
  runtime.storage?.alertVia(alert);
  const adapters: Adapter[] = [];
  const contextFor = (platform: PlatformModule): PlatformContext => ({ config, store, clock, log, alert, parts: platformParts(platform.id, { store, clock, log }) });
  for (const platform of registry.filter((p) => !p.fallback)) {
    const adapter = await platform.fromEnv(env, contextFor(platform));
    if (!adapter) continue;
    adapters.push(adapter);
    const managers = platform.carriesAlerts && config.chats.find((c) => c.platform === platform.id && c.role === 'managers');
    if (managers) alert.addHook((text) => adapter.send({ chat: { platform: platform.id, id: managers.id }, text }));
  }
  // Platforms are enabled by their variables; with none, the terminal is the chat.
  if (adapters.length === 0) {
    for (const platform of registry.filter((p) => p.fallback)) {
      const adapter = await platform.fromEnv(env, contextFor(platform));
      if (adapter) adapters.push(adapter);
    }
  }
  return { adapters, alert };
}

/**
 * Feeds each adapter's messages to the bot and sends every reply through the adapter of its platform. Returns the
 * send function, for jobs that speak unprompted. `inFlight` follows each message until its replies are queued, so
 * that a stop can wait for them (issue 17).
 */
export async function connect(bot: Bot, adapters: Adapter[], log: (line: string) => void, inFlight?: InFlight): Promise<(out: OutgoingMessage) => Promise<void>> {
  const byPlatform = new Map(adapters.map((a) => [a.platform, a]));
  const deliver = async (unmasked: OutgoingMessage) => {
    // Jobs speak too (reminders, digests): the same masking as the bot's own replies, at the one way out.
    const out = bot.masked(unmasked);
    const adapter = byPlatform.get(out.chat.platform);
    if (!adapter) return log(`no adapter for ${out.chat.platform}: message to ${out.chat.id} dropped`);
    try {
      await adapter.send(out);
    } catch (error) {
      log(`send to ${out.chat.platform}:${out.chat.id} failed: ${(error as Error).message}`);
    }
  };
  for (const adapter of adapters) {
    // Tracked until the replies are queued, so that an orderly stop closes the store only after them (issue 17).
    const handle = async (message: IncomingMessage) => {
      // Handed over together: the outbox numbers them in this order and the store writes them in one flush.
      await Promise.all((await bot.handle(message)).map(deliver));
    };
    await adapter.start((message) => (inFlight ? inFlight.track(() => handle(message)) : handle(message)));
  }
  return deliver;
}

/** The jobs a running bot keeps: closing abandoned intakes politely every minute (issue 4). */
export function housekeepingJobs(bot: Bot): Job[] {
  return [{ name: 'sweep-sessions', cron: '* * * * *', run: () => bot.sweepExpiredSessions() }];
}
