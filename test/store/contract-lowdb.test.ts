/** The Store contract (contract.ts) on the lowdb store: a fresh data directory per test. */
import { describe } from 'vitest';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { storeContract } from './contract.ts';
import { tempDir } from './helpers.ts';

let place: { dir: string; cleanup: () => Promise<void> } | undefined;

describe('Store contract: lowdb', () => {
  storeContract({
    fresh: async () => {
      place = await tempDir();
    },
    open: () => openLowdbStore({ dataDir: place!.dir, log: () => undefined }),
    cleanup: async () => {
      await place?.cleanup();
    },
  });
});
