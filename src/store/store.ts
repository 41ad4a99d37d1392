import type { CreatedEvent, TicketEvent } from '../domain/events.ts';
import type { Unit } from '../domain/category.ts';
import type { Owner } from '../domain/people.ts';
import type { Ticket, TicketStatus } from '../domain/ticket.ts';
import type { TicketNumber } from '../domain/ticket-number.ts';

export interface NewTicket {
  estate: string;
  owner: Owner;
  created: CreatedEvent;
  /** Events that happen together with the creation (the owner's confirmation): written in the same write. */
  then?: TicketEvent[];
  /**
   * Records that change together with the ticket, in the same durable write, all or nothing (the intake that ends,
   * which message recorded it, the owner's remembered room): a crash never leaves one without the other, and the
   * request costs one durable write instead of three. Given the ticket as it will be stored (its number).
   */
  records?: (ticket: Ticket) => readonly RecordChange[];
}

/** A record set (`value`) or removed (`deleted`), for writes that change several namespaces at once. */
export type RecordChange = { namespace: string; key: string; value: unknown } | { namespace: string; key: string; deleted: true };

export interface TicketQuery {
  estate?: string;
  status?: readonly TicketStatus[];
  unit?: Unit;
  /** Only this owner's tickets: owners see their own and nobody else's. */
  owner?: { platform: string; id: string };
  /** Created at or after this instant (ISO). */
  createdFrom?: string;
  /** Created before this instant (ISO). */
  createdTo?: string;
}

/**
 * What the core needs from storage. Every method that changes something resolves only after the change is durable,
 * so the bot never says "recorded" about something a crash could lose. Implementations: lowdb files (the embedded
 * default); a database implementation can fill the same interface for several bot processes on one database.
 */
/**
 * `deferred`: the write need not be on disk when it resolves (issue 17 item 5). Only for a change whose loss in a crash
 * is harmless because it is derived again or only repeats something (an expired session found again is deleted again;
 * a lost offer cooldown means one offer more), never for what acknowledges a person's words (issue 17 item 4): the
 * lowdb store applies it to memory at once and writes it with the next durable write or checkpoint, skipping one flush
 * (~0.3–1 ms of CPU). A store may write it durably anyway (the PostgreSQL store does).
 */
export interface WriteOptions {
  deferred?: boolean;
}

export interface Store {
  /** Records a new ticket under the next number of its ledger (R, C or S). */
  createTicket(input: NewTicket): Promise<Ticket>;
  getTicket(number: TicketNumber): Promise<Ticket | undefined>;
  /**
   * Applies one event through the state machine and records it.
   * Throws UnknownTicketError for a number that does not exist and TransitionError for an impossible move;
   * nothing is written in either case.
   */
  appendEvent(number: TicketNumber, event: TicketEvent): Promise<Ticket>;
  /** Several events at once, all or nothing, in one durable write (e.g. the notices of one announcement). */
  appendEvents(number: TicketNumber, events: readonly TicketEvent[]): Promise<Ticket>;
  /**
   * Events for many tickets, each ticket's list all or nothing; tickets that share a file are written together.
   * For jobs that touch many tickets at once (a reminder scan after downtime). Returns the tickets as they now are;
   * a ticket whose events are refused is left out and its error given in `refused`.
   */
  appendEventsMany(batch: ReadonlyArray<{ number: TicketNumber; events: readonly TicketEvent[] }>): Promise<{ tickets: Ticket[]; refused: Array<{ number: TicketNumber; error: Error }> }>;
  /** Tickets matching the query, oldest first. */
  listTickets(query?: TicketQuery): Promise<Ticket[]>;

  /**
   * Small JSON documents beside the tickets: conversation sessions, owner profiles, ids of messages already seen,
   * the outbox. Values must be JSON-serialisable.
   */
  getRecord<T>(namespace: string, key: string): Promise<T | undefined>;
  putRecord(namespace: string, key: string, value: unknown, options?: WriteOptions): Promise<void>;
  /** Several records of one namespace in one durable write. */
  putRecords(namespace: string, entries: ReadonlyArray<readonly [string, unknown]>): Promise<void>;
  deleteRecord(namespace: string, key: string, options?: WriteOptions): Promise<void>;
  listRecords<T>(namespace: string): Promise<Array<[string, T]>>;
  /** Every namespace that holds at least one record (for `huiyin migrate`, which copies them all). */
  listNamespaces(): Promise<string[]>;

  /** Waits for pending writes and releases the data directory. */
  close(): Promise<void>;
}

export class UnknownTicketError extends Error {
  override readonly name = 'UnknownTicketError';
  constructor(readonly number: string) {
    super(`no ticket ${number}`);
  }
}

/** The data directory is used by another running process (lowdb files cannot be shared). */
export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
}

/** The database cannot be reached or refused the connection; the message says which one and why. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

/** A data file cannot be read or parsed. It is left exactly as it was found. */
export class StoreCorruptError extends Error {
  override readonly name = 'StoreCorruptError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/** A data file was written by a newer version of Huiyin than the one running. It is left exactly as it was found. */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The disk (or the database) has no room: the write was refused and nothing was changed, in memory or on disk.
 * Writes work again once space is freed; at start-up it means the data directory cannot even take its lock.
 */
export class StoreFullError extends Error {
  override readonly name = 'StoreFullError';
}
