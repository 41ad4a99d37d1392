import { SendError } from '../../src/outbox/outbox.ts';

/**
 * Telegram failures in the outbox's terms and in words an operator can act on. Never prints the token: Telegraf
 * already redacts it from network errors, and these messages never include it.
 */

interface TelegramLikeError {
  name?: string;
  message: string;
  code?: number | string;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  response?: { error_code?: number; description?: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };
}

function apiCode(error: TelegramLikeError): number | undefined {
  const code = error.response?.error_code ?? error.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * 429 → retry after `retry_after`; 403 (blocked, kicked) and 400 (chat not found, bad request) → permanent, since
 * retrying cannot help; 401 (token revoked) → retried slowly, since it is not the message's fault and dropping every
 * notification would lose them; network errors and 5xx → retried with backoff.
 */
export function toSendError(error: unknown, chatId: string): SendError {
  const e = error as TelegramLikeError;
  const code = apiCode(e);
  const description = e.response?.description ?? e.description ?? e.message;
  const parameters = e.response?.parameters ?? e.parameters;
  if (code === 429) return new SendError(`429 too many requests: ${description}`, { retryAfterMs: Math.max(1, parameters?.retry_after ?? 5) * 1000 });
  if (code === 400 && parameters?.migrate_to_chat_id !== undefined) {
    return new SendError(
      `chat ${chatId} became supergroup ${parameters.migrate_to_chat_id}: change its id in the config to "${parameters.migrate_to_chat_id}"`,
      { permanent: true },
    );
  }
  if (code === 403 || code === 400) return new SendError(`${code}: ${description}`, { permanent: true });
  if (code === 401) return new SendError(`401 unauthorized: the bot token was revoked or changed`, { retryAfterMs: 60_000 });
  return new SendError(code !== undefined ? `${code}: ${description}` : `network: ${e.message}`);
}

/** The start-up failure of getMe as one clear sentence: bad token, or a server that cannot be reached. */
export function describeStartupError(error: unknown, apiRoot: string): string {
  const e = error as TelegramLikeError;
  const code = apiCode(e);
  if (code === 401 || code === 404) {
    return `Telegram refused TELEGRAM_BOT_TOKEN at ${apiRoot} (${code} ${e.response?.description ?? e.description ?? ''}): copy the token again from @BotFather (/mybots → API Token)`.replace(' )', ')');
  }
  if (code !== undefined) return `Telegram Bot API at ${apiRoot} answered getMe with ${code}: ${e.response?.description ?? e.description ?? e.message}`;
  const reason = e.name === 'TimeoutError' ? e.message : `${String(e.code ?? e.name ?? 'error')}: ${e.message}`;
  return `cannot reach the Telegram Bot API at ${apiRoot} (${reason}): check the network, a proxy, or TELEGRAM_API_ROOT`;
}
