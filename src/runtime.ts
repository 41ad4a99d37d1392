import type { Clock } from './clock.ts';
import type { ResolvedConfig as Config } from './config/load.ts';
import { createClassifier } from './classifier/index.ts';
import { BUILTIN_RULES } from './config/load.ts';
import { loadIntakeWords } from './conversation/intake-words.ts';
import { loadUrgentRules, urgentMatcher } from './conversation/urgent.ts';
import { Bot, type ClassifyFn } from './core/bot.ts';
import type { Job } from './jobs/scheduler.ts';
import type { Adapter, OutgoingMessage } from './messages.ts';
import { openStore, type OpenStoreOptions } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export interface Runtime {
  bot: Bot;
  store: Store;
  close(): Promise<void>;
}

/**
 * Opens everything the core needs: the store (lowdb, or PostgreSQL when a database URL is set; refusing a locked or
 * corrupt data directory or an unreachable database), the classifier rules
 * (refusing broken rule files) and the bot. Adapters are attached by `connect`.
 */
export async function openRuntime(
  config: Config,
  clock: Clock,
  log: (line: string) => void,
  storeOptions: Omit<OpenStoreOptions, 'log'> = {},
): Promise<Runtime> {
  const classifier = await createClassifier(config.rulesDir);
  // Emergency words are the company's data too; a broken file stops the start with the file and field named.
  const { kinds } = await loadUrgentRules(config.rulesDir, BUILTIN_RULES);
  const intakeWords = await loadIntakeWords(config.rulesDir, BUILTIN_RULES);
  const store = await openStore(config, { ...storeOptions, log });
  const classify: ClassifyFn = (text) => {
    const c = classifier.classify(text);
    return { label: c.label, clause: c.clause, unit: c.unit, major: c.major, confidence: c.confidence, ...(c.party && { party: c.party }) };
  };
  const bot = new Bot({ config, store, clock, classify, log, urgent: { match: urgentMatcher(kinds), kinds }, intakeWords });
  return { bot, store, close: () => store.close() };
}

/**
 * Feeds each adapter's messages to the bot and sends every reply through the adapter of its platform. Returns the
 * send function, for jobs that speak unprompted.
 */
export async function connect(bot: Bot, adapters: Adapter[], log: (line: string) => void): Promise<(out: OutgoingMessage) => Promise<void>> {
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
    await adapter.start(async (message) => {
      for (const out of await bot.handle(message)) await deliver(out);
    });
  }
  return deliver;
}

/** The jobs a running bot keeps: closing abandoned intakes politely every minute (issue 4). */
export function housekeepingJobs(bot: Bot): Job[] {
  return [{ name: 'sweep-sessions', cron: '* * * * *', run: () => bot.sweepExpiredSessions() }];
}
