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
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Ticket } from '../domain/ticket.ts';
import type { TicketPrefix } from '../domain/ticket-number.ts';
import { PARTITION_TAIL, partitionHead, partitionOf, summaryRowOf } from './partition-format.ts';
import type { PlainCheck } from './plain-check.ts';
import type { PartitionDoc, SummaryRow } from './schema.ts';
import { SCHEMA_VERSION } from './schema-version.ts';

const ESCAPE_U = Buffer.from('\\u');
const NOT_ASCII = /[\x80-\xff]/;
const NEWLINE = 0x0a;
const COMMA = 0x2c;

export interface PlainScan {
  rows: SummaryRow[];
  active: Ticket[];
}

/**
 * `plainTicketBytes` is `plainCheckOfBytes(TicketSchema)` (partition-scan.ts `ticketBytesCheck`), passed in so that
 * this module loads no zod: the start-up threads receive it as a plan (plain-check.ts) and build it themselves.
 */
export function scanPlainBytes(
  bytes: Buffer,
  job: { key: string; ledger: TicketPrefix; block: number },
  plainTicketBytes: PlainCheck,
): PlainScan | undefined {
  if (bytes.includes(ESCAPE_U) || !isUtf8(bytes)) return undefined;
  let doc: unknown = ticketLines(bytes, job);
  if (!doc) {
    try {
      doc = JSON.parse(bytes.toString('latin1'));
    } catch {
      return undefined;
    }
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

/**
 * The file as JSON.parse would read it, parsed one ticket line at a time, when it is laid out as serializePartition
 * writes it: the current envelope (partitionHead) byte for byte, then one ticket a line, each but the last followed
 * by a comma, then PARTITION_TAIL. Otherwise undefined (the caller parses the whole file). Whole, a 450 KB file made
 * a 450 KB string each time, in memory fresh from the system, and that copy cost as much as the parse (issue 17,
 * item 5: 1,158 of 2,488 ms of CPU over a 100k-ticket seed); a line's ~2 KB string is young memory, reused.
 * It is the same document: when every line minus its comma parses as one JSON value, the lines joined by commas are
 * exactly the array's elements, and a line that is not one whole value (a ticket spread over lines, a trailing comma,
 * a blank line) fails to parse and sends the file the whole-file way.
 */
export function ticketLines(bytes: Buffer, job: { ledger: TicketPrefix; block: number }): PartitionDoc | undefined {
  const envelope = { schemaVersion: SCHEMA_VERSION, kind: 'tickets', ledger: job.ledger, block: job.block } as const;
  const head = partitionHead(envelope);
  const end = bytes.length - PARTITION_TAIL.length;
  if (end < head.length || bytes.toString('latin1', 0, head.length) !== head || bytes.toString('latin1', end) !== PARTITION_TAIL) return undefined;
  const tickets: unknown[] = [];
  let at = head.length;
  while (at < end) {
    // The tail starts with a newline, so one is always found by `end`.
    const newline = bytes.indexOf(NEWLINE, at);
    const last = newline >= end;
    const stop = last ? end : newline - 1;
    if (!last && bytes[stop] !== COMMA) return undefined;
    try {
      tickets.push(JSON.parse(bytes.toString('latin1', at, stop)));
    } catch {
      return undefined;
    }
    if (last) return { ...envelope, tickets };
    at = newline + 1;
  }
  // No ticket line at all is an empty array; a comma line with nothing after it is a trailing comma.
  return at === head.length ? { ...envelope, tickets } : undefined;
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

/**
 * A file's bytes for scanPlainBytes, in one buffer reused from call to call (valid until the next call; nothing
 * scanPlainBytes hands back refers to it), or undefined when it cannot be read, for the normal read to explain.
 * Synchronous: a start-up thread has nothing else to do meanwhile. Over the 402 files of a 100k seed, at load ~9:
 * `fs/promises` readFile 475–558 ms of CPU (a fresh 450 KB buffer a file, the thread pool), this 51–82 ms.
 */
let buffer = Buffer.alloc(0);

export function readWhole(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    // One byte more than the size, so that the end of the file is seen without growing the buffer.
    if (buffer.length <= size) buffer = Buffer.allocUnsafe(Math.max(size * 2, 1 << 20));
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.subarray(0, length);
      length += read;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
