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
