import type { PlatformInfo } from '../../src/platform/module.ts';

/** WeChat as the registry names it. Kept apart from index.ts so the adapter can use it without an import cycle. */
export const WECHAT: PlatformInfo = {
  id: 'wechat',
  displayName: '微信',
  // No buttons in WeChat: quick replies become a typed line; mentions are real (room.say with a contact).
  capabilities: { buttons: false, mentions: true, images: true },
};
