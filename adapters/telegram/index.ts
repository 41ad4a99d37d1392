import type { PlatformModule } from '../../src/platform/module.ts';
import { doctorTelegram } from './doctor.ts';
import { TELEGRAM } from './info.ts';

/** Telegram as a platform module (registered in app/platforms.ts). Telegraf is loaded only when a token is set. */
export const telegram: PlatformModule = {
  ...TELEGRAM,
  enabledBy: 'TELEGRAM_BOT_TOKEN',
  sdkPackages: ['telegraf'],
  // Managers hear other platforms' outages in Telegram's managers' chat (issue 8).
  carriesAlerts: true,
  async fromEnv(env, context) {
    const { telegramFromEnv } = await import('./from-env.ts');
    return telegramFromEnv(env, { store: context.store, log: context.log, botName: context.config.botName, parts: context.parts, clock: context.clock });
  },
  doctor: doctorTelegram,
};
