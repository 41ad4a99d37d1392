/**
 * A partition file checked without decoding its UTF-8 (issue 17, item 5): after JSON.parse, turning the bytes into
 * text was the dearest step of a cold start's threads (~20 % of their CPU; Chinese text is slow to decode), and only
 * a few strings of what they check are ever kept. So the bytes are read as Latin-1 (one character per byte, a copy),
 * parsed, and checked with `plainCheckOfBytes(TicketSchema)`, which answers as the normal check would on the decoded
 * text (plain-check.ts says why). Only the strings handed back are decoded: the estate and owner of each summary row,
 * and the tickets that are not closed.
 *
 * It answers only for a file it can vouch for: valid UTF-8 with no \u escape (which would put decoded characters
 * among the raw bytes), the current schema version, and every ticket plainly valid and in its place. Anything else —
 * an invalid ticket, an old file, a stray escape — answers undefined, and the caller reads the file the normal way,
 * whose check and errors (file and field named) are the ones Partition.load gives.
 */
import { isUtf8 } from 'node:buffer';
import { type Ticket, TicketSchema } from '../domain/ticket.ts';
import type { TicketPrefix } from '../domain/ticket-number.ts';
import { partitionOf, summaryRowOf } from './partitions.ts';
import { orZodOnly, plainCheckOfBytes } from './plain-check.ts';
import { SCHEMA_VERSION, type SummaryRow } from './schema.ts';

const plainTicketBytes = orZodOnly(() => plainCheckOfBytes(TicketSchema));
const ESCAPE_U = Buffer.from('\\u');
const NOT_ASCII = /[\x80-\xff]/;

export interface PlainScan {
  rows: SummaryRow[];
  active: Ticket[];
}

export function scanPlainBytes(bytes: Buffer, job: { key: string; ledger: TicketPrefix; block: number }): PlainScan | undefined {
  if (bytes.includes(ESCAPE_U) || !isUtf8(bytes)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('latin1'));
  } catch {
    return undefined;
  }
  if (!isCurrentEnvelope(doc, job)) return undefined;
  const seen = new Set<string>();
  for (const ticket of doc.tickets) {
    if (!plainTicketBytes(ticket)) return undefined;
    const { number } = ticket as Ticket;
    if (partitionOf(number).key !== job.key || seen.has(number)) return undefined;
    seen.add(number);
  }
  const tickets = doc.tickets as Ticket[];
  return {
    rows: tickets.map((t) => {
      const row = summaryRowOf(t);
      // [sequence, status, estate, unit, owner key, created]: status and unit are ASCII enums, the owner's platform
      // an ASCII id; the estate and the owner's id may be any text.
      row[2] = decoded(row[2]);
      row[4] = decoded(row[4]);
      return row;
    }),
    active: tickets.filter((t) => t.status !== 'closed').map((t) => decodeStrings(t)),
  };
}

/** What checkPartition's envelope check accepts, for the current version, with nothing to migrate. */
function isCurrentEnvelope(doc: unknown, job: { ledger: TicketPrefix; block: number }): doc is { tickets: unknown[] } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return d.schemaVersion === SCHEMA_VERSION && d.kind === 'tickets' && d.ledger === job.ledger && d.block === job.block && Array.isArray(d.tickets);
}

/** A string read as Latin-1 from valid UTF-8, as UTF-8 decoding would have given it. */
function decoded(text: string): string {
  return NOT_ASCII.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;
}

/** Every string inside, decoded in place (the value was parsed here and is nobody else's); keys are ASCII. */
function decodeStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) value[i] = typeof value[i] === 'string' ? decoded(value[i] as string) : decodeStrings(value[i]);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      record[key] = typeof v === 'string' ? decoded(v) : decodeStrings(v);
    }
  }
  return value;
}
