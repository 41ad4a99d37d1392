/**
 * A partition's versions share one positions map (partitions.ts `indexIn`): adding a ticket no longer copies it. Each
 * version must still find exactly its own tickets: memory while a write that adds one is staged, after that write
 * failed, and after later writes put other tickets where the failed one had been.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../src/domain/ticket.ts';
import { Txn } from '../../src/store/group-commit.ts';
import { numberOf, Partition } from '../../src/store/partitions.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { newTicket, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

/** Real tickets R0001…R0004 (made by a store), to be staged into a partition of their own. */
async function tickets(): Promise<Ticket[]> {
  const store = await openLowdbStore({ dataDir: join(dir, 'made'), log: () => undefined });
  const made: Ticket[] = [];
  for (let i = 0; i < 4; i++) made.push(await store.createTicket(newTicket('repair')));
  await store.close();
  return made;
}

/** Commits a batch the way the store does without a journal's disk: memory changes once it is "durable". */
async function commit(txn: Txn): Promise<void> {
  await txn.commit({ kind: 'replayed' });
  txn.end();
}

describe('a partition\'s shared positions', () => {
  it('finds each version\'s own tickets after a failed write and after others took its place', async () => {
    const [a, b, c, d] = await tickets();
    expect(a!.number).toBe(numberOf('R', 1));
    const partition = new Partition('R-0000', 'R', 0, join(dir, 'R-0000.json'), async () => undefined);

    // A batch adds a and b; a child write adds c and fails. Inside the batch c is absent again.
    const batch = new Txn();
    partition.stagePut(batch, [a!, b!]);
    const child = batch.child();
    partition.stagePut(child, [c!]);
    expect(partition.getIn(child, c!.number)?.number).toBe(c!.number);
    child.discard();
    expect(partition.getIn(batch, c!.number)).toBeUndefined();
    // Memory is untouched while the batch is staged.
    expect(partition.get(a!.number)).toBeUndefined();
    batch.end(); // the batch failed (a full disk): nothing applied

    expect(partition.get(a!.number)).toBeUndefined();
    expect(partition.get(c!.number)).toBeUndefined();

    // Now d goes where a had been staged, then c where b had been; a and b are absent until added again.
    const next = new Txn();
    partition.stagePut(next, [d!]);
    partition.stagePut(next, [c!]);
    await commit(next);
    expect(partition.get(d!.number)?.number).toBe(d!.number);
    expect(partition.get(c!.number)?.number).toBe(c!.number);
    expect(partition.get(a!.number)).toBeUndefined();
    expect(partition.get(b!.number)).toBeUndefined();

    // Adding a and b again puts them at the end, once each; replacing c keeps it where it is.
    const last = new Txn();
    const changedC = { ...c!, description: `${c!.description} (changed)` } as Ticket;
    partition.stagePut(last, [a!, changedC, b!]);
    partition.stagePut(last, [a!]);
    await commit(last);
    expect(partition.db.data.tickets.map((t) => t.number)).toEqual([d!.number, c!.number, a!.number, b!.number]);
    for (const t of [a!, b!, d!]) expect(partition.get(t.number)?.number).toBe(t.number);
    expect(partition.get(c!.number)?.description).toBe(changedC.description);
  });
});
