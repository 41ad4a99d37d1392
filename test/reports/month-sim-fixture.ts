/**
 * A simulated November 2026 in Asia/Shanghai: a fixed set of tickets covering every line of docs/timeliness.md,
 * written through the real store in the order things happened. Expected verdicts at the monthly report (Dec 1 09:00)
 * are in the test, worked out by hand.
 *
 * `legacy: true` records the same month the way the code before issue 24 did (a FAQ answer and a staff reply left the
 * consultation 待受理; no 4.3.1.5 complaint entry), so the "before" report can be printed by the old code
 * (scripts/month-sim-report.ts) from the same story.
 */
import type { Clock } from '../../src/clock.ts';
import type { Category, Unit } from '../../src/domain/category.ts';
import type { TicketEvent, TicketEventInput } from '../../src/domain/events.ts';
import type { Actor, StaffRef } from '../../src/domain/people.ts';
import type { Store } from '../../src/store/store.ts';

export const ZHANG: StaffRef = { platform: 'console', id: 'zhang', name: '张工' };
export const LIU: StaffRef = { platform: 'console', id: 'liu', name: '刘工' };
export const CHEN: StaffRef = { platform: 'console', id: 'chen', name: '陈文员' };
export const LI: StaffRef = { platform: 'console', id: 'li', name: '李主任' };
const SYSTEM: Actor = { kind: 'system', name: '回音' };
const staff = (s: StaffRef): Actor => ({ kind: 'staff', ...s });

/** Beijing wall-clock time, 2026. */
export function bj(date: string, time = '09:00'): string {
  return new Date(`2026-${date}T${time}:00+08:00`).toISOString();
}

const UNIT: Record<Category, Unit> = { repair: 'engineering', valid: 'office_head', consult: 'office', assist: 'office', excessive: 'office', paid_service: 'office', incident: 'security' };
const CLAUSE: Record<Category, string> = { repair: '4.2.1.1', valid: '4.3.1.2', consult: '5.1', assist: '4.3.2.1', excessive: '4.3.3.2', paid_service: '4.2.2', incident: '4.2.1' };

type Step = [string, TicketEventInput & { by?: Actor }];

interface Spec {
  category: Category;
  at: string;
  description: string;
  owner: string;
  appointment?: [string, string];
  steps?: Step[];
}

export interface SimHooks {
  /** Called at 11-24 11:00, after the owner's second prompt about R0015 (overdue since 11-23 09:00). */
  stalled?: (number: string) => Promise<void>;
  clock?: { set(iso: string): void } & Clock;
}

async function make(store: Store, spec: Spec): Promise<string> {
  const owner = { platform: 'console' as const, id: `owner-${spec.owner}`, displayName: spec.owner, phone: '13800138000' };
  const ownerBy: Actor = { kind: 'owner', platform: 'console', id: owner.id, name: owner.displayName };
  const t = await store.createTicket({
    estate: 'sunshine',
    owner,
    created: {
      type: 'created',
      at: spec.at,
      by: ownerBy,
      via: 'console:owners',
      category: spec.category,
      clause: CLAUSE[spec.category],
      unit: UNIT[spec.category],
      description: spec.description,
      location: { kind: 'room', building: '5', room: '502', text: '5栋2单元502' },
      major: false,
      channel: 'chat',
      ...(spec.appointment && { appointmentAt: spec.appointment[0], appointmentEnd: spec.appointment[1] }),
    },
    then: [{ type: 'confirmed', at: spec.at, by: ownerBy }],
  });
  for (const [at, step] of spec.steps ?? []) {
    const by = step.by ?? (step.type === 'nudged' ? ownerBy : staff(ZHANG));
    await store.appendEvent(t.number, { ...step, at, by } as TicketEvent);
  }
  return t.number;
}

const accept = (h: StaffRef): TicketEventInput & { by: Actor } => ({ type: 'accepted', handler: h, by: staff(h) });
const done = (h: StaffRef, result = '已处理'): TicketEventInput & { by: Actor } => ({ type: 'completed', result, by: staff(h) });
const chase: TicketEventInput = { type: 'nudged', reason: 'owner_chase' };

/** The month, in the order it happened. Returns the numbers of the tickets by their role in the story. */
export async function seedSimMonth(store: Store, options: { legacy?: boolean } & SimHooks = {}): Promise<void> {
  const legacy = options.legacy ?? false;
  const ownerOf = (name: string): Actor => ({ kind: 'owner', platform: 'console', id: `owner-${name}`, name });

  // R0001 J1: done the next day.
  await make(store, { category: 'repair', at: bj('11-02'), owner: '业主01', description: '厨房水管漏水', steps: [[bj('11-02', '10:00'), accept(ZHANG)], [bj('11-03', '10:00'), done(ZHANG, '换了角阀')]] });
  // R0002 J2: done a day after the 72 h.
  await make(store, { category: 'repair', at: bj('11-03'), owner: '业主02', description: '卫生间灯不亮', steps: [[bj('11-03', '10:00'), accept(ZHANG)], [bj('11-07', '10:00'), done(ZHANG)]] });
  // R0003 D1: the owner's appointment 11-05 14:00–16:00, done inside it.
  await make(store, {
    category: 'repair',
    at: bj('11-04'),
    owner: '业主03',
    description: '阳台门锁坏了',
    appointment: [bj('11-05', '14:00'), bj('11-05', '16:00')],
    steps: [[bj('11-04', '10:00'), accept(ZHANG)], [bj('11-05', '15:30'), done(ZHANG)]],
  });
  // R0004 D5 (R0016 of the audit): appointment missed, a new one set after it passed, done then: late.
  await make(store, {
    category: 'repair',
    at: bj('11-05'),
    owner: '业主04',
    description: '热水器不出热水',
    appointment: [bj('11-06', '14:00'), bj('11-06', '16:00')],
    steps: [
      [bj('11-05', '10:00'), accept(ZHANG)],
      [bj('11-06', '18:00'), { type: 'scheduled', appointmentAt: bj('11-07', '10:00'), appointmentEnd: bj('11-07', '12:00'), reason: '没赶上,改约' }],
      [bj('11-07', '11:00'), done(ZHANG)],
    ],
  });
  // R0005 D5 (R0010): a promise made three hours after the 72 h passed, kept: still late, charged to 刘工.
  await make(store, {
    category: 'repair',
    at: bj('11-06'),
    owner: '业主05',
    description: '空调外机噪音大',
    steps: [
      [bj('11-06', '10:00'), accept(LIU)],
      [bj('11-09', '12:00'), { type: 'promised', promisedAt: bj('11-10', '18:00'), reason: '等配件', by: staff(LIU) }],
      [bj('11-10', '12:00'), done(LIU)],
    ],
  });
  // R0006 D4: a promise moved later before it passed, with a reason; done by the new time: timely.
  await make(store, {
    category: 'repair',
    at: bj('11-07'),
    owner: '业主06',
    description: '防盗门把手松动',
    steps: [
      [bj('11-07', '10:00'), accept(LIU)],
      [bj('11-08', '10:00'), { type: 'promised', promisedAt: bj('11-09', '18:00'), by: staff(LIU) }],
      [bj('11-09', '12:00'), { type: 'promised', promisedAt: bj('11-12', '09:00'), reason: '厂家缺货', by: staff(LIU) }],
      [bj('11-11', '17:00'), done(LIU)],
    ],
  });
  // R0007 D1 over D2 (R0035): a promise, then the owner's later appointment; done inside the appointment: timely.
  await make(store, {
    category: 'repair',
    at: bj('11-08'),
    owner: '业主07',
    description: '客厅插座没电',
    steps: [
      [bj('11-08', '10:00'), accept(ZHANG)],
      [bj('11-08', '10:30'), { type: 'promised', promisedAt: bj('11-09', '18:00') }],
      [bj('11-08', '11:00'), { type: 'scheduled', appointmentAt: bj('11-10', '14:00'), appointmentEnd: bj('11-10', '16:00'), reason: '业主要求改到周二下午' }],
      [bj('11-10', '15:00'), done(ZHANG)],
    ],
  });
  // R0008 J4 (R0020): done, the owner unhappy, then closed without being done again: late.
  await make(store, {
    category: 'repair',
    at: bj('11-09'),
    owner: '业主08',
    description: '厨房下水慢',
    steps: [
      [bj('11-09', '10:00'), accept(ZHANG)],
      [bj('11-09', '15:00'), done(ZHANG)],
      [bj('11-09', '20:00'), { type: 'reopened', reason: '还是堵', by: ownerOf('业主08') }],
      [bj('11-10'), { type: 'closed', reason: 'no_action', note: '业主自行处理', by: staff(CHEN) }],
    ],
  });
  // R0009 J3: done in time, reopened by an unhappy return visit after the deadline, redone: late.
  await make(store, {
    category: 'repair',
    at: bj('11-10'),
    owner: '业主09',
    description: '窗户关不严',
    steps: [
      [bj('11-10', '10:00'), accept(ZHANG)],
      [bj('11-10', '12:00'), done(ZHANG)],
      [bj('11-14', '10:00'), { type: 'reopened', reason: '回访不满意', by: staff(CHEN) }],
      [bj('11-14', '16:00'), done(ZHANG, '重新调整合页')],
    ],
  });
  // R0010 J6 (R0027): cancelled by staff after the deadline: late, charged to 张工 who held it.
  await make(store, {
    category: 'repair',
    at: bj('11-11'),
    owner: '业主10',
    description: '楼道灯不亮',
    steps: [[bj('11-11', '10:00'), accept(ZHANG)], [bj('11-15', '10:00'), { type: 'closed', reason: 'cancelled', note: '已修好', by: staff(CHEN) }]],
  });
  // R0011 J6 (R0028): nobody took it; closed as nothing to do after the deadline: late.
  await make(store, {
    category: 'repair',
    at: bj('11-12'),
    owner: '业主11',
    description: '信箱门坏了',
    steps: [[bj('11-16'), { type: 'closed', reason: 'no_action', note: '无需处理', by: staff(CHEN) }]],
  });
  // C0001 J1: a valid complaint handled the same day by the office head.
  await make(store, {
    category: 'valid',
    at: bj('11-12', '09:30'),
    owner: '业主21',
    description: '保洁没有按时打扫楼道',
    steps: [[bj('11-12', '10:00'), accept(LI)], [bj('11-12', '15:00'), done(LI, '已约谈保洁班长')]],
  });
  // R0012 J5: the owner cancelled in time: not counted.
  await make(store, {
    category: 'repair',
    at: bj('11-13'),
    owner: '业主12',
    description: '门铃不响',
    steps: [[bj('11-13', '12:00'), { type: 'closed', reason: 'cancelled', note: '业主取消', by: ownerOf('业主12') }]],
  });
  // R0013 A1 + D6 (R0022): late with 张工, then transferred to the office and done there: still 张工's.
  await make(store, {
    category: 'repair',
    at: bj('11-14'),
    owner: '业主13',
    description: '车库门禁失灵',
    steps: [
      [bj('11-14', '10:00'), accept(ZHANG)],
      [bj('11-18', '10:00'), { type: 'transferred', toUnit: 'office', toHandler: CHEN, reason: '需协调厂家' }],
      [bj('11-18', '15:00'), done(CHEN)],
    ],
  });
  // R0014 A1: transferred in time to 刘工 and done by him: timely, his.
  await make(store, {
    category: 'repair',
    at: bj('11-15'),
    owner: '业主14',
    description: '卧室灯闪',
    steps: [
      [bj('11-15', '10:00'), accept(ZHANG)],
      [bj('11-15', '12:00'), { type: 'transferred', toUnit: 'engineering', toHandler: LIU, reason: '刘工熟悉' }],
      [bj('11-16'), done(LIU)],
    ],
  });
  // S0001 J7 (the audit's S0001): a consultation the FAQ answered at intake.
  {
    const at = bj('11-15', '10:00');
    const n = await make(store, { category: 'consult', at, owner: '业主31', description: '物业费怎么交' });
    if (!legacy) await store.appendEvent(n, { type: 'completed', at, by: SYSTEM, result: '已按常见问题答复:可在服务中心或微信缴纳' });
  }
  // C0002: an assist matter done after its 72 h: late, the office's (陈文员).
  await make(store, {
    category: 'assist',
    at: bj('11-16'),
    owner: '业主22',
    description: '楼上漏水到我家',
    steps: [[bj('11-16', '10:00'), accept(CHEN)], [bj('11-20'), done(CHEN, '已协调楼上业主维修')]],
  });
  // S0002 J7: answered by a staff reply (回复), recorded as done with it.
  {
    const n = await make(store, { category: 'consult', at: bj('11-16', '10:00'), owner: '业主32', description: '装修要办什么手续' });
    const at = bj('11-16', '11:00');
    await store.appendEvent(n, { type: 'relayed', direction: 'to_owner', text: '带身份证到服务中心办理', at, by: staff(CHEN) });
    if (!legacy) await store.appendEvent(n, { type: 'completed', result: '带身份证到服务中心办理', at, by: staff(CHEN) });
  }
  // S0003 J7: answered by a staff reply but never marked done (data from before the change): handled at the reply.
  await make(store, {
    category: 'consult',
    at: bj('11-17', '10:00'),
    owner: '业主33',
    description: '快递放哪里',
    steps: [[bj('11-17', '14:00'), { type: 'relayed', direction: 'to_owner', text: '放在门岗', by: staff(CHEN) }]],
  });
  // S0004 J2 on a promise: a paid service promised for 11-19 18:00, done the next morning.
  await make(store, {
    category: 'paid_service',
    at: bj('11-18'),
    owner: '业主34',
    description: '室内保洁',
    steps: [
      [bj('11-18', '10:00'), accept(CHEN)],
      [bj('11-18', '10:30'), { type: 'promised', promisedAt: bj('11-19', '18:00'), by: staff(CHEN) }],
      [bj('11-20'), done(CHEN)],
    ],
  });
  // S0005 J5: a paid service the owner cancelled in time.
  await make(store, {
    category: 'paid_service',
    at: bj('11-19'),
    owner: '业主35',
    description: '绿植修剪',
    steps: [[bj('11-21'), { type: 'closed', reason: 'cancelled', note: '业主取消', by: ownerOf('业主35') }]],
  });
  // R0015 J9 + 4.3.1.5: nobody takes it; the owner prompts before it is due (does not count) and twice after, four
  // hours apart (reminders.chaseIntervalHours: the handler had a fair chance in between, issue 16 §4).
  const stalled = await make(store, {
    category: 'repair',
    at: bj('11-20'),
    owner: '业主15',
    description: '卫生间下水道堵了',
    steps: [
      [bj('11-21'), chase],
      [bj('11-24', '07:00'), chase],
      [bj('11-24', '11:00'), chase],
    ],
  });
  if (legacy) {
    await store.appendEvent(stalled, { type: 'escalated', to: 'office_head', reason: '催办3次仍无进展(制度4.3.1.5)', clause: '4.3.1.5', at: bj('11-24', '11:00'), by: SYSTEM });
  } else {
    options.clock?.set(bj('11-24', '11:00'));
    await options.stalled?.(stalled);
    // C0003: the complaint entry the second prompt opened goes to the office head, who handles it the next day.
    await store.appendEvent('C0003', { ...accept(LI), at: bj('11-24', '12:00') } as TicketEvent);
    await store.appendEvent('C0003', { ...done(LI, '已安排工程班当日处理并向业主致歉'), at: bj('11-25', '10:00') } as TicketEvent);
  }
  // S0006 J9: a consultation nobody answered.
  await make(store, { category: 'consult', at: bj('11-26'), owner: '业主36', description: '停车位怎么租' });
  // R0016, R0017 J8 (the audit's R0043, R0044): still in time when the month's report is made.
  await make(store, { category: 'repair', at: bj('11-29'), owner: '业主16', description: '水龙头滴水', steps: [[bj('11-29', '10:00'), accept(ZHANG)]] });
  await make(store, { category: 'repair', at: bj('11-29', '10:00'), owner: '业主17', description: '吊顶掉灰', steps: [[bj('11-29', '11:00'), accept(LIU)]] });
  // C0004 (C0003 in legacy) J8: an excessive demand still within its 72 h at report time.
  await make(store, { category: 'excessive', at: bj('11-30', '20:00'), owner: '业主23', description: '要求小区加建游泳池' });
}

/** December 1, two minutes past midnight: December's first request (it must not count in November). */
export async function seedSimDecemberFirst(store: Store): Promise<void> {
  await make(store, { category: 'repair', at: bj('12-01', '00:02'), owner: '业主18', description: '电梯按钮失灵' });
}

/** The rest of December: what decides November's pending work. */
export async function seedSimDecemberRest(store: Store, options: { legacy?: boolean } = {}): Promise<void> {
  const excessive = options.legacy ? 'C0003' : 'C0004';
  const step = (n: string, at: string, e: TicketEventInput & { by: Actor }) => store.appendEvent(n, { ...e, at } as TicketEvent);
  await step(excessive, bj('12-01', '09:30'), accept(CHEN));
  await step('R0018', bj('12-01', '10:00'), accept(ZHANG));
  await step('R0018', bj('12-01', '12:00'), done(ZHANG));
  await step('R0016', bj('12-01', '15:00'), done(ZHANG));
  await step(excessive, bj('12-02', '10:00'), done(CHEN, '已解释规划限制(制度4.3.3.1)'));
  await step('R0015', bj('12-03', '09:00'), accept(ZHANG));
  await step('R0015', bj('12-03', '11:00'), done(ZHANG));
  await step('R0017', bj('12-05', '10:00'), done(LIU));
}
