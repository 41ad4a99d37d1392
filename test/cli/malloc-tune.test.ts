import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tuneMalloc } from '../../app/memory.ts';
import { projectPath } from '../../src/paths.ts';

// Issue 23: `huiyin start` fixes glibc's trim threshold through native/malloc-tune, which `npm install` builds
// (`npm run bench:start` prints what it saves: resident memory after 10,000 messages). Where the C library is glibc
// the addon must be there and take the setting; a missing build would silently cost ~45 MB per bot process.
const glibc = (process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header.glibcVersionRuntime;

describe('glibc trim threshold at start', () => {
  it.skipIf(!glibc)(`is set on this glibc ${glibc ?? ''} machine`, () => {
    expect(tuneMalloc()).toBe(true);
  });

  it.skipIf(!glibc)('refuses anything but a number of bytes', () => {
    const addon = createRequire(import.meta.url)(projectPath('native/malloc-tune/build/Release/malloc_tune.node')) as { setTrimThreshold(v: unknown): boolean };
    expect(() => addon.setTrimThreshold('128k')).toThrow(/setTrimThreshold\(bytes\)/);
  });
});
