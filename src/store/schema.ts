/**
 * The versioned envelopes of the store's files. Every file carries `schemaVersion`; a file of an older version is
 * brought up to date through `MIGRATIONS` when read (and written in the current version on its next change); a file
 * of a newer version than this code knows stops start-up, since guessing at its shape could lose data.
 */
import { z } from 'zod';
import { TicketPrefixSchema } from '../domain/ticket-number.ts';
import { StoreVersionError } from './store.ts';

import { SCHEMA_VERSION } from './schema-version.ts';

export { SCHEMA_VERSION };

/**
 * `MIGRATIONS[n]` turns a document of version n into version n + 1. Empty while there is only version 1; a later
 * change adds `1: (doc) => ({ ...doc, schemaVersion: 2, ... })` and bumps SCHEMA_VERSION.
 */
export const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

const VersionSchema = z.object({ schemaVersion: z.number().int().min(1) });

/** Brings a parsed document to SCHEMA_VERSION, or says why it cannot. `problem` returns the error to throw. */
export function upgradeDocument(raw: unknown, file: string, problem: (detail: string) => Error): Record<string, unknown> {
  const version = VersionSchema.safeParse(raw);
  if (!version.success) throw problem('it has no valid "schemaVersion" field');
  let doc = raw as Record<string, unknown>;
  let at = version.data.schemaVersion;
  if (at > SCHEMA_VERSION) {
    throw new StoreVersionError(
      file,
      `${file} has schema version ${at}, but this Huiyin knows only up to version ${SCHEMA_VERSION}: ` +
        'it was written by a newer Huiyin. Run that newer version (or restore a backup made before the upgrade); ' +
        'the file has not been changed.',
    );
  }
  while (at < SCHEMA_VERSION) {
    const step = MIGRATIONS[at];
    if (!step) throw problem(`no migration from schema version ${at}`);
    doc = step(doc);
    at += 1;
  }
  return doc;
}

/**
 * A partition of one ledger: tickets whose sequence falls in one block of numbers. Tickets are validated with the
 * domain's TicketSchema when the partition is loaded (see partitions.ts), not here, so that the envelope check
 * stays cheap for the summary pass.
 */
export const PartitionDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('tickets'),
  ledger: TicketPrefixSchema,
  block: z.number().int().min(0),
  tickets: z.array(z.unknown()),
});
export type PartitionDoc<T = unknown> = Omit<z.infer<typeof PartitionDocSchema>, 'tickets'> & { tickets: T[] };

/** One namespace of small key-value records (sessions, profiles, seen message ids, the outbox). */
export const RecordsDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('records'),
  namespace: z.string().min(1),
  records: z.record(z.string(), z.unknown()),
});
export type RecordsDoc = z.infer<typeof RecordsDocSchema>;

/**
 * A summary of one ticket, enough to answer `listTickets` filters without loading its partition:
 * [sequence, status, estate, unit, owner key (platform:id), created at (epoch ms)].
 */
export const SummaryRowSchema = z.tuple([
  z.number().int().min(1),
  z.string(),
  z.string(),
  z.string(),
  z.string(),
  z.number(),
]);
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

/**
 * The sidecar `tickets/R-0000.summary.json`: a derived cache of a partition's summary rows and of its tickets that
 * are not closed (open work is a few percent of all tickets, spread thinly over every partition by stragglers that
 * are never closed), trusted only while the
 * partition file's identity (inode, size, mtime) is the one recorded in it. It is never the only copy of anything.
 */
export const SummaryDocSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  kind: z.literal('summary'),
  of: z.object({ ino: z.number(), size: z.number(), mtimeMs: z.number() }),
  rows: z.array(z.array(z.unknown())),
  /** Copies of the partition's tickets that are not closed, so open work is served without loading partitions. */
  active: z.array(z.unknown()),
});
export type SummaryDoc<T = unknown> = Omit<z.infer<typeof SummaryDocSchema>, 'rows' | 'active'> & { rows: SummaryRow[]; active: T[] };
