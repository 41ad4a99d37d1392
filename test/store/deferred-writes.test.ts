/**
 * Deferred writes (store.ts WriteOptions, issue 17 item 5): a write whose loss in a crash is harmless resolves once it
 * is in memory, with no flush of its own; it goes to disk ahead of the next durable write's changes, in the same
 * journal entry, or at the next checkpoint (or close). Durable writes are unchanged.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DurableIo, nodeIo } from '../../src/store/durable-file.ts';
import { appendAndSync } from '../../src/store/journal.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
let store: Store | undefined;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => {
  await store?.close().catch(() => undefined);
  store = undefined;
  await cleanup();
});

/** The journal entries flushed (their text), through the store's io seam. */
function countingIo(appended: string[]): DurableIo {
  return {
    ...nodeIo,
    async appendAndSync(handle, bytes, at, alone) {
      await appendAndSync(handle, bytes, at, alone);
      if (bytes.some((b) => b !== 0)) appended.push(Buffer.from(bytes).toString('utf8'));
    },
  };
}

/** What a crash now would leave: the store reopened from a copy of the journal alone (the files never written). */
async function afterCrash(): Promise<Array<[string, unknown]>> {
  const journal = await readFile(join(dir, 'journal.log'));
  const copy = await tempDir();
  try {
    await mkdir(join(copy.dir, 'records'), { recursive: true });
    await writeFile(join(copy.dir, 'journal.log'), journal);
    const replayed = await openLowdbStore({ dataDir: copy.dir, log: () => undefined });
    const records = await replayed.listRecords('offers');
    await replayed.close();
    return records;
  } finally {
    await copy.cleanup();
  }
}

describe('deferred writes', () => {
  it('cost no flush, and go to disk ahead of the next durable write, in its entry', async () => {
    const appended: string[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: countingIo(appended), checkpointMs: 60_000 });
    await store.putRecord('offers', 'kept', 1);
    expect(appended).toHaveLength(1);

    await store.putRecord('offers', 'cooldown', 2, { deferred: true });
    await store.deleteRecord('offers', 'kept', { deferred: true });
    // In memory at once, on disk not yet: a crash now loses them (which is what deferred allows).
    expect(await store.listRecords('offers')).toEqual([['cooldown', 2]]);
    expect(appended).toHaveLength(1);
    expect(await afterCrash()).toEqual([['kept', 1]]);

    // The next durable write carries them, first, in its one entry.
    await store.putRecord('offers', 'acknowledged', 3);
    expect(appended).toHaveLength(2);
    expect(appended[1]!.indexOf('cooldown')).toBeLessThan(appended[1]!.indexOf('acknowledged'));
    expect(await afterCrash()).toEqual([['cooldown', 2], ['acknowledged', 3]]);

    // Carried once: the entry after that holds only its own change.
    await store.putRecord('offers', 'later', 4);
    expect(appended[2]).not.toContain('cooldown');
  });

  it('with a durable write in the same batch, are flushed with it', async () => {
    const appended: string[] = [];
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, io: countingIo(appended), checkpointMs: 60_000 });
    await Promise.all([store.putRecord('offers', 'a', 1, { deferred: true }), store.putRecord('offers', 'b', 2)]);
    expect(appended).toHaveLength(1);
    expect(await afterCrash()).toEqual([['a', 1], ['b', 2]]);
  });

  it('are on disk after a checkpoint and after close', async () => {
    store = await openLowdbStore({ dataDir: dir, log: () => undefined, checkpointMs: 20 });
    await store.putRecord('offers', 'a', 1, { deferred: true });
    const onDisk = async () => JSON.parse(await readFile(join(dir, 'records', 'offers.json'), 'utf8').catch(() => '{}')) as { records?: object };
    await expect.poll(onDisk, { timeout: 5000, interval: 50 }).toEqual(expect.objectContaining({ records: { a: 1 } }));

    await store.putRecord('offers', 'b', 2, { deferred: true });
    await store.close();
    store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    expect(await store.listRecords('offers')).toEqual([['a', 1], ['b', 2]]);
  });
});
