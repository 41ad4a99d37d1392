import { createRequire } from 'node:module';
import type { RestartPacer } from './restart-pacer.ts';

/**
 * wechaty-puppet-wechat4u restarts itself: when a login attempt fails, wechat4u calls `stop()`, which emits `logout`,
 * whose handler in the puppet calls `start()` again at once. Without network that is a tight loop (measured here:
 * ~90 attempts a second, 2/3 of a core, against a proxy on 127.0.0.1 that refuses). Neither package has an option
 * for it, so the one method the loop goes through, `Wechat4u.prototype.start`, is routed through a RestartPacer.
 *
 * The class is the one the puppet imports (resolved from the puppet's own location), patched once per process; the
 * pacer in use can be replaced (a test, a second adapter) and `undefined` restores unpaced starts.
 */
interface Wechat4uClass {
  prototype: { start: (this: unknown) => unknown };
}

let current: RestartPacer | undefined;
let patched = false;

export function paceWechat4uRestarts(pacer: RestartPacer | undefined): void {
  current = pacer;
  if (patched) return;
  const require = createRequire(import.meta.url);
  const puppetEntry = require.resolve('wechaty-puppet-wechat4u');
  const Wechat4u = createRequire(puppetEntry)('wechat4u') as Wechat4uClass;
  const original = Wechat4u.prototype.start;
  Wechat4u.prototype.start = function pacedStart(this: unknown) {
    const pacer = current;
    if (!pacer) return original.call(this);
    // The puppet never awaits start(); a start after stop() (onStop emits logout too) is dropped by a closed pacer.
    pacer.request(() => void original.call(this), 'wechat4u login attempt failed');
    return undefined;
  };
  patched = true;
}

/**
 * The puppet's `onStop` calls `wechat4u.stop()`, which emits `logout`; the puppet's handler then calls
 * `this.wechat4u.start()` after `onStop` has set `this.wechat4u` to undefined: an unhandled rejection (a TypeError) on
 * every stop. Removing that handler just before stopping is what a stop means anyway: no new login.
 */
export function detachWechat4uSelfRestart(puppet: unknown): void {
  const client = (puppet as { wechat4u?: { removeAllListeners?: (event: string) => void } }).wechat4u;
  client?.removeAllListeners?.('logout');
}
