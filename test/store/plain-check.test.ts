import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { TicketEventSchema } from '../../src/domain/events.ts';
import { type Ticket, TicketSchema } from '../../src/domain/ticket.ts';
import { readWhole, scanPlainBytes, ticketLines } from '../../src/store/partition-bytes.ts';
import { checkPartition, checkTickets, describeIssue, parseTicket, serializePartition, summaryRowOf } from '../../src/store/partitions.ts';
import { ticketBytesCheck, ticketBytesPlan } from '../../src/store/partition-scan.ts';
import { asciiOnly, checkOf, orZodOnly, plainCheck, plainCheckOfBytes, plainParse } from '../../src/store/plain-check.ts';
import { generateTickets, random } from './fixtures/generate.ts';

// The start-up workers take a ticket as parsed when plainCheck(TicketSchema) says yes, instead of zod's copy
// (issue 17, item 5). That is only sound if a yes means: zod accepts it and returns exactly the same value.

const plainTicket = plainCheck(TicketSchema);
const at = '2026-03-01T08:00:00.000Z';
const owner = { kind: 'owner', platform: 'wechat', id: 'o1', name: '王先生' };
const staff = { kind: 'staff', platform: 'telegram', id: '501', name: '张工' };
const system = { kind: 'system', name: 'huiyin' };
const ref = { platform: 'telegram', id: '501', name: '张工' };
const room = { kind: 'room', building: '5', unit: '2', room: '502', text: '5栋2单元502' };
const place = { kind: 'public', place: '3栋大堂', text: '3栋大堂' };

/** One event of every type, with its optional fields, so the fuzz below reaches every branch of the schema. */
const EVENTS: Record<string, object> = {
  created: {
    at, by: owner, via: 'wechat:g1', type: 'created', category: 'assist', clause: '4.3.2.1', unit: 'office', party: 'developer',
    description: '楼上漏水', location: room, appointmentAt: at, appointmentEnd: '2026-03-01T10:00:00+08:00',
    attachments: ['img:1'], major: true, urgent: '电梯困人', channel: 'phone', relatesTo: 'R0001',
  },
  confirmed: { at, by: owner, type: 'confirmed' },
  notified: { at, by: system, type: 'notified', unit: 'engineering', chat: '-1002', onDuty: 'telegram:501' },
  accepted: { at, by: staff, type: 'accepted', handler: ref },
  scheduled: { at, by: staff, type: 'scheduled', appointmentAt: at, appointmentEnd: at, reason: '业主改时间' },
  promised: { at, by: staff, type: 'promised', promisedAt: at, reason: '等配件' },
  relayed: { at, by: staff, type: 'relayed', direction: 'to_owner', text: '下午到' },
  transferred: { at, by: staff, type: 'transferred', toUnit: 'office_head', toHandler: ref, reason: '不归我们' },
  reclassified: { at, by: staff, type: 'reclassified', category: 'valid', clause: '4.3.1.5', unit: 'office_head', party: 'utility', reason: '改' },
  escalated: { at, by: system, type: 'escalated', to: 'managers', reason: '重大', clause: '4.3.1.5', complaint: 'C0002' },
  nudged: { at, by: owner, type: 'nudged', reason: 'owner_chase', target: 'telegram:501' },
  assisted: { at, by: staff, type: 'assisted', unit: 'engineering', part: 'done', result: '已断电' },
  completed: { at, by: staff, type: 'completed', result: '已修好' },
  rated: { at, by: owner, type: 'rated', ratings: { quality: 5, timeliness: 4, attitude: 3 }, comment: '' },
  reopened: { at, by: owner, type: 'reopened', reason: '又坏了' },
  amended: { at, by: owner, type: 'amended', location: place, phone: null, description: '改成大堂' },
  closed: { at, by: staff, type: 'closed', reason: 'return_visit', note: '回访满意' },
};

function fullTicket(): Ticket {
  const [base] = generateTickets(1, { months: 1 });
  return {
    ...base!,
    history: Object.values(EVENTS) as Ticket['history'],
    party: 'other_owner',
    location: place,
    urgent: '漏水',
    confirmedAt: at,
    acceptedAt: at,
    handler: ref,
    appointmentAt: at,
    appointmentEnd: at,
    promisedAt: at,
    promiseReason: '配件',
    escalatedTo: 'office_head',
    result: '好了',
    completedAt: at,
    ratings: { quality: 1, timeliness: 2, attitude: 5 },
    closedAt: at,
    relatesTo: 'S12345',
  } as Ticket;
}

/** Tickets as the store holds them (zod's own output), of every shape the fixtures and EVENTS give. */
const SAMPLES: Ticket[] = [
  fullTicket(),
  { ...fullTicket(), estate: '阳光花园 é', owner: { platform: 'wechat', id: 'wxid_张三😀', displayName: '张\u0085三', phone: '13800138000' } } as Ticket,
  ...generateTickets(400, { months: 3 }),
].map((t) => TicketSchema.parse(t));

/** Near misses and stray values: other types, empty, out of range, dates a regex might let through, and undefined. */
const ODD: unknown[] = [
  undefined, null, true, false, 0, -0, 1, 5, 6, -1, 1.5, 2 ** 53, Number.NaN, '', ' ', 'x', 'R001', 'R0001', 'R01234', 'r0001',
  '4.2.1.1', '4.', 'wechat', 'WeChat', 'open', 'closed', 'lost', 'room', 'public', 'created', 'engineering', 'repair', 'other',
  '2026-03-01T08:00:00Z', '2026-03-01T08:00:00', '2026-02-29T08:00:00Z', '2024-02-29T08:00:00+08:00', '2026-03-01 08:00:00Z',
  '2026-03-01T24:00:00Z', '2026-03-01T08:00:00.Z', '13800138000', '+8613800138000', '0755-2665123', [], [1], ['a'], {}, { kind: 'system' },
  // Not ASCII: what a byte-level check must not confuse with anything (C1 control, no-break space, full-width digits).
  '中', 'é', '\u0085', '\u00a0', '😀', '１２', 'R０００１', 'R0001\u00a0', '2026-03-01T08:00:00＋08:00', 'wéchat', 'open\u2028', 'ó'.repeat(3),
];

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Every object and array inside a value, with how to reach it. */
function containers(value: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

/** One random change somewhere in the ticket: a field dropped, added, replaced by an odd value or by another's. */
function mutate(ticket: unknown, rnd: () => number): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const target = pick(containers(ticket));
  const keys = Object.keys(target);
  const r = rnd();
  if (Array.isArray(target)) {
    if (r < 0.2 && target.length > 0) target.pop();
    else if (r < 0.4) target.push(clone(pick(containers(pick(SAMPLES)))));
    else if (target.length > 0) target[Math.floor(rnd() * target.length)] = r < 0.7 ? clone(pick(ODD)) : clone(pick(containers(pick(SAMPLES))));
    return;
  }
  if (r < 0.15 && keys.length > 0) delete target[pick(keys)];
  else if (r < 0.25) {
    // As JSON.parse makes it: an own property, even one named __proto__.
    const key = pick(['extra', 'Status', '__proto__', 'toString', 'kind', 'type']);
    Object.defineProperty(target, key, { value: clone(pick(ODD)), enumerable: true, writable: true, configurable: true });
  }
  else if (keys.length > 0) {
    // Values that fit somewhere else in a ticket are the likeliest to be valid here too: borrow one.
    const donor = pick(containers(pick(SAMPLES))) as Record<string, unknown>;
    const key = pick(keys);
    target[key] = r < 0.6 ? clone(pick(ODD)) : clone(Object.hasOwn(donor, key) ? donor[key] : pick(Object.values(donor)));
  }
}

describe('plainCheck(TicketSchema) against zod', () => {
  it('parseTicket (the write path) returns what zod returns, fields in its order, without zod for a plain ticket', () => {
    const tickets = [...SAMPLES, ...generateTickets(200, { seed: 5 })];
    // Fields in another order, as the state machine leaves them when an event adds one.
    const drafts = tickets.map((t) => Object.fromEntries(Object.entries(JSON.parse(JSON.stringify(t)) as object).reverse()));
    const expected = drafts.map((d) => JSON.stringify(TicketSchema.parse(d)));
    const zod = vi.spyOn(TicketSchema, 'parse');
    try {
      expect(drafts.map((d) => JSON.stringify(parseTicket(d)))).toEqual(expected);
      expect(zod).not.toHaveBeenCalled();
      // Not plain (an unknown field zod strips): zod decides, as before.
      expect(parseTicket({ ...drafts[0], extra: 1 })).toEqual(JSON.parse(expected[0]!));
      expect(zod).toHaveBeenCalledTimes(1);
      expect(() => parseTicket({ ...drafts[0], status: 'lost' })).toThrow();
    } finally {
      zod.mockRestore();
    }
  });

  it('every event type has a sample, and every stored ticket is plain (the fast path is taken)', () => {
    const types = (TicketEventSchema as unknown as { options: Array<{ shape: { type: { value: string } } }> }).options.map((o) => o.shape.type.value);
    expect(Object.keys(EVENTS).sort()).toEqual([...types].sort());
    for (const ticket of SAMPLES) expect(plainTicket(JSON.parse(JSON.stringify(ticket)))).toBe(true);
  });

  it('fuzzed: a yes is always a ticket zod accepts and returns unchanged; zod decides the rest', () => {
    const rnd = random(17);
    const seen = { plain: 0, validNotPlain: 0, invalid: 0 };
    for (let i = 0; i < 30_000; i += 1) {
      const ticket = clone(SAMPLES[Math.floor(rnd() * SAMPLES.length)]!) as unknown;
      const changes = 1 + Math.floor(rnd() * 3);
      for (let c = 0; c < changes; c += 1) mutate(ticket, rnd);
      const zod = TicketSchema.safeParse(ticket);
      if (plainTicket(ticket)) {
        seen.plain += 1;
        expect(zod.success, JSON.stringify(ticket)).toBe(true);
        expect(zod.data).toStrictEqual(ticket);
      } else if (zod.success) seen.validNotPlain += 1;
      else seen.invalid += 1;
    }
    // The fuzz reaches both sides: changed tickets still plain, valid ones zod must copy, and invalid ones.
    expect(seen.plain).toBeGreaterThan(1000);
    expect(seen.validNotPlain).toBeGreaterThan(1000);
    expect(seen.invalid).toBeGreaterThan(10_000);
  });

  it('plainParse returns what zod returns (a fresh copy, fields in its order) or throws as zod does', () => {
    const rnd = random(23);
    const parse = plainParse(TicketEventSchema);
    const seen = { copied: 0, invalid: 0 };
    for (let i = 0; i < 20_000; i += 1) {
      const ticket = clone(SAMPLES[Math.floor(rnd() * SAMPLES.length)]!) as { history: unknown[] };
      for (let c = Math.floor(rnd() * 3); c > 0; c -= 1) mutate(ticket, rnd);
      const event = Array.isArray(ticket.history) && ticket.history.length > 0 ? ticket.history[0] : ticket;
      // Fields in another order, as callers build events.
      const given = event && typeof event === 'object' && !Array.isArray(event) ? Object.fromEntries(Object.entries(event).reverse()) : event;
      const zod = TicketEventSchema.safeParse(given);
      if (!zod.success) {
        seen.invalid += 1;
        expect(() => parse(given)).toThrow();
        continue;
      }
      const ours = parse(given) as object;
      expect(JSON.stringify(ours)).toBe(JSON.stringify(zod.data));
      expect(ours).not.toBe(given);
      seen.copied += 1;
    }
    expect(seen.copied).toBeGreaterThan(2000);
    expect(seen.invalid).toBeGreaterThan(2000);
  });

  it('checkTickets returns what z.array(TicketSchema) returns, or the same first issue', () => {
    const rnd = random(5);
    const zodArray = z.array(TicketSchema);
    for (let i = 0; i < 2000; i += 1) {
      const tickets = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => clone(SAMPLES[Math.floor(rnd() * SAMPLES.length)]!) as unknown);
      const broken = Math.floor(rnd() * 3);
      for (let b = 0; b < broken; b += 1) mutate(tickets[Math.floor(rnd() * tickets.length)], rnd);
      const expected = zodArray.safeParse(tickets);
      const actual = checkTickets(tickets);
      if (expected.success) expect(actual).toStrictEqual({ tickets: expected.data });
      else expect(actual).toStrictEqual({ issue: describeIssue(expected.error) });
    }
  });

  it('a default zod fills in is not plain: the ticket goes through zod and gets it', () => {
    const ticket = clone(SAMPLES[1]!) as unknown as { history: Array<Record<string, unknown>> };
    delete ticket.history[0]!.major;
    delete ticket.history[0]!.channel;
    expect(plainTicket(ticket)).toBe(false);
    const checked = checkTickets([ticket]);
    expect('tickets' in checked && checked.tickets[0]!.history[0]).toMatchObject({ major: false, channel: 'chat' });
  });

  it('refuses to compile what it cannot decide exactly, rather than guess', () => {
    expect(() => plainCheck(z.string().transform((s) => s.trim()))).toThrow(/pipe/);
    expect(() => plainCheck(z.object({ a: z.string().refine((s) => s !== 'x') }))).toThrow(/check "custom"/);
    expect(() => plainCheck(z.string().email())).toThrow(/email/);
    expect(() => plainCheck(z.union([z.string(), z.number()]))).toThrow(/discriminator/);
    expect(() => plainCheck(z.object({ a: z.string() }).catchall(z.number()))).toThrow(/catch-all/);
    expect(() => plainCheck(z.coerce.number())).toThrow(/coercion/);
  });

  it('a schema it cannot compile leaves every value to zod, with a line in the log, rather than stop the store', () => {
    const logged: string[] = [];
    const check = orZodOnly(() => plainCheck(z.object({ a: z.string().email() })), (m) => logged.push(m));
    expect(check({ a: 'x@example.com' })).toBe(false);
    expect(logged.join('\n')).toMatch(/email.*checked by zod alone/);
    expect(() => orZodOnly(() => { throw new TypeError('a bug'); })).toThrow(TypeError);
  });
});

// The start-up threads check a partition's bytes read as Latin-1, without decoding them (partition-bytes.ts). Sound
// only if, for valid UTF-8 without \u escapes, the byte-level check answers as the check of the decoded text does.
describe('plainCheckOfBytes(TicketSchema): the same answers on undecoded UTF-8', () => {
  const plainBytes = plainCheckOfBytes(TicketSchema);
  // What a start-up thread builds: the plan, copied to it as postMessage copies (it loads no zod).
  const inThread = checkOf(structuredClone(ticketBytesPlan()));
  const latin1 = (value: unknown): unknown => JSON.parse(Buffer.from(JSON.stringify(value), 'utf8').toString('latin1'));

  it('fuzzed: answers exactly as plainCheck on the decoded ticket', () => {
    const rnd = random(23);
    const seen = { plain: 0, not: 0, escaped: 0 };
    for (let i = 0; i < 20_000; i += 1) {
      const ticket = clone(SAMPLES[Math.floor(rnd() * SAMPLES.length)]!) as unknown;
      const changes = Math.floor(rnd() * 3);
      for (let c = 0; c < changes; c += 1) mutate(ticket, rnd);
      const text = JSON.stringify(ticket);
      if (text === undefined || text.includes('\\u')) {
        seen.escaped += 1;
        continue;
      }
      const expected = plainTicket(JSON.parse(text));
      expect(plainBytes(latin1(ticket)), text).toBe(expected);
      expect(inThread(latin1(ticket)), text).toBe(expected);
      seen[expected ? 'plain' : 'not'] += 1;
    }
    expect(seen.plain).toBeGreaterThan(5000);
    expect(seen.not).toBeGreaterThan(5000);
  });

  it('refuses a schema whose answer could depend on the decoding', () => {
    expect(() => plainCheckOfBytes(z.string().min(2))).toThrow(/length/);
    expect(() => plainCheckOfBytes(z.string().max(3))).toThrow(/length/);
    expect(() => plainCheckOfBytes(z.enum(['中', 'a']))).toThrow(/not ASCII/);
    expect(() => plainCheckOfBytes(z.object({ 名: z.string() }))).toThrow(/not ASCII/);
    for (const p of [/^.+$/, /^\s$/, /^\w+$/, /^\D$/, /^[^a]$/, /abc/, /^abc/, /^a|b$/, /^a$/i, /^a$/u, /^中$/, /^\u4e2d$/, /^\x41$/, /^(a)\1$/]) {
      expect(asciiOnly(p), String(p)).toBe(false);
      expect(() => plainCheckOfBytes(z.string().regex(p))).toThrow(/ASCII/);
    }
    for (const p of [/^\d+(\.\d+)*$/, /^[a-z][a-z0-9_-]*$/, /^(a|b)$/, /^[.|]$/]) expect(asciiOnly(p), String(p)).toBe(true);
  });
});

describe('scanPlainBytes: a partition checked from its bytes', () => {
  const tickets = SAMPLES.filter((t) => t.number.startsWith('R') && Number(t.number.slice(1)) < 250);
  const job = { key: 'R-0000', ledger: 'R' as const, block: 0 };
  const file = (list: unknown[], envelope: object = {}): Buffer =>
    Buffer.from(serializePartition({ schemaVersion: 1, kind: 'tickets', ledger: 'R', block: 0, tickets: list as Ticket[], ...envelope }));
  const normal = (bytes: Buffer) => {
    const doc = checkPartition(JSON.parse(bytes.toString('utf8')), 'R-0000.json', job.key, job.ledger, job.block);
    return { rows: doc.tickets.map(summaryRowOf), active: doc.tickets.filter((t) => t.status !== 'closed') };
  };

  it('gives exactly the rows and open tickets the normal read gives, Chinese and emoji decoded', () => {
    const mine = [{ ...SAMPLES[1]!, number: 'R0249', status: 'open' }, ...tickets];
    const bytes = file(mine);
    expect(tickets.length).toBeGreaterThan(20);
    const result = scanPlainBytes(bytes, job, ticketBytesCheck());
    expect(result).toStrictEqual(normal(bytes));
    expect(result!.rows[0]).toEqual([249, 'open', '阳光花园 é', SAMPLES[1]!.unit, 'wechat:wxid_张三😀', Date.parse(SAMPLES[1]!.createdAt)]);
    expect(result!.active[0]!.owner.displayName).toBe('张\u0085三');
  });

  it('leaves every file it cannot vouch for to the normal read', () => {
    const lost = { ...tickets[0]!, status: 'lost' };
    const { major: _, ...created } = tickets[1]!.history[0] as Record<string, unknown>;
    const oldFormat = { ...tickets[1]!, history: [created, ...tickets[1]!.history.slice(1)] };
    const escaped = { ...tickets[2]!, description: 'bell\u0007' };
    const cases: Array<[string, Buffer]> = [
      ['an invalid ticket', file([lost, ...tickets])],
      ['a default to fill in', file([oldFormat])],
      ['a \\u escape', file([escaped])],
      ['a newer version', file(tickets, { schemaVersion: 2 })],
      ['another block', file(tickets, { block: 1 })],
      ['a ticket twice', file([tickets[0], tickets[0]])],
      ['a ticket of another partition', file([{ ...tickets[0]!, number: 'R0250' }])],
      ['invalid UTF-8', Buffer.concat([file(tickets).subarray(0, 200), Buffer.from([0xe4, 0xb8]), file(tickets).subarray(200)])],
      ['not JSON', Buffer.from('{"schemaVersion":1,')],
    ];
    for (const [what, bytes] of cases) expect(scanPlainBytes(bytes, job, ticketBytesCheck()), what).toBeUndefined();
    expect(scanPlainBytes(file(tickets), job, ticketBytesCheck())).toBeDefined();
  });

  // A cold start parses a file line by line (a 450 KB string per file cost as much CPU as the parse): issue 17, item 5.
  it('reads a file as serializePartition writes it one line at a time, to the very document JSON.parse gives', () => {
    const whole = (bytes: Buffer): unknown => JSON.parse(bytes.toString('latin1'));
    for (const list of [tickets, tickets.slice(0, 1), []]) {
      const bytes = file(list);
      const lines = ticketLines(bytes, job);
      expect(lines).toBeDefined();
      expect(lines).toStrictEqual(whole(bytes));
    }
    expect(ticketLines(file(tickets), job)!.tickets).toHaveLength(tickets.length);
  });

  it('leaves any other layout to the whole-file parse, which then answers as before', () => {
    const text = file(tickets).toString('utf8');
    const [first, second] = [JSON.stringify(tickets[0]), JSON.stringify(tickets[1])];
    const doc = JSON.parse(text) as object;
    const cases: Array<[string, string, 'same' | 'invalid']> = [
      ['pretty-printed', `${JSON.stringify(doc, null, 2)}\n`, 'same'],
      ['CRLF line ends', text.replaceAll('\n', '\r\n'), 'same'],
      ['a blank line', text.replace(`${first},\n`, `${first},\n\n`), 'same'],
      ['a ticket over two lines', text.replace(first, first.replace('","', '",\n"')), 'same'],
      ['no newline at the end', text.slice(0, -1), 'same'],
      ['a trailing comma', text.replace(/\n\]\}\n$/, ',\n]}\n'), 'invalid'],
      ['two tickets on a line', text.replace(`${first},\n${second}`, `${first},${second}`), 'same'],
      ['another version', text.replace('"schemaVersion":1', '"schemaVersion":2'), 'invalid'],
      ['another block', text.replace('"block":0', '"block":1'), 'invalid'],
      ['a ticket cut short', text.replace(first, first.slice(0, -1)), 'invalid'],
    ];
    for (const [what, changed, expected] of cases) {
      const bytes = Buffer.from(changed);
      expect(ticketLines(bytes, job), what).toBeUndefined();
      if (expected === 'same') expect(scanPlainBytes(bytes, job, ticketBytesCheck()), what).toStrictEqual(normal(file(tickets)));
      else expect(scanPlainBytes(bytes, job, ticketBytesCheck()), what).toBeUndefined();
    }
  });
});

describe('readWhole: a start-up thread reads each file into one reused buffer', () => {
  it('gives each file its own bytes exactly, larger or smaller than the last, and undefined for a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huiyin-read-'));
    const files = [3 * 2 ** 20 + 7, 10, 0, 2 ** 20, 5 * 2 ** 20 + 1].map((size, i) => {
      const bytes = Buffer.alloc(size, 97 + i);
      if (size > 0) bytes[size - 1] = 10;
      writeFileSync(join(dir, `f${i}`), bytes);
      return { file: join(dir, `f${i}`), bytes };
    });
    for (const { file, bytes } of [...files, ...files.reverse()]) expect(readWhole(file)!.equals(bytes), file).toBe(true);
    expect(readWhole(join(dir, 'missing'))).toBeUndefined();
    expect(readWhole(dir)).toBeUndefined();
  });
});
