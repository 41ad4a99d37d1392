import { join } from 'node:path';
import type { OfficialPuppetNpmName } from 'wechaty';
import type { AlertImage } from '../../src/alerts/offline-alert.ts';
import { ConfigError, type ResolvedConfig } from '../../src/config/load.ts';
import type { PlatformContext } from '../../src/platform/module.ts';
import type { Store } from '../../src/store/store.ts';
import type { WechatAdapter } from './wechat-adapter.ts';

export interface WechatFromEnvDeps {
  store: Store;
  log: (line: string) => void;
  config: ResolvedConfig;
  /** Tells managers through another channel (see src/alerts/offline-alert.ts: webhook and/or Telegram). */
  onOffline: (text: string, image?: AlertImage) => Promise<void>;
  /** Builds WeChat's outbox and inbound guard (the composition root's). */
  parts: PlatformContext['parts'];
}

/** WeChat's send pace and split length by default (risk control; ../shared/notes/platforms.md). */
// 12 tries back off over ~9 min: longer than the adapter's grace for groups still loading after a login (roomGraceMs).
export const WECHAT_OUTBOX = { maxLength: 1800, perChatIntervalMs: 2000, overallIntervalMs: 1000, retryBaseMs: 2000, maxAttempts: 12 };

/** Messages older than this, or sent before the current login, are dropped. */
export const WECHAT_MAX_AGE_MS = 120_000;

/**
 * The WeChat adapter as the environment asks for it, or undefined when `WECHATY_PUPPET` is unset.
 *
 * - `WECHATY_PUPPET`: the puppet package, e.g. `wechaty-puppet-wechat4u` (free, web protocol) or
 *   `wechaty-puppet-service` with `WECHATY_PUPPET_SERVICE_TOKEN` (a paid protocol behind a token). Other puppets read
 *   their own variables (e.g. `WECHATY_PUPPET_PADLOCAL_TOKEN`).
 * - `WECHAT_SEND_INTERVAL_MS` (default 1000), `WECHAT_CHAT_INTERVAL_MS` (2000), `WECHAT_SEND_JITTER_MS` (800),
 *   `WECHAT_MAX_LENGTH` (1800): the send pace and split length, for WeChat's risk control.
 * - `WECHAT_MAX_AGE_SECONDS` (120): older messages are dropped.
 * - `WECHAT_SAVE_IMAGES` (default on; `0` turns it off): photos saved under `<dataDir>/attachments/wechat/`.
 * - `WECHAT_SET_REMARKS` (default on; `0` turns it off): remark names given so people are recognised after a re-login.
 * - `WECHAT_QR_ALERT_SECONDS` (60, at least 10): a changed login QR code goes to managers at most this often.
 * The login session is kept in `<dataDir>/wechat-session.memory-card.json` (secret: it can log in as the bot), so a
 * restart does not need a new scan where the puppet supports it.
 *
 * Wechaty is loaded only here, when WeChat is enabled: importing it costs about 1.5 s.
 */
export async function wechatFromEnv(env: NodeJS.ProcessEnv, deps: WechatFromEnvDeps): Promise<WechatAdapter | undefined> {
  const puppet = env.WECHATY_PUPPET?.trim();
  if (!puppet) return undefined;
  const problems: string[] = [];
  const number = (name: string, fallback: number, min: number): number => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) {
      problems.push(`${name}: "${raw}" is not a number ≥ ${min}`);
      return fallback;
    }
    return value;
  };
  const overallIntervalMs = number('WECHAT_SEND_INTERVAL_MS', 1000, 0);
  const perChatIntervalMs = number('WECHAT_CHAT_INTERVAL_MS', 2000, 0);
  const jitterMs = number('WECHAT_SEND_JITTER_MS', 800, 0);
  const maxLength = number('WECHAT_MAX_LENGTH', 1800, 100);
  const maxAgeMs = number('WECHAT_MAX_AGE_SECONDS', 120, 10) * 1000;
  if (puppet === 'wechaty-puppet-service' && !env.WECHATY_PUPPET_SERVICE_TOKEN) {
    problems.push('WECHATY_PUPPET_SERVICE_TOKEN: required with WECHATY_PUPPET=wechaty-puppet-service (the token from your puppet service provider)');
  }
  if (overallIntervalMs < 1000) deps.log(`wechat: WECHAT_SEND_INTERVAL_MS=${overallIntervalMs} is under 1 s: WeChat may limit or ban the account`);
  try {
    await import(puppet);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
        ? `WECHATY_PUPPET: "${puppet}" is not installed (npm install ${puppet})`
        : `WECHATY_PUPPET: "${puppet}" cannot be loaded: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (problems.length > 0) throw new ConfigError('environment', problems);

  const restartBaseMs = number('WECHAT_RESTART_BASE_MS', 5_000, 100);
  const maxStartAttempts = number('WECHAT_MAX_START_ATTEMPTS', 30, 1);
  const qrAlertSeconds = number('WECHAT_QR_ALERT_SECONDS', 60, 10);
  if (problems.length > 0) throw new ConfigError('environment', problems);

  const [{ WechatyBuilder }, { WechatAdapter }] = await Promise.all([import('wechaty'), import('./wechat-adapter.ts')]);
  const sessionName = join(deps.config.dataDir, 'wechat-session');
  const wechaty = WechatyBuilder.build({
    // An absolute name puts the login session (memory card) in the data directory instead of the working directory.
    name: sessionName,
    puppet: puppet as OfficialPuppetNpmName,
    ...(env.WECHATY_PUPPET_SERVICE_TOKEN && { puppetOptions: { token: env.WECHATY_PUPPET_SERVICE_TOKEN } }),
  });
  deps.log(`wechat: puppet ${puppet}; sends ≥ ${overallIntervalMs} ms apart (≥ ${perChatIntervalMs} ms per chat)`);
  const wechat4u = puppet === 'wechaty-puppet-wechat4u' ? await import('./wechat4u-pacing.ts') : undefined;
  const adapter = new WechatAdapter({
    wechaty,
    ...(wechat4u && { beforePuppetStop: (bot: typeof wechaty) => wechat4u.detachWechat4uSelfRestart(bot.puppet) }),
    sessionFile: `${sessionName}.memory-card.json`,
    restartBaseMs,
    maxStartAttempts,
    qrAlertIntervalMs: qrAlertSeconds * 1000,
    store: deps.store,
    config: deps.config,
    log: deps.log,
    onOffline: deps.onOffline,
    parts: deps.parts({ outbox: { ...WECHAT_OUTBOX, overallIntervalMs, perChatIntervalMs, maxLength }, guard: { maxAgeMs } }),
    jitterMs,
    ...(env.WECHAT_SAVE_IMAGES !== '0' && { attachmentsDir: join(deps.config.dataDir, 'attachments', 'wechat') }),
    ...(env.WECHAT_SET_REMARKS === '0' && { setRemarks: false }),
  });
  wechat4u?.paceWechat4uRestarts(adapter.restarts);
  return adapter;
}
