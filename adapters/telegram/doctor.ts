/** `huiyin doctor`'s Telegram check: the token against getMe, and privacy mode (moved from src/cli/doctor.ts). */
import type { Finding } from '../../src/platform/module.ts';

const ok = (check: string, detail: string): Finding => ({ ok: true, check, detail });
const problem = (check: string, detail: string, fix: string): Finding => ({ ok: false, check, detail, fix });

const TELEGRAM_TIMEOUT_MS = 5_000;

/** The Telegram line of `huiyin doctor`, or undefined when TELEGRAM_BOT_TOKEN is unset. */
export async function doctorTelegram(env: NodeJS.ProcessEnv): Promise<Finding | undefined> {
  const token = env.TELEGRAM_BOT_TOKEN?.trim();
  if (!token) return undefined;
  return checkTelegram(token, env.TELEGRAM_API_ROOT?.trim() || 'https://api.telegram.org');
}

export async function checkTelegram(token: string, apiRoot: string): Promise<Finding> {
  const root = apiRoot.replace(/\/+$/, '');
  // The token never appears in what we print: it is a password.
  try {
    const res = await fetch(`${root}/bot${token}/getMe`, { signal: AbortSignal.timeout(TELEGRAM_TIMEOUT_MS) });
    const body = (await res.json().catch(() => ({}))) as { ok?: boolean; result?: { username?: string; can_read_all_group_messages?: boolean }; description?: string };
    if (res.status === 401 || res.status === 404) {
      return problem('telegram', `${root} rejected the token (${res.status} ${body.description ?? ''})`.trim(), 'copy the token again from @BotFather into TELEGRAM_BOT_TOKEN');
    }
    if (!res.ok || !body.ok || !body.result) {
      return problem('telegram', `getMe at ${root} answered ${res.status} ${body.description ?? ''}`.trim(), 'check TELEGRAM_API_ROOT and try again later');
    }
    if (body.result.can_read_all_group_messages === false) {
      return problem('telegram', `signed in as @${body.result.username}, but privacy mode is on: the bot sees only commands in groups`, 'in @BotFather: /setprivacy → Disable, then remove and re-add the bot to its groups');
    }
    return ok('telegram', `signed in as @${body.result.username} at ${root}`);
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${TELEGRAM_TIMEOUT_MS / 1000} s` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    return problem('telegram', `cannot reach ${root}: ${reason}`, 'check the network (or proxy) to the Bot API, or set TELEGRAM_API_ROOT to a reachable Bot API server');
  }
}
