import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { projectPath } from '../src/paths.ts';

/**
 * glibc keeps memory freed at the top of its heap up to a threshold it raises by itself after large blocks (to
 * 64 MB); a bot that runs for months pays for that in every process (issue 23: ~290 MB resident after 10,000
 * messages holding ~32 MB of live JavaScript objects). glibc's initial 128 KiB, fixed, gives it back.
 */
export const TRIM_THRESHOLD_BYTES = 128 * 1024;

const ADDON = projectPath('native/malloc-tune/build/Release/malloc_tune.node');

/**
 * Fix glibc's trim threshold, through native/malloc-tune (built by `npm install`). Returns whether it was set: false
 * where the addon was not built or the C library is not glibc; nothing else changes then.
 */
export function tuneMalloc(bytes: number = TRIM_THRESHOLD_BYTES): boolean {
  if (!existsSync(ADDON)) return false;
  try {
    const addon = createRequire(import.meta.url)(ADDON) as { setTrimThreshold(bytes: number): boolean };
    return addon.setTrimThreshold(bytes);
  } catch {
    return false;
  }
}
