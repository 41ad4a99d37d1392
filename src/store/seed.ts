/**
 * Writes tickets straight into the lowdb store's file format, for benchmarks and tests that need a large data
 * directory quickly. Not durable (no fsync) and not for live data: the store must not be open on `dataDir`.
 * No summary caches are written: the first open derives them, as after any crash.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Ticket } from '../domain/ticket.ts';
import { emptyPartition, partitionOf, partitionPath, serializePartition } from './partitions.ts';
import type { PartitionDoc } from './schema.ts';

export async function seedTicketFiles(dataDir: string, tickets: readonly Ticket[]): Promise<number> {
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
  for (const [key, doc] of docs) await writeFile(partitionPath(ticketsDir, key), serializePartition(doc));
  return docs.size;
}
