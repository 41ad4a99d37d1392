/** `huiyin doctor`'s WeCom check: the credentials, by signing in over the long connection once. */
import type { Finding } from '../../src/platform/module.ts';
import { wecomSettingsFromEnv } from './from-env.ts';

const ok = (check: string, detail: string): Finding => ({ ok: true, check, detail });
const problem = (check: string, detail: string, fix: string): Finding => ({ ok: false, check, detail, fix });

const DEFAULT_WS_URL = 'wss://openws.work.weixin.qq.com';

/** The WeCom line of `huiyin doctor`, or undefined when neither WECOM_BOT_ID nor WECOM_BOT_SECRET is set. */
export async function doctorWecom(env: NodeJS.ProcessEnv, timeoutMs = 10_000): Promise<Finding | undefined> {
  let settings;
  try {
    settings = wecomSettingsFromEnv(env);
  } catch (error) {
    return problem('wecom', (error as Error).message, 'set both WECOM_BOT_ID and WECOM_BOT_SECRET (docs/wecom.md)');
  }
  if (!settings) return undefined;
  return checkWecom(settings.botId, settings.secret, settings.wsUrl, timeoutMs);
}

/**
 * Signs in once with the real SDK and disconnects. The secret never appears in what we print. Note that WeCom keeps
 * one connection per bot: checking while the bot runs elsewhere makes WeCom close that other connection, so the
 * running bot logs it and stops.
 */
export async function checkWecom(botId: string, secret: string, wsUrl: string | undefined, timeoutMs: number): Promise<Finding> {
  const { WSClient } = await import('@wecom/aibot-node-sdk');
  const where = wsUrl ?? DEFAULT_WS_URL;
  const client = new WSClient({
    botId,
    secret,
    ...(wsUrl && { wsUrl }),
    reconnectInterval: 500,
    maxReconnectAttempts: 2,
    maxAuthFailureAttempts: 0,
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  const outcome = await new Promise<{ ok: true } | { ok: false; refused: boolean; reason: string }>((resolve) => {
    let lastError = '';
    const timer = setTimeout(() => resolve({ ok: false, refused: false, reason: lastError || `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    client.on('authenticated', () => {
      clearTimeout(timer);
      resolve({ ok: true });
    });
    client.on('error', (error: Error) => {
      if (/Authentication failed/.test(error.message)) {
        clearTimeout(timer);
        resolve({ ok: false, refused: true, reason: error.message.replace(/^Authentication failed: /, '') });
      } else lastError = (error as Error & { code?: string }).code ?? error.message;
    });
    client.connect();
  });
  client.removeAllListeners();
  client.disconnect();
  if (outcome.ok) return ok('wecom', `bot ${botId} signed in at ${where}`);
  if (outcome.refused) return problem('wecom', `WeCom at ${where} refused bot ${botId}: ${outcome.reason}`, "copy the Bot ID and Secret again from the bot's API settings (长连接) in the WeCom admin console");
  return problem('wecom', `cannot reach WeCom at ${where}: ${outcome.reason}`, 'check the network or proxy to openws.work.weixin.qq.com, or WECOM_WS_URL');
}
