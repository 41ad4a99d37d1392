import type { PlatformModule } from '../../src/platform/module.ts';
import { doctorWecom } from './doctor.ts';
import { WECOM } from './info.ts';

/** WeCom as a platform module (registered in app/platforms.ts). The SDK is loaded only when the bot id is set. */
export const wecom: PlatformModule = {
  ...WECOM,
  enabledBy: 'WECOM_BOT_ID',
  // The managers' chat may be a WeCom group: other platforms' outages are told there too (issue 19).
  carriesAlerts: true,
  async fromEnv(env, context) {
    const { wecomFromEnv } = await import('./from-env.ts');
    return wecomFromEnv(env, context);
  },
  doctor: (env) => doctorWecom(env),
};
