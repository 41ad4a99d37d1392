/**
 * `npm run bench:seen`: what SeenMessages writes per handled message when a day holds 20,000 ids (issue 17 item 5).
 * One SeenMessages is fed a day of message ids (BENCH_SEEN_IDS, default 20,000, evenly over 24 h, 9-digit ids as
 * Telegram's update ids are), then the next hour of messages is measured: the JSON bytes of every record it puts
 * (what the lowdb store serialises and appends to its journal, less the entry's framing), how many records it
 * writes and deletes, and the CPU time of `handled` including that serialisation. The records go to an in-memory
 * map, not a data directory, so the fsync of the journal is not in the figure (it is the same one per message
 * either way). Uses only the public begin/handled API, so the same file measures the version before hour buckets
 * (whose first day takes ~2 min of CPU to fill: every message rewrote the whole map).
 */
import { SeenMessages } from '../src/inbound/seen-messages.ts';
import type { Store, WriteOptions } from '../src/store/store.ts';

const IDS = Number(process.env.BENCH_SEEN_IDS ?? 20_000);
const DAY = 24 * 3_600_000;
const STEP = DAY / IDS;
const START = Date.parse('2026-11-26T00:00:00Z');

const records = new Map<string, unknown>();
const counted = { on: false, puts: 0, deletes: 0, bytes: 0, maxBytes: 0 };
const store = {
  async getRecord<T>(namespace: string, key: string): Promise<T | undefined> {
    return records.get(`${namespace}/${key}`) as T | undefined;
  },
  async listRecords<T>(namespace: string): Promise<Array<[string, T]>> {
    return [...records].filter(([k]) => k.startsWith(`${namespace}/`)).map(([k, v]) => [k.slice(namespace.length + 1), v as T]);
  },
  async putRecord(namespace: string, key: string, value: unknown, _options?: WriteOptions): Promise<void> {
    if (counted.on) {
      // The store serialises what it is given (a copy for memory, a line for the journal): counted here.
      const bytes = Buffer.byteLength(JSON.stringify(value));
      counted.puts += 1;
      counted.bytes += bytes;
      counted.maxBytes = Math.max(counted.maxBytes, bytes);
    }
    records.set(`${namespace}/${key}`, value);
  },
  async deleteRecord(namespace: string, key: string, _options?: WriteOptions): Promise<void> {
    if (counted.on) counted.deletes += 1;
    records.delete(`${namespace}/${key}`);
  },
} as unknown as Store;

const seen = new SeenMessages(store, 'bench');
let n = 0;
async function one(): Promise<void> {
  const now = new Date(START + n * STEP);
  const id = String(800_000_000 + n);
  n += 1;
  if (!(await seen.begin(id, now))) throw new Error(`id ${id} refused`);
  await seen.handled(id, now);
}

const warmStart = process.cpuUsage();
for (let i = 0; i < IDS; i += 1) await one();
const warm = process.cpuUsage(warmStart);

const measured = Math.round(3_600_000 / STEP);
counted.on = true;
const cpu = process.cpuUsage();
for (let i = 0; i < measured; i += 1) await one();
const used = process.cpuUsage(cpu);

const per = (x: number) => x / measured;
console.log(`seen ids: ${IDS} a day (one every ${(STEP / 1000).toFixed(2)} s); the hour after the first day: ${measured} handled messages`);
console.log(`  bytes written per handled message: mean ${Math.round(per(counted.bytes)).toLocaleString('en')}, max ${counted.maxBytes.toLocaleString('en')}`);
console.log(`  records put ${counted.puts}, deleted ${counted.deletes}`);
console.log(`  CPU per handled message (SeenMessages + JSON of what it writes): ${(per(used.user + used.system) / 1000).toFixed(3)} ms`);
console.log(`  (filling the first day: ${((warm.user + warm.system) / 1e6).toFixed(1)} s CPU)`);
