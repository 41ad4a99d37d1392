import { join } from 'node:path';
import { ConfigError } from '../../src/config/load.ts';
import type { PlatformContext } from '../../src/platform/module.ts';
import type { WecomAdapter } from './wecom-adapter.ts';

/**
 * WeCom's send pace. The AI bot's push limit is not published; the group robot's documented limit is 20 messages a
 * minute per robot, so sends stay under that per chat, at most one a second per chat and five a second overall.
 * Markdown content is limited to 4096 bytes (UTF-8): 1300 characters of Chinese (3 bytes each) stay under it.
 */
export const WECOM_OUTBOX = { maxLength: 1300, perChatIntervalMs: 1000, overallIntervalMs: 200, perChatPerMinute: 20, retryBaseMs: 2000 };

/** Messages older than this when they arrive are dropped, as on the other platforms. */
export const WECOM_GUARD = { maxAgeMs: 30 * 60_000 };

export interface WecomSettings {
  botId: string;
  secret: string;
  wsUrl?: string;
  /** The bot's name as people @ it in groups (WECOM_BOT_NAME), besides the config's botName. */
  botName?: string;
  reconnectBaseMs: number;
  saveFiles: boolean;
}

/**
 * The WeCom settings the environment gives, or undefined when neither WECOM_BOT_ID nor WECOM_BOT_SECRET is set (pure;
 * tested on its own). docs/wecom.md says where each comes from.
 *   WECOM_BOT_ID, WECOM_BOT_SECRET   the AI bot's long-connection credentials (admin console → 智能机器人 → API 模式 → 长连接)
 *   WECOM_WS_URL                     another long-connection address (privately deployed WeCom; tests)
 *   WECOM_BOT_NAME                   the bot's name in WeCom, as typed after "@" in groups (default: the config's botName)
 *   WECOM_RECONNECT_MS               the first reconnect delay, doubled up to 30 s (default 1000)
 *   WECOM_SAVE_FILES                 default on; 0 keeps photos and files people send out of <dataDir>/attachments/wecom/
 */
export function wecomSettingsFromEnv(env: NodeJS.ProcessEnv): WecomSettings | undefined {
  const botId = env.WECOM_BOT_ID?.trim();
  const secret = env.WECOM_BOT_SECRET?.trim();
  if (!botId && !secret) return undefined;
  const problems: string[] = [];
  if (!botId) problems.push('WECOM_BOT_ID: required with WECOM_BOT_SECRET (the Bot ID on the bot\'s API settings page)');
  if (!secret) problems.push('WECOM_BOT_SECRET: required with WECOM_BOT_ID (the long-connection Secret on the bot\'s API settings page)');
  const wsUrl = env.WECOM_WS_URL?.trim() || undefined;
  if (wsUrl && !/^wss?:\/\/[^\s/]+/.test(wsUrl)) problems.push(`WECOM_WS_URL: "${wsUrl}" is not a ws:// or wss:// address`);
  const reconnectText = env.WECOM_RECONNECT_MS?.trim();
  const reconnectBaseMs = reconnectText ? Number(reconnectText) : 1000;
  if (!Number.isFinite(reconnectBaseMs) || reconnectBaseMs < 10) problems.push(`WECOM_RECONNECT_MS: "${reconnectText}" is not a number ≥ 10`);
  if (problems.length > 0) throw new ConfigError('environment', problems);
  const botName = env.WECOM_BOT_NAME?.trim() || undefined;
  return { botId: botId!, secret: secret!, ...(wsUrl && { wsUrl }), ...(botName && { botName }), reconnectBaseMs, saveFiles: env.WECOM_SAVE_FILES?.trim() !== '0' };
}

/** The WeCom adapter as the environment asks for it, or undefined when WeCom is not enabled there. */
export async function wecomFromEnv(env: NodeJS.ProcessEnv, context: PlatformContext): Promise<WecomAdapter | undefined> {
  const settings = wecomSettingsFromEnv(env);
  if (!settings) return undefined;
  const { WecomAdapter } = await import('./wecom-adapter.ts');
  const { config } = context;
  return new WecomAdapter({
    botId: settings.botId,
    secret: settings.secret,
    ...(settings.wsUrl && { wsUrl: settings.wsUrl }),
    botNames: [...new Set([settings.botName, config.botName].filter((n): n is string => Boolean(n)))],
    store: context.store,
    parts: context.parts({ outbox: WECOM_OUTBOX, guard: WECOM_GUARD }),
    log: context.log,
    alert: context.alert,
    clock: context.clock,
    timezone: config.timezone,
    reconnectBaseMs: settings.reconnectBaseMs,
    ...(settings.saveFiles && { attachmentsDir: join(config.dataDir, 'attachments', 'wecom') }),
  });
}
