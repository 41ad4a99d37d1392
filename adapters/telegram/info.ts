import type { PlatformInfo } from '../../src/platform/module.ts';

/** Telegram as the registry names it. Kept apart from index.ts so the adapter can use it without an import cycle. */
export const TELEGRAM: PlatformInfo = {
  id: 'telegram',
  displayName: 'Telegram',
  capabilities: { buttons: true, mentions: true, images: true },
};
