/**
 * Small key-value records, one file per namespace (`records/sessions.json`, `records/outbox.json`, ...): hot state
 * stays in small files, and a busy namespace never rewrites the tickets.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { DurableJsonFile } from './durable-file.ts';
import { type RecordsDoc, RecordsDocSchema, SCHEMA_VERSION, upgradeDocument } from './schema.ts';
import { StoreCorruptError } from './store.ts';
import { describeIssue } from './partitions.ts';

/** A namespace as a file name: letters, digits, `_` and `-` kept, everything else %-escaped (no `/`, no `..`). */
export function namespaceFileName(namespace: string): string {
  const escaped = encodeURIComponent(namespace).replace(/[.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${escaped}.json`;
}

export const NAMESPACE_FILE = /^[A-Za-z0-9_%-]+\.json$/;

export class RecordSet {
  readonly db: Low<RecordsDoc>;

  constructor(
    readonly namespace: string,
    readonly file: string,
    backup: (file: string) => Promise<void>,
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
          return { ...doc.data, records: upgraded.records as Record<string, unknown> };
        },
        corrupt: (path, detail) => new StoreCorruptError(path, detail),
        beforeWrite: backup,
      }),
      { schemaVersion: SCHEMA_VERSION, kind: 'records', namespace, records: {} },
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
    return this.has(key) ? structuredClone(this.db.data.records[key]) : undefined;
  }

  entries(): Array<[string, unknown]> {
    return Object.entries(this.db.data.records).map(([k, v]) => [k, structuredClone(v)]);
  }

  /** Writes the namespace with `key` set (or removed when `value` is undefined); memory changes after the disk. */
  async set(key: string, value: unknown): Promise<void> {
    await this.setMany([[key, value]]);
  }

  /** Several keys in one durable write. */
  async setMany(entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
    const records = { ...this.db.data.records };
    for (const [key, value] of entries) {
      if (value === undefined) delete records[key];
      else Object.defineProperty(records, key, { value, enumerable: true, writable: true, configurable: true });
    }
    const next: RecordsDoc = { ...this.db.data, records };
    await this.db.adapter.write(next);
    this.db.data = next;
  }
}
