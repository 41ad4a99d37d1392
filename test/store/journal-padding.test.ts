/**
 * The journal's zero-filled room (journal.ts, file layout): entries are written over zeros made and flushed ahead of
 * them, so an append changes no file length. These drive the Journal itself with a small region.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppendAndSync, appendAndSync, changeText, Journal, parseJournal } from '../../src/store/journal.ts';
import { StoreCorruptError } from '../../src/store/store.ts';
import { tempDir } from './helpers.ts';

const REGION = 4096;
let file: string;
let cleanup: () => Promise<void>;
const opened: Journal[] = [];

async function openJournal(append?: AppendAndSync) {
  const result = await Journal.open(file, append, REGION);
  opened.push(result.journal);
  return result;
}

const put = (key: string, value: string) => [changeText.put('sessions', key, JSON.stringify(value))];
const keys = (changes: readonly unknown[]) => changes.map((c) => (c as { key: string }).key);
const zerosFrom = (bytes: Buffer, from: number) => bytes.subarray(from).every((b) => b === 0);

beforeEach(async () => {
  const made = await tempDir();
  file = join(made.dir, 'journal.log');
  cleanup = made.cleanup;
});
afterEach(async () => {
  for (const j of opened.splice(0)) await j.close().catch(() => undefined);
  await cleanup();
});

describe('the journal written over zeros', () => {
  it('is filled to a whole region at open; appends write over the zeros and a reopen reads them back', async () => {
    const { journal } = await openJournal();
    await journal.settled(); // made after open, without holding start-up
    expect((await stat(file)).size).toBe(REGION);
    await journal.appendChanges(put('a', '1'));
    await journal.appendChanges(put('b', '2'));
    const bytes = await readFile(file);
    expect(bytes.length).toBe(REGION); // no size change
    expect(zerosFrom(bytes, journal.size)).toBe(true);
    // A crash now: reopened as the file is.
    const again = await Journal.open(file, undefined, REGION);
    opened.push(again.journal);
    expect(keys(again.changes)).toEqual(['a', 'b']);
    expect(again.droppedBytes).toBe(0);
    expect(again.journal.size).toBe(journal.size);
  });

  it('a write torn inside the zeros is cut off at start and its room made again', async () => {
    const { journal } = await openJournal();
    await journal.appendChanges(put('kept', '1'));
    const whole = await readFile(file);
    const length = journal.size;
    const line = whole.subarray(0, length).toString('utf8');
    const torn = Buffer.from(whole);
    torn.write(line.slice(0, 20), length); // the start of a second entry
    torn.write(line.slice(30), length + 30); // and a later part of it, as a crash may leave the pages of one write
    await writeFile(file, torn);
    const reopened = await openJournal();
    expect(keys(reopened.changes)).toEqual(['kept']);
    expect(reopened.droppedBytes).toBe(line.length); // from the first to the last byte of the torn write
    expect((await readFile(file)).equals(whole)).toBe(true);
    await reopened.journal.appendChanges(put('next', '2'));
    expect(keys(parseJournal(await readFile(file), file).changes)).toEqual(['kept', 'next']);
  });

  it('zeros or damage before a whole entry refuse start-up, naming the file, and leave it untouched', async () => {
    const { journal } = await openJournal();
    await journal.appendChanges(put('a', 'first'));
    const first = journal.size;
    await journal.appendChanges(put('b', 'second'));
    const whole = await readFile(file);
    // Acknowledged bytes lost to zeros (a block the disk gave back empty), a whole entry after them.
    const zeroed = Buffer.from(whole);
    zeroed.fill(0, 5, first);
    await writeFile(file, zeroed);
    let error = await Journal.open(file, undefined, REGION).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as StoreCorruptError).file).toBe(file);
    expect((error as Error).message).toMatch(/journal entry at byte 0 is damaged \(it is cut short\), but entries written after it are whole/);
    expect((await readFile(file)).equals(zeroed)).toBe(true);
    // The whole first entry zeroed: the entries seem to end at byte 0, but one follows.
    zeroed.fill(0, 0, first);
    await writeFile(file, zeroed);
    error = await Journal.open(file, undefined, REGION).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/byte 0 is damaged \(zero bytes where an entry should start\)/);
  });

  it('past the region the file is extended by another, and appends go on over zeros', async () => {
    const { journal } = await openJournal();
    const value = 'x'.repeat(900);
    for (let i = 0; i < 6; i += 1) await journal.appendChanges(put(`k${i}`, value));
    expect(journal.size).toBeGreaterThan(REGION);
    const bytes = await readFile(file);
    expect(bytes.length).toBe(2 * REGION);
    expect(zerosFrom(bytes, journal.size)).toBe(true);
    const again = await Journal.open(file, undefined, REGION);
    opened.push(again.journal);
    expect(keys(again.changes)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
  });

  it('a reset empties the journal back to one region of zeros; a clean close leaves only the entries', async () => {
    const { journal } = await openJournal();
    for (let i = 0; i < 6; i += 1) await journal.appendChanges(put(`k${i}`, 'y'.repeat(900)));
    await journal.reset();
    await journal.settled();
    expect(journal.size).toBe(0);
    const bytes = await readFile(file);
    expect(bytes.length).toBe(REGION);
    expect(zerosFrom(bytes, 0)).toBe(true);
    await journal.appendChanges(put('after', '1'));
    const size = journal.size;
    await journal.close();
    expect((await stat(file)).size).toBe(size);
    const again = await openJournal();
    expect(keys(again.changes)).toEqual(['after']);
  });

  it('when no room can be made (a full disk), appends extend the file as before', async () => {
    // The zeros that fit are written before the disk is full; they must not stay and take the data files' space.
    const full: AppendAndSync = async (handle, bytes, at, alone) => {
      if (!bytes.every((b) => b === 0)) return appendAndSync(handle, bytes, at, alone);
      await appendAndSync(handle, bytes.subarray(0, 1000), at, alone);
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const { journal } = await openJournal(full);
    await journal.settled();
    expect((await stat(file)).size).toBe(0);
    await journal.appendChanges(put('a', '1'));
    await journal.appendChanges(put('b', '2'));
    expect((await stat(file)).size).toBe(journal.size);
    expect(keys(parseJournal(await readFile(file), file).changes)).toEqual(['a', 'b']);
  });
});
