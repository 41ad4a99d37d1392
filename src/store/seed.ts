/**
 * Writes tickets straight into the lowdb store's file format, for benchmarks and tests that need a large data
 * directory quickly, and for `huiyin migrate --to` (with `durable`: each file fsynced, then the directory).
 * The store must not be open on `dataDir`. No summary caches are written: the first open derives them, as after
 * any crash.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ticket } from '../domain/ticket.ts';
import { emptyPartition, partitionOf, partitionPath, serializePartition } from './partitions.ts';
import type { PartitionDoc } from './schema.ts';

export async function seedTicketFiles(dataDir: string, tickets: readonly Ticket[], options: { durable?: boolean } = {}): Promise<number> {
  const ticketsDir = join(dataDir, 'tickets');
  await mkdir(ticketsDir, { recursive: true });
  const docs = new Map<string, PartitionDoc<Ticket>>();
  for (const ticket of tickets) {
    const p = partitionOf(ticket.number);
    let doc = docs.get(p.key);
    if (!doc) {
      doc = emptyPartition(p.ledger, p.block);
      docs.set(p.key, doc);
    }
    doc.tickets.push(ticket);
  }
  for (const [key, doc] of docs) {
    const file = partitionPath(ticketsDir, key);
    if (!options.durable) {
      await writeFile(file, serializePartition(doc));
      continue;
    }
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(serializePartition(doc));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  if (options.durable) {
    const dir = await open(ticketsDir, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
  return docs.size;
}
