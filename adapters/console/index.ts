import type { PlatformModule } from '../../src/platform/module.ts';
import { ConsoleAdapter } from './console-adapter.ts';

/**
 * The terminal as a platform (registered in app/platforms.ts): used when no other platform is enabled, so
 * `huiyin start` without tokens shows the whole product. It prints at once, so it needs no outbox or guard.
 */
export const consolePlatform: PlatformModule = {
  id: 'console',
  displayName: '控制台',
  capabilities: { buttons: false, mentions: false, images: false },
  fallback: true,
  async fromEnv(_env, context) {
    return new ConsoleAdapter({
      config: context.config,
      clock: context.clock,
      input: process.stdin,
      output: process.stdout,
      mode: process.stdin.isTTY ? 'interactive' : 'script',
    });
  },
};
