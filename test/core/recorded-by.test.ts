import { afterEach, beforeEach, expect, it } from 'vitest';
import { RecordedBy } from '../../src/core/recorded-by.ts';
import type { IncomingMessage } from '../../src/messages.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';
import { tempDir } from '../store/helpers.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const t = await tempDir();
  cleanup = t.cleanup;
  store = await openLowdbStore({ dataDir: t.dir, log: () => undefined });
});
afterEach(async () => {
  await store.close();
  await cleanup();
});

const message = (id: string, at: string): IncomingMessage => ({
  id,
  chat: { platform: 'console', id: 'owners', kind: 'group' },
  sender: { id: 'o1', displayName: '业主' },
  text: '确认',
  mentionsBot: false,
  at: new Date(at),
  attachments: [],
});

it('one record per conversation; entries kept under the old single key are still found, then dropped', async () => {
  const old = message('m1', '2026-11-27T01:00:00Z');
  await store.putRecord('recorded-by', 'recent', {
    'console:owners:o1': { messageId: 'm1', at: old.at.toISOString(), number: 'R0001', recordedAt: Date.parse('2026-11-27T01:00:01Z') },
  });
  const recordedBy = new RecordedBy(store);
  expect(await recordedBy.find('console:owners:o1', old)).toBe('R0001');
  await recordedBy.remember('console:owners:o2', message('m2', '2026-11-27T02:00:00Z'), 'R0002', new Date('2026-11-27T02:00:01Z'));
  const stored = await store.listRecords('recorded-by');
  // The old key is gone; its entry, still within the day, is a record of its own.
  expect(stored.map(([key]) => key).sort()).toEqual(['console:owners:o1', 'console:owners:o2']);
  // A new process reads the per-conversation records.
  expect(await new RecordedBy(store).find('console:owners:o2', message('m2', '2026-11-27T02:00:00Z'))).toBe('R0002');
});

it('entries older than a day are deleted with the next one', async () => {
  const recordedBy = new RecordedBy(store);
  await recordedBy.remember('a', message('m1', '2026-11-25T00:00:00Z'), 'R0001', new Date('2026-11-25T00:00:01Z'));
  await recordedBy.remember('b', message('m2', '2026-11-27T00:00:00Z'), 'R0002', new Date('2026-11-27T00:00:01Z'));
  expect((await store.listRecords('recorded-by')).map(([key]) => key)).toEqual(['b']);
});
