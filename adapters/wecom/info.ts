import type { PlatformInfo } from '../../src/platform/module.ts';

/** WeCom as the registry names it. Kept apart from index.ts so the adapter can use it without an import cycle. */
export const WECOM: PlatformInfo = {
  id: 'wecom',
  displayName: '企业微信',
  // Quick replies become template-card buttons; the long connection can send no real @-mention.
  capabilities: { buttons: true, mentions: false, images: true },
};
