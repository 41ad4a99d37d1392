/**
 * One table for docs/timeliness.md: every line of the doc has at least one row here, and the last test fails when a
 * line of the doc has none. Times are minutes after the request (2026-11-27 09:00 Beijing).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  DEFAULT_TIMELINESS,
  judgeTimeliness,
  type Ticket,
  type Timeliness,
  type TimelinessOptions,
  timelyRate,
} from '../../src/domain/index.ts';
import { LIU, OWNER, ZHANG, apply, at, newRepair } from '../helpers/tickets.ts';

const H = 60;
const CHEN = { platform: 'console' as const, id: 'chen', name: '陈文员' };
const OWNER_ACT: Actor = OWNER;

interface Row {
  line: string;
  name: string;
  ticket: () => Ticket;
  /** Minutes after the request at which it is judged. */
  now: number;
  options?: TimelinessOptions;
  expect: Partial<Pick<Timeliness, 'status' | 'rule' | 'deadline' | 'source' | 'lateAt' | 'doneAt' | 'target'>> & {
    holder?: string;
    moves?: Array<{ counts: boolean; reason?: string; to: string }>;
  };
}

const consult = (overrides = {}) => newRepair({ category: 'consult', clause: '5.1', unit: 'office', description: '物业费怎么交', ...overrides });
const paid = (overrides = {}) => newRepair({ category: 'paid_service', clause: '4.2.2', unit: 'office', description: '室内保洁', ...overrides });
const accepted = () => apply(newRepair(), { type: 'accepted', handler: ZHANG, at: at(10) });

const ROWS: Row[] = [
  {
    line: 'D1',
    name: "a repair with the owner's appointment (start only) is due by the end of the default window",
    ticket: () => apply(newRepair({ appointmentAt: at(5 * H) }), { type: 'accepted', handler: ZHANG }, { type: 'completed', result: '修好', at: at(6 * H) }),
    now: 100 * H,
    expect: { status: 'timely', rule: 'timely_done', deadline: at(7 * H), source: 'appointment' },
  },
  {
    line: 'D1',
    name: 'an appointment window with its own end is due by that end',
    ticket: () => apply(accepted(), { type: 'scheduled', appointmentAt: at(60), appointmentEnd: at(300) }),
    now: 120,
    expect: { status: 'pending', deadline: at(300), source: 'appointment' },
  },
  {
    line: 'D1',
    name: "the owner's later appointment outranks an earlier promise on a repair (R0035)",
    ticket: () =>
      apply(
        accepted(),
        { type: 'promised', promisedAt: at(24 * H), at: at(20) },
        { type: 'scheduled', appointmentAt: at(30 * H), appointmentEnd: at(32 * H), reason: '业主要求改到周末', at: at(2 * H) },
        { type: 'completed', result: '修好', at: at(31 * H) },
      ),
    now: 40 * H,
    expect: { status: 'timely', deadline: at(32 * H), source: 'appointment' },
  },
  {
    line: 'D2',
    name: 'a repair without appointment is due by the resolution time told to the owner',
    ticket: () => apply(accepted(), { type: 'promised', promisedAt: at(48 * H), at: at(30) }, { type: 'completed', result: '换了配件', at: at(47 * H) }),
    now: 50 * H,
    expect: { status: 'timely', deadline: at(48 * H), source: 'promised' },
  },
  {
    line: 'D2',
    name: 'outside repairs an appointment is only a visit time: the promise is the deadline',
    ticket: () =>
      apply(
        paid({ appointmentAt: at(3 * H) }),
        { type: 'accepted', handler: CHEN, at: at(10) },
        { type: 'promised', promisedAt: at(30 * H), at: at(20) },
        { type: 'completed', result: '已保洁', at: at(29 * H) },
      ),
    now: 50 * H,
    expect: { status: 'timely', deadline: at(30 * H), source: 'promised' },
  },
  {
    line: 'D3',
    name: 'without appointment or promise, due 72 h after the request: pending just before',
    ticket: () => newRepair(),
    now: 72 * H,
    expect: { status: 'pending', rule: 'pending', deadline: at(72 * H), source: 'default' },
  },
  {
    line: 'D7',
    name: "a paid service arranged for the owner's day after D3's time is due by the end of that visit, not overdue before it",
    ticket: () => paid({ appointmentAt: at(96 * H), appointmentEnd: at(99 * H) }),
    now: 80 * H,
    expect: { status: 'pending', deadline: at(99 * H), source: 'appointment' },
  },
  {
    line: 'D7',
    name: 'a paid service moved to a later day (预约 before the deadline) moves its deadline with it; an earlier visit leaves D3',
    ticket: () =>
      apply(
        paid({ appointmentAt: at(3 * H) }),
        { type: 'accepted', handler: CHEN, at: at(10) },
        { type: 'scheduled', appointmentAt: at(100 * H), appointmentEnd: at(103 * H), reason: '业主改到下周', at: at(2 * H) },
      ),
    now: 90 * H,
    expect: { status: 'pending', deadline: at(103 * H), source: 'appointment', moves: [{ counts: true, reason: '业主改到下周', to: at(103 * H) }] },
  },
  {
    line: 'D7',
    name: 'a paid service visited earlier than D3 keeps the 72 h',
    ticket: () => paid({ appointmentAt: at(3 * H) }),
    now: 73 * H,
    expect: { status: 'overdue', deadline: at(72 * H), source: 'default' },
  },
  {
    line: 'D3',
    name: "a category's own resolution time replaces the 72 h",
    ticket: () => paid(),
    now: 25 * H,
    options: { ...DEFAULT_TIMELINESS, resolutionHours: 24 },
    expect: { status: 'overdue', deadline: at(24 * H), lateAt: at(24 * H) },
  },
  {
    line: 'D4',
    name: 'a promise moved later before the deadline replaces it, with who/why kept',
    ticket: () =>
      apply(
        accepted(),
        { type: 'promised', promisedAt: at(24 * H), at: at(20) },
        { type: 'promised', promisedAt: at(60 * H), reason: '等配件', at: at(23 * H) },
        { type: 'completed', result: '换了配件', at: at(59 * H) },
      ),
    now: 70 * H,
    expect: {
      status: 'timely',
      deadline: at(60 * H),
      moves: [
        { counts: true, to: at(24 * H) },
        { counts: true, reason: '等配件', to: at(60 * H) },
      ],
    },
  },
  {
    line: 'D4',
    name: "a promise made during a repair's appointment replaces it (seen in play: the part had to be ordered)",
    ticket: () => apply(newRepair({ appointmentAt: at(5 * H) }), { type: 'accepted', handler: ZHANG }, { type: 'promised', promisedAt: at(30 * H), reason: '等配件', at: at(6 * H) }),
    now: 10 * H,
    expect: { status: 'pending', deadline: at(30 * H), source: 'promised', moves: [{ counts: true, reason: '等配件', to: at(30 * H) }] },
  },
  {
    line: 'D4',
    name: 'an appointment inside the window already in force moves nothing and is not listed as a move (field trial)',
    ticket: () => apply(newRepair({ appointmentAt: at(5 * H) }), { type: 'accepted', handler: ZHANG }, { type: 'scheduled', appointmentAt: at(5 * H), at: at(20) }),
    now: 60,
    expect: { status: 'pending', deadline: at(7 * H), source: 'appointment', moves: [] },
  },
  {
    line: 'D5',
    name: 'a promise set after the 72 h passed never rescues (R0010)',
    ticket: () =>
      apply(
        accepted(),
        { type: 'promised', promisedAt: at(100 * H), reason: '补救', at: at(80 * H) },
        { type: 'completed', result: '修好', at: at(90 * H) },
      ),
    now: 95 * H,
    expect: { status: 'late', rule: 'late_done', deadline: at(72 * H), target: at(100 * H), lateAt: at(72 * H), moves: [{ counts: false, reason: '补救', to: at(100 * H) }] },
  },
  {
    line: 'D5',
    name: 'a new appointment after the missed one keeps the ticket late (R0016)',
    ticket: () =>
      apply(
        newRepair({ appointmentAt: at(5 * H) }),
        { type: 'accepted', handler: ZHANG },
        { type: 'scheduled', appointmentAt: at(30 * H), at: at(8 * H) },
        { type: 'completed', result: '修好', at: at(30 * H + 30) },
      ),
    now: 40 * H,
    expect: { status: 'late', deadline: at(7 * H), target: at(32 * H), lateAt: at(7 * H) },
  },
  {
    line: 'D6',
    name: 'a transfer keeps the deadline counted from the request',
    ticket: () => apply(accepted(), { type: 'transferred', toUnit: 'office', at: at(70 * H) }, { type: 'accepted', handler: LIU, at: at(71 * H) }),
    now: 73 * H,
    expect: { status: 'overdue', deadline: at(72 * H), holder: '管理处 刘工' },
  },
  {
    line: 'D6',
    name: 'a reclassification keeps the deadline',
    ticket: () => apply(newRepair(), { type: 'reclassified', category: 'assist', clause: '4.3.2.1', unit: 'office', at: at(60) }),
    now: 73 * H,
    expect: { status: 'overdue', deadline: at(72 * H), source: 'default' },
  },
  {
    line: 'J1',
    name: 'done at the deadline itself is timely',
    ticket: () => apply(accepted(), { type: 'completed', result: '修好', at: at(72 * H) }),
    now: 80 * H,
    expect: { status: 'timely', rule: 'timely_done', doneAt: at(72 * H), holder: '工程班 张工' },
  },
  {
    line: 'J2',
    name: 'done a minute after the deadline is late',
    ticket: () => apply(accepted(), { type: 'completed', result: '修好', at: at(72 * H + 1) }),
    now: 80 * H,
    expect: { status: 'late', rule: 'late_done', lateAt: at(72 * H) },
  },
  {
    line: 'J3',
    name: 'reopened in time and redone in time: timely, judged on the final completion',
    ticket: () =>
      apply(
        accepted(),
        { type: 'completed', result: '修好', at: at(H) },
        { type: 'reopened', reason: '还在漏', at: at(2 * H), by: OWNER_ACT },
        { type: 'completed', result: '换管', at: at(10 * H) },
      ),
    now: 80 * H,
    expect: { status: 'timely', doneAt: at(10 * H) },
  },
  {
    line: 'J3',
    name: 'reopened after the deadline: late from the reopening, even when redone (R0020 before its close)',
    ticket: () =>
      apply(
        accepted(),
        { type: 'completed', result: '修好', at: at(H) },
        { type: 'reopened', reason: '回访不满意', at: at(80 * H) },
        { type: 'completed', result: '换管', at: at(81 * H) },
      ),
    now: 90 * H,
    expect: { status: 'late', rule: 'late_done', lateAt: at(80 * H), doneAt: at(81 * H) },
  },
  {
    line: 'J4',
    name: 'reopened, then closed without being done again: late (R0020)',
    ticket: () =>
      apply(
        accepted(),
        { type: 'completed', result: '修好', at: at(H) },
        { type: 'reopened', reason: '不满意', at: at(2 * H), by: OWNER_ACT },
        { type: 'closed', reason: 'no_action', note: '无法处理', at: at(3 * H) },
      ),
    now: 4 * H,
    expect: { status: 'late', rule: 'late_closed_unsolved', lateAt: at(3 * H), holder: '工程班 张工' },
  },
  {
    line: 'J5',
    name: 'cancelled before the deadline: not counted',
    ticket: () => apply(newRepair(), { type: 'closed', reason: 'cancelled', at: at(H), by: OWNER_ACT }),
    now: 100 * H,
    expect: { status: 'none', rule: 'dropped_in_time' },
  },
  {
    line: 'J5',
    name: 'a duplicate closed in time: not counted',
    ticket: () => apply(newRepair(), { type: 'closed', reason: 'duplicate', note: '重复 R0002', at: at(H) }),
    now: 100 * H,
    expect: { status: 'none' },
  },
  {
    line: 'J6',
    name: 'staff cancelling after the deadline: late (R0027)',
    ticket: () => apply(accepted(), { type: 'closed', reason: 'cancelled', at: at(75 * H) }),
    now: 100 * H,
    expect: { status: 'late', rule: 'late_dropped', lateAt: at(72 * H), holder: '工程班 张工' },
  },
  {
    line: 'J6',
    name: 'closing as nothing to do after the deadline: late (R0028)',
    ticket: () => apply(newRepair(), { type: 'closed', reason: 'no_action', at: at(90 * H) }),
    now: 100 * H,
    expect: { status: 'late', rule: 'late_dropped', holder: '工程班' },
  },
  {
    line: 'J10',
    name: 'a consultation the bot answered from the FAQ at intake is recorded as answered but not counted (S0001)',
    ticket: () => apply(consult(), { type: 'completed', result: 'FAQ:物业费可在服务中心或微信缴纳', at: at(0), by: { kind: 'system', name: '回音' } }),
    now: 100 * H,
    expect: { status: 'none', rule: 'auto_answered', doneAt: at(0), holder: '管理处' },
  },
  {
    line: 'J10',
    name: 'the FAQ answered, the owner reopened it and staff answered late: the staff answer is judged (J7), late',
    ticket: () =>
      apply(
        consult(),
        { type: 'completed', result: 'FAQ:物业费可在服务中心或微信缴纳', at: at(0), by: { kind: 'system', name: '回音' } },
        { type: 'reopened', reason: '没回答我的问题', at: at(10), by: OWNER_ACT },
        { type: 'relayed', direction: 'to_owner', text: '在服务中心交', at: at(73 * H), by: { kind: 'staff', ...CHEN } },
      ),
    now: 100 * H,
    expect: { status: 'late' },
  },
  {
    line: 'J7',
    name: 'a consultation answered by a staff reply is handled at the reply, even unmarked',
    ticket: () => apply(consult(), { type: 'relayed', direction: 'to_owner', text: '在服务中心交', at: at(3 * H), by: { kind: 'staff', ...CHEN } }),
    now: 100 * H,
    expect: { status: 'timely', doneAt: at(3 * H) },
  },
  {
    line: 'J7',
    name: 'a consultation first answered after 72 h is late',
    ticket: () => apply(consult(), { type: 'relayed', direction: 'to_owner', text: '在服务中心交', at: at(73 * H), by: { kind: 'staff', ...CHEN } }),
    now: 100 * H,
    expect: { status: 'late' },
  },
  {
    line: 'J8',
    name: 'in work within the deadline: pending',
    ticket: () => accepted(),
    now: 71 * H,
    expect: { status: 'pending', rule: 'pending', holder: '工程班 张工' },
  },
  {
    line: 'J9',
    name: 'in work past the deadline: overdue, already late',
    ticket: () => accepted(),
    now: 73 * H,
    expect: { status: 'overdue', rule: 'overdue', lateAt: at(72 * H) },
  },
  {
    line: 'A1',
    name: 'the late result stays with whoever held it when it went late, not the next holder (R0022)',
    ticket: () =>
      apply(
        accepted(),
        { type: 'transferred', toUnit: 'office', toHandler: LIU, reason: '需管理处协调', at: at(80 * H) },
        { type: 'completed', result: '已协调', at: at(85 * H) },
      ),
    now: 90 * H,
    expect: { status: 'late', holder: '工程班 张工' },
  },
  {
    line: 'A1',
    name: 'a timely result belongs to whoever held it when it was done',
    ticket: () =>
      apply(
        accepted(),
        { type: 'transferred', toUnit: 'office', toHandler: LIU, at: at(10 * H) },
        { type: 'completed', result: '已协调', at: at(20 * H) },
      ),
    now: 90 * H,
    expect: { status: 'timely', holder: '管理处 刘工' },
  },
];

const holderText = (j: Timeliness) => `${{ engineering: '工程班', office: '管理处', office_head: '管理处主任', security: '秩序部', managers: '公司领导' }[j.heldBy.unit]}${j.heldBy.handler ? ` ${j.heldBy.handler.name}` : ''}`;

describe('timeliness: one table for docs/timeliness.md', () => {
  it.each(ROWS.map((r) => [`${r.line} ${r.name}`, r] as const))('%s', (_, row) => {
    const j = judgeTimeliness(row.ticket(), new Date(at(row.now)), row.options);
    const { holder, moves, ...fields } = row.expect;
    expect(j).toMatchObject(fields);
    if (holder !== undefined) expect(holderText(j)).toBe(holder);
    if (moves !== undefined) expect(j.moves.map((m) => ({ counts: m.counts, to: m.to, ...(m.reason && { reason: m.reason }) }))).toEqual(moves);
  });

  it('every line of docs/timeliness.md has a row, and every row names a line of it', () => {
    const doc = readFileSync(new URL('../../docs/timeliness.md', import.meta.url), 'utf8');
    const lines = [...doc.matchAll(/^\| ([A-Z]\d+) \|/gm)].map((m) => m[1]);
    expect(lines.length).toBeGreaterThan(10);
    const covered = new Set(ROWS.map((r) => r.line));
    expect(lines.filter((l) => !covered.has(l!))).toEqual([]);
    expect([...covered].filter((l) => !lines.includes(l))).toEqual([]);
  });

  it('timely rate = timely ÷ total × 100%: overdue counts as late, pending and dropped-in-time work does not', () => {
    const timely = apply(accepted(), { type: 'completed', result: '修好' });
    const late = apply(accepted(), { type: 'completed', result: '修好', at: at(80 * H) });
    const overdue = newRepair();
    const pending = newRepair({ at: at(70 * H) });
    const cancelled = apply(newRepair(), { type: 'closed', reason: 'cancelled' });
    const droppedLate = apply(newRepair(), { type: 'closed', reason: 'cancelled', at: at(80 * H) });
    expect(timelyRate([timely, late, overdue, pending, cancelled, droppedLate], new Date(at(90 * H)))).toEqual({ timely: 1, total: 4, percent: 25 });
    expect(timelyRate([], new Date(at(0))).percent).toBeNull();
  });
});
