import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerModule } from '../../src/store/partition-scan.ts';

// Starting tsx in every start-up thread cost ~370 ms of a 100k-ticket cold start (issue 17, item 5).
describe('which module the start-up threads run', () => {
  it('from the sources, the compiled worker when build/ is fresh', async () => {
    const { url, source } = await workerModule(async () => () => '/checkout/build/app/main.js');
    expect(source).toBe(false);
    expect(url.pathname).toMatch(/\/build\/src\/store\/partition-worker\.js$/);
  });

  it('the sources through tsx when build/ is stale, missing or its state unreadable', async () => {
    for (const fresh of [async () => () => undefined, async () => Promise.reject(new Error('no bin/'))]) {
      const { url, source } = await workerModule(fresh);
      expect(source).toBe(true);
      expect(url.pathname).toMatch(/\/src\/store\/partition-worker\.ts$/);
    }
  });
});

// zod and the domain's schemas took ~150–250 ms of CPU in each start-up thread before it read a file (issue 17, item 5).
describe('what a start-up thread loads', () => {
  /** The modules a file imports at load (not `import type`, not `await import(...)`), followed through relative paths. */
  function loadedBy(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, what, spec] of source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)';/gms)) {
      if (what) continue;
      if (spec!.startsWith('.')) loadedBy(resolve(dirname(file), spec!), seen);
      else seen.add(spec!);
    }
    return seen;
  }

  it('no zod, lowdb or other package: only node built-ins and its own few modules', () => {
    const worker = fileURLToPath(new URL('../../src/store/partition-worker.ts', import.meta.url));
    const loaded = [...loadedBy(worker)];
    expect(loaded.filter((m) => !m.startsWith('/') && !m.startsWith('node:'))).toEqual([]);
    expect(loaded.map((m) => m.replace(/^.*\/src\//, ''))).not.toContain('store/partitions.ts');
    expect(loaded.length).toBeLessThan(15);
  });
});
