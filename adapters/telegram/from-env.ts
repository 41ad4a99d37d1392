import { randomBytes } from 'node:crypto';
import type { Clock } from '../../src/clock.ts';
import type { PlatformContext } from '../../src/platform/module.ts';
import type { Store } from '../../src/store/store.ts';
import { TELEGRAM_MAX_TEXT, TelegramAdapter, type TelegramAdapterOptions, TelegramStartupError, type TelegramWebhookOptions } from './telegram-adapter.ts';

/**
 * The Telegram adapter as the environment describes it (docs/telegram.md):
 *   TELEGRAM_BOT_TOKEN       enables Telegram (from @BotFather)
 *   TELEGRAM_API_ROOT        another Bot API server, e.g. a self-hosted telegram-bot-api (default api.telegram.org)
 *   TELEGRAM_WEBHOOK_URL     webhook mode: the public https URL Telegram posts to (default: long polling)
 *   TELEGRAM_WEBHOOK_SECRET  the secret Telegram sends back in a header (A-Z a-z 0-9 _ -; default: a random one per start)
 *   TELEGRAM_WEBHOOK_PORT    the local port to listen on (default 8443)
 *   TELEGRAM_WEBHOOK_PATH    the local path (default: the URL's path)
 *   TELEGRAM_WEBHOOK_HOST    the local address to listen on (default: all)
 * Returns undefined when TELEGRAM_BOT_TOKEN is unset. Throws TelegramStartupError for a malformed value; the token
 * itself is checked with getMe when the adapter starts.
 */
export async function telegramFromEnv(
  env: NodeJS.ProcessEnv,
  deps: { store: Store; log: (l: string) => void; botName: string; parts: PlatformContext['parts']; clock?: Clock },
): Promise<TelegramAdapter | undefined> {
  const options = telegramOptionsFromEnv(env);
  if (!options) return undefined;
  if (options.webhook && !env.TELEGRAM_WEBHOOK_SECRET?.trim()) deps.log('telegram: TELEGRAM_WEBHOOK_SECRET is not set; using a random secret for this run');
  const { parts, ...rest } = deps;
  return new TelegramAdapter({ ...options, ...rest, parts: parts({ outbox: TELEGRAM_OUTBOX, guard: TELEGRAM_GUARD }) });
}

/** Telegram's limits (../shared/notes/platforms.md): about 1 message a second per chat, 20 a minute to a group, 30/s overall. */
// 20 messages a minute to a group: answers waiting for one group go as one message (issue 16 §6).
export const TELEGRAM_OUTBOX = { maxLength: TELEGRAM_MAX_TEXT, perChatIntervalMs: 1000, overallIntervalMs: 35, perChatPerMinute: 20, mergeWaiting: true };

/** Updates older than this when they arrive are dropped: after an outage their times mislead. */
export const TELEGRAM_GUARD = { maxAgeMs: 30 * 60_000 };

/** The adapter options the environment gives, without the store and log (pure; tested on its own). */
export function telegramOptionsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<TelegramAdapterOptions, 'token' | 'apiRoot' | 'webhook'> | undefined {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return undefined;
  const problems: string[] = [];
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(token)) problems.push('TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters; from @BotFather)');
  const apiRoot = env.TELEGRAM_API_ROOT?.trim() || undefined;
  if (apiRoot && !isHttpUrl(apiRoot)) problems.push(`TELEGRAM_API_ROOT "${apiRoot}" is not an http(s) URL`);
  let webhook: TelegramWebhookOptions | undefined;
  const url = env.TELEGRAM_WEBHOOK_URL?.trim();
  if (url) {
    if (!isHttpUrl(url)) problems.push(`TELEGRAM_WEBHOOK_URL "${url}" is not a URL (Telegram needs https://host[:443|80|88|8443]/path)`);
    const secretToken = env.TELEGRAM_WEBHOOK_SECRET?.trim() || randomBytes(24).toString('base64url');
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) problems.push('TELEGRAM_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - (1 to 256 characters)');
    const portText = env.TELEGRAM_WEBHOOK_PORT?.trim() || '8443';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`TELEGRAM_WEBHOOK_PORT "${portText}" is not a port number`);
    const path = env.TELEGRAM_WEBHOOK_PATH?.trim() || undefined;
    if (path && !path.startsWith('/')) problems.push(`TELEGRAM_WEBHOOK_PATH "${path}" must start with /`);
    const host = env.TELEGRAM_WEBHOOK_HOST?.trim() || undefined;
    webhook = { url, secretToken, port, ...(path && { path }), ...(host && { host }) };
  } else {
    for (const name of ['TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_WEBHOOK_PORT', 'TELEGRAM_WEBHOOK_PATH', 'TELEGRAM_WEBHOOK_HOST']) {
      if (env[name]?.trim()) problems.push(`${name} is set but TELEGRAM_WEBHOOK_URL is not (without it the bot uses long polling)`);
    }
  }
  if (problems.length > 0) throw new TelegramStartupError(`telegram configuration:\n  ${problems.join('\n  ')}`);
  return { token, ...(apiRoot && { apiRoot }), ...(webhook && { webhook }) };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
