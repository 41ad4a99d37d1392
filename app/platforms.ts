import { consolePlatform } from '../adapters/console/index.ts';
import { telegram } from '../adapters/telegram/index.ts';
import { wechat } from '../adapters/wechat/index.ts';
import { wecom } from '../adapters/wecom/index.ts';
import { PHONE } from '../src/domain/people.ts';
import type { PlatformModule } from '../src/platform/module.ts';

/**
 * The platform registry: one line per platform. The config's `platform` values, `huiyin doctor`, the offline alerts
 * and the digest's offline summary all read this list; adding a platform is a folder under adapters/ and a line here.
 * Order matters once: a platform that carries alerts is opened before the ones whose outages it reports.
 */
export const PLATFORMS: readonly PlatformModule[] = [
  telegram,
  wechat,
  wecom,
  consolePlatform,
];

/** The ids the config may name, and 'phone' for requests logged from a call (policy 3.2), which has no adapter. */
export const PLATFORM_IDS: readonly string[] = [...PLATFORMS.map((p) => p.id), PHONE];
