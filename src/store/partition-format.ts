/**
 * How partition files are named and laid out, and the summary row of a ticket: the pure part of partitions.ts, with
 * no zod or lowdb behind it, so the start-up threads (partition-worker.ts) load only what they use.
 */
import type { Ticket } from '../domain/ticket.ts';
import type { TicketNumber, TicketPrefix } from '../domain/ticket-number.ts';
import { sequenceOf } from '../domain/ticket-sequence.ts';
import type { PartitionDoc, SummaryRow } from './schema.ts';

/**
 * Ticket numbers per partition file. Changing it renames every partition: that would be a schema migration.
 */
export const BLOCK_SIZE = 250;

export function partitionKey(ledger: TicketPrefix, block: number): string {
  return `${ledger}-${String(block * BLOCK_SIZE).padStart(4, '0')}`;
}

export function partitionOf(number: TicketNumber): { ledger: TicketPrefix; block: number; key: string } {
  const ledger = number[0] as TicketPrefix;
  const block = Math.floor(sequenceOf(number) / BLOCK_SIZE);
  return { ledger, block, key: partitionKey(ledger, block) };
}

export function summaryRowOf(ticket: Ticket): SummaryRow {
  return [
    sequenceOf(ticket.number),
    ticket.status,
    ticket.estate,
    ticket.unit,
    `${ticket.owner.platform}:${ticket.owner.id}`,
    Date.parse(ticket.createdAt),
  ];
}

/** What a partition file written by serializePartition holds before its first ticket line (ASCII). */
export function partitionHead(doc: Omit<PartitionDoc, 'tickets'>): string {
  const head = JSON.stringify({ schemaVersion: doc.schemaVersion, kind: doc.kind, ledger: doc.ledger, block: doc.block });
  return `${head.slice(0, -1)},"tickets":[\n`;
}

/** What it holds after its last ticket line. */
export const PARTITION_TAIL = '\n]}\n';
