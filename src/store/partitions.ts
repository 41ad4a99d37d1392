/**
 * Ticket partitions: `tickets/R-0000.json` holds R0001–R0249, `R-0250.json` R0250–R0499, `R-1000.json`
 * R1000–R1249, and so on for C and S: a file is named by the first number it can hold. The number alone names the
 * file (no index to keep in step), one write rewrites at most 250 tickets (~450 KB, ~5 ms with fsync; 1000 took
 * ~18 ms), and since numbers grow with time a partition is also a stretch of the ledger, as the paper books are kept.
 * Beside each partition, `R-0000.summary.json` caches one summary row per ticket (see schema.ts) so start-up need
 * not parse every partition; it is trusted only while the partition file is the one it describes.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { type Ticket, TicketSchema } from '../domain/ticket.ts';
import { type TicketNumber, type TicketPrefix, formatTicketNumber } from '../domain/ticket-number.ts';
import { DurableJsonFile, writeFileAtomically } from './durable-file.ts';
import { BLOCK_SIZE, PARTITION_TAIL, partitionHead, partitionKey, partitionOf, summaryRowOf } from './partition-format.ts';
import type { Txn } from './group-commit.ts';
import { changeText } from './journal.ts';
import { orZodOnly, plainCheck } from './plain-check.ts';
import {
  type PartitionDoc,
  PartitionDocSchema,
  SCHEMA_VERSION,
  type SummaryDoc,
  SummaryDocSchema,
  type SummaryRow,
  upgradeDocument,
} from './schema.ts';
import { StoreCorruptError } from './store.ts';

export { BLOCK_SIZE, PARTITION_TAIL, partitionHead, partitionKey, partitionOf, summaryRowOf };
export const PARTITION_FILE = /^([RCS])-(\d{4,})\.json$/;

export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** `R-0250` → R, block 1; undefined for a name this store does not write. */
export function parsePartitionKey(key: string): { ledger: TicketPrefix; block: number } | undefined {
  const m = /^([RCS])-(\d{4,})$/.exec(key);
  if (!m) return undefined;
  const ledger = m[1] as TicketPrefix;
  const block = Number(m[2]) / BLOCK_SIZE;
  return Number.isInteger(block) && partitionKey(ledger, block) === key ? { ledger, block } : undefined;
}

export function partitionPath(ticketsDir: string, key: string): string {
  return join(ticketsDir, `${key}.json`);
}

export function summaryPath(ticketsDir: string, key: string): string {
  return join(ticketsDir, `${key}.summary.json`);
}

export async function identityOf(file: string): Promise<FileIdentity> {
  const s = await stat(file);
  return { ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/**
 * Each ticket's line, kept while the (never edited) ticket object lives: a write re-serialises only the ticket that
 * changed instead of all 250 in its partition. Tickets read from a partition are the store's own until handed out,
 * and frozen when they are (see `Partition.get`), so nobody edits them either.
 */
const lineCache = new WeakMap<Ticket, string>();
const storeOwned = new WeakSet<Ticket>();

function lineOf(ticket: Ticket): string {
  let line = lineCache.get(ticket);
  if (line === undefined) {
    line = JSON.stringify(ticket);
    if (Object.isFrozen(ticket) || storeOwned.has(ticket)) lineCache.set(ticket, line);
  }
  return line;
}

/** One ticket per line: the file stays diffable and readable, and much smaller than pretty-printed JSON. */
export function serializePartition(doc: PartitionDoc<Ticket>): string {
  const lines = doc.tickets.map(lineOf).join(',\n');
  return `${partitionHead(doc)}${lines}${PARTITION_TAIL}`;
}

export function emptyPartition(ledger: TicketPrefix, block: number): PartitionDoc<Ticket> {
  return { schemaVersion: SCHEMA_VERSION, kind: 'tickets', ledger, block, tickets: [] };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Tickets handed out are frozen: the store's memory must equal the disk, so nobody may edit them in place. */
export const freezeTicket: (ticket: Ticket) => Ticket = deepFreeze;

/** True for a ticket TicketSchema accepts and returns unchanged (plain-check.ts); anything else goes through zod. */
const plainTicket = orZodOnly(() => plainCheck(TicketSchema));

/**
 * A ticket as `TicketSchema.parse` returns it, for the write path: a draft the schema accepts unchanged is kept as
 * it is, not rebuilt by zod (zod's copy of the whole ticket, history and all, was the largest cost of a ticket write
 * after the flush: bench:engine profile). Anything else, invalid included, goes through zod as before.
 */
export function parseTicket(draft: unknown): Ticket {
  if (!plainTicket(draft)) return TicketSchema.parse(draft);
  // zod returns the fields in the schema's order and so the files and the journal hold them; the state machine
  // appends what an event sets. Nested objects come from zod already (the events, the owner) or keep that order.
  const ordered: Record<string, unknown> = {};
  for (const key of TICKET_KEYS) if (key in (draft as object)) ordered[key] = (draft as Record<string, unknown>)[key];
  return ordered as Ticket;
}

const TICKET_KEYS = Object.keys(TicketSchema.shape);

/**
 * Tickets as `z.array(TicketSchema)` would return them, or its first issue (path from the array). A plainly valid
 * ticket is kept as parsed, with no copy; any other goes through zod, which fills defaults, strips unknown keys, or
 * names what is wrong. zod checks an array's items in order, so the first failing ticket's first issue is the one
 * the array parse would report.
 */
export function checkTickets(raw: readonly unknown[]): { tickets: Ticket[] } | { issue: string } {
  const tickets = new Array<Ticket>(raw.length);
  for (let i = 0; i < raw.length; i += 1) {
    const value = raw[i];
    if (plainTicket(value)) {
      tickets[i] = value as Ticket;
      continue;
    }
    const parsed = TicketSchema.safeParse(value);
    if (!parsed.success) return { issue: describeIssue(parsed.error, [i]) };
    tickets[i] = parsed.data;
  }
  return { tickets };
}

/**
 * A partition's next version inside a batch: the document and where each ticket sits in it. `positions` is shared by
 * every version of the partition (see `indexIn`).
 */
interface StagedPartition {
  doc: PartitionDoc<Ticket>;
  positions: Map<TicketNumber, number>;
}

/**
 * Where `number` sits in `tickets`, by a positions map shared by all versions of a partition. A ticket is never moved
 * or removed, and a new one goes at the end, so the map only gains entries, each pointing where the ticket went in the
 * version that added it. A version that lacks the ticket (memory while the write that adds it is staged, or one after
 * that write failed) finds past its end or another ticket there, which the number check turns into "absent"; a later
 * write adding it again sets the entry anew. So adding a ticket no longer copies the map (250 entries, 16.5 MB of
 * bench:engine's 566 MB allocated; issue 17 item 5).
 */
function indexIn(positions: ReadonlyMap<TicketNumber, number>, tickets: readonly Ticket[], number: TicketNumber): number | undefined {
  const at = positions.get(number);
  return at !== undefined && tickets[at]?.number === number ? at : undefined;
}

/**
 * A loaded partition: a lowdb `Low` over a durable adapter. `db.data` is replaced (never edited) only after the new
 * version is on disk, so a failed write leaves memory equal to the file.
 */
export class Partition {
  readonly db: Low<PartitionDoc<Ticket>>;
  private positions = new Map<TicketNumber, number>();
  /** Writes in progress: a pinned partition is not evicted, so nobody re-reads a file that is about to change. */
  pins = 0;

  constructor(
    readonly key: string,
    readonly ledger: TicketPrefix,
    readonly block: number,
    readonly file: string,
    private readonly backup: (file: string) => Promise<void>,
  ) {
    const adapter = new DurableJsonFile<PartitionDoc<Ticket>>(file, {
      parse: (raw) => this.check(raw),
      corrupt: (path, detail) => new StoreCorruptError(path, detail),
      beforeWrite: backup,
      serialize: serializePartition,
    });
    this.db = new Low(adapter, emptyPartition(ledger, block));
  }

  async load(): Promise<void> {
    await this.db.read();
    this.reindex();
  }

  /** The ticket, frozen on its way out (freezing all 250 of every partition at load took a sixth of a cold start). */
  get(number: TicketNumber): Ticket | undefined {
    const at = indexIn(this.positions, this.db.data.tickets, number);
    return at === undefined ? undefined : freezeTicket(this.db.data.tickets[at]!);
  }

  /** The tickets that are not closed, frozen: the store keeps them in memory from start-up. */
  activeTickets(): Ticket[] {
    return this.db.data.tickets.filter((t) => t.status !== 'closed').map(freezeTicket);
  }

  /** A ticket as this write sees it: staged by an earlier write of the batch, else as on disk. */
  getIn(txn: Txn, number: TicketNumber): Ticket | undefined {
    const staged = txn.valueOf<StagedPartition>(this);
    if (!staged) return this.get(number);
    const at = indexIn(staged.positions, staged.doc.tickets, number);
    return at === undefined ? undefined : freezeTicket(staged.doc.tickets[at]!);
  }

  /**
   * Stages the partition with these tickets added or replaced, for one durable write with the rest of the batch;
   * memory (what `get` answers) changes only once the file is durable.
   */
  stagePut(txn: Txn, changed: readonly Ticket[]): void {
    const base = txn.valueOf<StagedPartition>(this) ?? { doc: this.db.data, positions: this.positions };
    const tickets = [...base.doc.tickets];
    // The positions map is shared by every version (indexIn): a new ticket's entry is added to it, not to a copy.
    const positions = base.positions;
    for (const ticket of changed) {
      const at = indexIn(positions, tickets, ticket.number);
      if (at === undefined) {
        tickets.push(ticket);
        positions.set(ticket.number, tickets.length - 1);
      } else tickets[at] = ticket;
    }
    const next: StagedPartition = { doc: { ...base.doc, tickets }, positions };
    for (const ticket of changed) txn.log(changeText.ticket(lineOf(ticket)));
    txn.stage(this, {
      value: next,
      file: this.file,
      content: () => serializePartition(next.doc),
      beforeWrite: this.backup,
      apply: () => {
        this.db.data = next.doc;
        this.positions = next.positions;
      },
    });
  }

  /** The file's text for what is in memory (a checkpoint writes it). */
  serialize(): string {
    return serializePartition(this.db.data);
  }

  rows(): SummaryRow[] {
    return this.db.data.tickets.map(summaryRowOf);
  }

  private reindex(): void {
    this.positions = new Map(this.db.data.tickets.map((t, i) => [t.number, i]));
  }

  private check(raw: unknown): PartitionDoc<Ticket> {
    const doc = checkPartition(raw, this.file, this.key, this.ledger, this.block);
    for (const t of doc.tickets) storeOwned.add(t);
    return doc;
  }
}

/**
 * A parsed partition file, validated: its envelope, every ticket (TicketSchema), and that each ticket belongs in it
 * once. Throws a StoreCorruptError naming the file and the field (or a StoreVersionError). Pure, so the start-up
 * workers (partition-scan.ts) run the very same check.
 */
export function checkPartition(raw: unknown, file: string, key: string, ledger: TicketPrefix, block: number): PartitionDoc<Ticket> {
  const problem = (detail: string) => new StoreCorruptError(file, detail);
  const doc = PartitionDocSchema.safeParse(upgradeDocument(raw, file, problem));
  if (!doc.success) throw problem(`its envelope is invalid (${describeIssue(doc.error)})`);
  if (doc.data.ledger !== ledger || doc.data.block !== block) {
    throw problem(`it says it holds ${partitionKey(doc.data.ledger, doc.data.block)}, but its name says ${key}`);
  }
  const checked = checkTickets(doc.data.tickets);
  if ('issue' in checked) throw problem(`a ticket in it is invalid (tickets.${checked.issue})`);
  const seen = new Set<string>();
  for (const t of checked.tickets) {
    const p = partitionOf(t.number);
    if (p.key !== key) throw problem(`ticket ${t.number} does not belong in ${key}`);
    if (seen.has(t.number)) throw problem(`ticket ${t.number} appears twice`);
    seen.add(t.number);
  }
  return { ...doc.data, tickets: checked.tickets };
}

/** The first issue as `path: message`; `within` is the path of what was parsed (a ticket's index in its array). */
export function describeIssue(error: z.ZodError, within: readonly PropertyKey[] = []): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const path = [...within, ...issue.path].map(String).join('.');
  return `${path || '(top)'}: ${issue.message}`;
}

function isSummaryRow(row: unknown[]): row is SummaryRow {
  return (
    row.length === 6 &&
    Number.isInteger(row[0]) &&
    typeof row[1] === 'string' &&
    typeof row[2] === 'string' &&
    typeof row[3] === 'string' &&
    typeof row[4] === 'string' &&
    typeof row[5] === 'number'
  );
}

/**
 * The cached summary rows of a partition, if the sidecar exists, parses, and describes exactly `identity`;
 * otherwise undefined (the caller then loads the partition itself). A bad sidecar is only a cache miss.
 */
export async function readSummary(
  ticketsDir: string,
  key: string,
  identity: FileIdentity,
  log: (msg: string) => void,
): Promise<{ rows: SummaryRow[]; active: Ticket[] } | undefined> {
  const file = summaryPath(ticketsDir, key);
  const adapter = new DurableJsonFile<SummaryDoc<Ticket> | undefined>(file, {
    parse: (raw) => {
      const doc = SummaryDocSchema.safeParse(raw);
      if (!doc.success || !doc.data.rows.every(isSummaryRow)) return undefined;
      const active = checkTickets(doc.data.active);
      if ('issue' in active) return undefined;
      return { ...doc.data, rows: doc.data.rows, active: active.tickets.map(freezeTicket) };
    },
    corrupt: (path, detail) => new Error(`${path}: ${detail}`),
  });
  try {
    const doc = await adapter.read();
    if (doc === null) return undefined;
    if (doc === undefined) {
      log(`store: ignoring the invalid summary cache ${file}; it will be rebuilt from ${key}.json`);
      return undefined;
    }
    return sameIdentity(doc.of, identity) ? { rows: doc.rows, active: doc.active } : undefined;
  } catch (error) {
    log(`store: ignoring the unreadable summary cache ${file} (${(error as Error).message}); it will be rebuilt`);
    return undefined;
  }
}

export async function writeSummary(
  ticketsDir: string,
  key: string,
  of: FileIdentity,
  rows: SummaryRow[],
  active: Ticket[],
): Promise<void> {
  const doc: SummaryDoc<Ticket> = { schemaVersion: SCHEMA_VERSION, kind: 'summary', of, rows, active };
  // A cache: checked against its partition's identity on load and rebuilt when it does not match, so no fsync.
  await writeFileAtomically(summaryPath(ticketsDir, key), `${JSON.stringify(doc)}\n`);
}

export function numberOf(ledger: TicketPrefix, sequence: number): TicketNumber {
  return formatTicketNumber(ledger, sequence);
}
