/**
 * Small key-value records, one file per namespace (`records/sessions.json`, `records/outbox.json`, ...): hot state
 * stays in small files, and a busy namespace never rewrites the tickets.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-file.ts';
import type { Txn } from './group-commit.ts';
import { changeText } from './journal.ts';
import { type RecordsDoc, RecordsDocSchema, SCHEMA_VERSION, upgradeDocument } from './schema.ts';
import { StoreCorruptError } from './store.ts';
import { describeIssue } from './partitions.ts';

/** A namespace as a file name: letters, digits, `_` and `-` kept, everything else %-escaped (no `/`, no `..`). */
export function namespaceFileName(namespace: string): string {
  const escaped = encodeURIComponent(namespace).replace(/[.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${escaped}.json`;
}

export const NAMESPACE_FILE = /^[A-Za-z0-9_%-]+\.json$/;

/**
 * Each stored value's JSON, kept while the value lives. Stored values are the store's own and never edited (a put
 * stores a copy, a get hands out a copy), so a write re-serialises only what changed: the `owners` and `sessions`
 * namespaces hold a record per person, and writing all of them pretty-printed at every put was most of a put's cost.
 */
const valueLines = new WeakMap<object, string>();

function valueLine(value: unknown): string {
  if (value instanceof StoredJson) return value.json;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let line = valueLines.get(value);
  if (line === undefined) {
    line = JSON.stringify(value);
    valueLines.set(value, line);
  }
  return line;
}

/**
 * A stored object or array kept as its JSON text only. The store never reads a stored value except through its line
 * (a reader gets `JSON.parse` of it, the file and the journal get the line itself), so an object put through the
 * store need not be rebuilt from its JSON: that parse, of every session, owner and offer written, was half of a put's
 * copying (bench:engine). Values read from a file or the journal stay as parsed, with their line made when needed.
 */
class StoredJson {
  constructor(readonly json: string) {}
}

/**
 * The store's own copy of a value (JSON in, JSON out: what a reader gets back is what the file holds): its JSON text,
 * taken now, so the caller may change its object afterwards; undefined when the value is not JSON-serialisable.
 */
export function ownCopy(value: unknown): { value: unknown } | undefined {
  const json = JSON.stringify(value);
  if (json === undefined) return undefined;
  // An object or array is kept as text; anything else (a string, number, boolean or null, also what a toJSON gave)
  // as the value itself.
  return { value: json.startsWith('{') || json.startsWith('[') ? new StoredJson(json) : (JSON.parse(json) as unknown) };
}

/**
 * A reader's own copy of a stored value. Stored values are JSON (ownCopy), so parsing the line kept for the file is
 * the same deep copy as structuredClone, for about half the time (a session or owner is read on most messages).
 */
function copyOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.parse(valueLine(value)) : value;
}

/** One record per line: readable, diffable, and cheap to write again (see `valueLine`). Plain JSON to read back. */
export function serializeRecords(doc: RecordsDoc): string {
  const head = JSON.stringify({ schemaVersion: doc.schemaVersion, kind: doc.kind, namespace: doc.namespace });
  const lines = Object.entries(doc.records).map(([key, value]) => `${JSON.stringify(key)}:${valueLine(value)}`);
  return `${head.slice(0, -1)},"records":{${lines.length > 0 ? `\n${lines.join(',\n')}\n` : ''}}}\n`;
}

export class RecordSet {
  readonly db: Low<RecordsDoc>;

  constructor(
    readonly namespace: string,
    readonly file: string,
    private readonly backup: (file: string) => Promise<void>,
  ) {
    this.db = new Low<RecordsDoc>(
      new DurableJsonFile<RecordsDoc>(file, {
        parse: (raw) => {
          const problem = (detail: string) => new StoreCorruptError(file, detail);
          const upgraded = upgradeDocument(raw, file, problem);
          const doc = RecordsDocSchema.safeParse(upgraded);
          if (!doc.success) throw problem(`its envelope is invalid (${describeIssue(doc.error)})`);
          if (namespaceFileName(doc.data.namespace) !== namespaceFileName(namespace)) {
            throw problem(`it says it holds namespace "${doc.data.namespace}", but its name says "${namespace}"`);
          }
          // The parsed JSON's own object, not zod's copy: zod rebuilds records by assignment, which drops a key
          // such as "__proto__"; JSON.parse keeps every key as an own property.
          return { ...doc.data, records: recordMap(upgraded.records as Record<string, unknown>) };
        },
        corrupt: (path, detail) => new StoreCorruptError(path, detail),
        beforeWrite: backup,
        serialize: serializeRecords,
      }),
      { schemaVersion: SCHEMA_VERSION, kind: 'records', namespace, records: recordMap({}) },
    );
  }

  static fromFile(dir: string, fileName: string, backup: (file: string) => Promise<void>): RecordSet {
    const namespace = decodeURIComponent(fileName.slice(0, -'.json'.length));
    return new RecordSet(namespace, join(dir, fileName), backup);
  }

  has(key: string): boolean {
    return Object.hasOwn(this.db.data.records, key);
  }

  get(key: string): unknown {
    return this.has(key) ? copyOf(this.db.data.records[key]) : undefined;
  }

  entries(): Array<[string, unknown]> {
    return Object.entries(this.db.data.records).map(([k, v]) => [k, copyOf(v)]);
  }

  /** The file's text for what is in memory (a checkpoint writes it). */
  serialize(): string {
    return serializeRecords(this.db.data);
  }

  /** Whether `key` is set as this write sees it (staged by an earlier write of the batch, else as durable). */
  hasIn(txn: Txn, key: string): boolean {
    const changes = txn.valueOf<StagedRecords>(this)?.changes;
    if (changes?.has(key)) return changes.get(key) !== undefined;
    return this.has(key);
  }

  /**
   * Stages these keys set (or removed when a value is undefined); memory changes once they are durable. Only the
   * batch's changes are kept aside, not a copy of the whole namespace: `owners` and `sessions` hold a record per
   * person, and copying them for every put was the largest cost of a put (bench:engine profile).
   */
  stageMany(txn: Txn, entries: ReadonlyArray<readonly [string, unknown]>): void {
    const changes = new Map(txn.valueOf<StagedRecords>(this)?.changes);
    for (const [key, value] of entries) {
      changes.set(key, value);
      txn.log(value === undefined ? changeText.deleted(this.namespace, key) : changeText.put(this.namespace, key, valueLine(value)));
    }
    txn.stage<StagedRecords>(this, {
      value: { changes },
      file: this.file,
      content: () => {
        const records = recordMap(this.db.data.records);
        applyChanges(records, changes);
        return serializeRecords({ ...this.db.data, records });
      },
      beforeWrite: this.backup,
      // Edited in place, once durable: readers only ever get copies (get, entries), so nobody holds the object.
      apply: () => applyChanges(this.db.data.records, changes),
    });
  }
}

/**
 * A namespace's records as the store keeps them in memory: a copy of `records` (own keys, "__proto__" included) in an
 * object without a prototype. V8 keeps such an object as a hash table from the start. A plain object (JSON.parse's,
 * or the `{}` of a new namespace) is kept with a hidden class per set of keys instead, so each put of a new key made
 * a new class and copied the old one's key list, and a value of another shape reworked the class: in bench:engine the
 * 3,765 puts of a run spent 150–280 ms in `applyChanges`, 55 µs a put (`owners` and `recorded-by` gain a key on most
 * of theirs); replayed on an object without a prototype the same puts took 2–16 ms.
 */
function recordMap(records: Readonly<Record<string, unknown>>): Record<string, unknown> {
  // Object.assign sets by [[Set]], which on an object without a prototype makes "__proto__" an own property like any other.
  return Object.assign(Object.create(null) as Record<string, unknown>, records);
}

/** A batch's changes to one namespace: the new value of each key, undefined for a removed one. */
interface StagedRecords {
  changes: Map<string, unknown>;
}

function applyChanges(records: Record<string, unknown>, changes: ReadonlyMap<string, unknown>): void {
  for (const [key, value] of changes) {
    if (value === undefined) delete records[key];
    // defineProperty, not assignment: a key such as "__proto__" must become an own property like any other.
    else Object.defineProperty(records, key, { value, enumerable: true, writable: true, configurable: true });
  }
}
