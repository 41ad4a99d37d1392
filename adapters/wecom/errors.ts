import { SendError } from '../../src/outbox/outbox.ts';

/**
 * WeCom failures in the outbox's terms. The SDK rejects a send with an Error when the socket is down or no
 * acknowledgement came within 5 s, and with the acknowledgement frame itself ({ errcode, errmsg }) when WeCom refused.
 *
 * - 45009 (API frequency over the limit, WeCom's global error code): wait a minute and retry.
 * - other 4xxxx and 9xxxx codes are about the request (bad chat id, content too long, no permission): retrying the same
 *   message cannot help, so it is reported and dropped (the outbox logs it, nothing is silently lost).
 * - anything else (socket down, acknowledgement timeout, 5xx-like system errors such as -1): retried with backoff.
 */
export function toSendError(error: unknown, chatId: string): SendError {
  if (error instanceof Error) return new SendError(`wecom: ${error.message}`);
  const frame = error as { errcode?: unknown; errmsg?: unknown };
  const code = typeof frame?.errcode === 'number' ? frame.errcode : undefined;
  const text = `wecom refused the message to ${chatId}: errcode ${code ?? '?'} ${typeof frame?.errmsg === 'string' ? frame.errmsg : ''}`.trim();
  if (code === 45009) return new SendError(text, { retryAfterMs: 60_000 });
  if (code !== undefined && code >= 40000) return new SendError(text, { permanent: true });
  return new SendError(text);
}
