import type { PlatformModule } from '../../src/platform/module.ts';
import { doctorWechat } from './doctor.ts';
import { WECHAT } from './info.ts';

/** WeChat as a platform module (registered in app/platforms.ts). Wechaty is loaded only when a puppet is named. */
export const wechat: PlatformModule = {
  ...WECHAT,
  enabledBy: 'WECHATY_PUPPET',
  // Wechaty, the puppets it can load (WECHATY_PUPPET names any), and its file wrapper.
  sdkPackages: ['wechaty', 'wechaty-puppet', 'wechaty-puppet-service', 'wechaty-puppet-wechat4u', 'wechaty-puppet-mock', 'wechaty-puppet-padlocal', 'wechat4u', 'file-box'],
  async fromEnv(env, context) {
    const { wechatFromEnv } = await import('./from-env.ts');
    return wechatFromEnv(env, { store: context.store, log: context.log, config: context.config, onOffline: context.alert, parts: context.parts });
  },
  doctor: doctorWechat,
};
