/**
 * A month of tickets whose timely rates are known in advance (policy 5.5), written through the real store.
 * Report time: 2026-11-27 09:00 Beijing. Numbers follow creation order:
 *   R0001 repair   10-10, done 10-11                          timely   (October: 1/1, for month over month)
 *   R0002 repair   11-02 09:00, done 11-03 10:00              timely   (deadline 11-05 09:00)
 *   R0003 repair   11-05 09:00, done 11-10 09:00              late
 *   R0004 repair   11-10 09:00, cancelled                     not counted
 *   R0005 repair   11-20 09:00, never accepted, chased ×2     overdue  (flagged 4.3.1.5, silent since 11-20)
 *   R0006 repair   11-26 10:00, open                          pending  (yesterday's one new request)
 *   C0001 valid    11-12, done same day, rated 5 5 4          timely
 *   S0001 consult  11-15, done same day, rated 4 4 4          timely
 *   S0002 consult  11-25, done same day, unrated              timely   (completed, waiting for a rating)
 * November: repair notice 1/3 = 33.3 %, complaint record 1/1 = 100 %, duty log 4/6 = 66.7 %; October 100 %.
 */
import type { Category, Unit } from '../../src/domain/category.ts';
import type { Actor, StaffRef } from '../../src/domain/people.ts';
import type { TicketEventInput } from '../../src/domain/events.ts';
import type { Store } from '../../src/store/store.ts';

export const REPORT_NOW = '2026-11-27T09:00:00+08:00';
const ZHANG: StaffRef = { platform: 'console', id: 'zhang', name: '张工' };
const CHEN: StaffRef = { platform: 'console', id: 'chen', name: '陈文员' };
const STAFF: Actor = { kind: 'staff', ...ZHANG };

const UNIT: Record<Category, Unit> = { repair: 'engineering', valid: 'office_head', consult: 'office', assist: 'office', excessive: 'office', paid_service: 'office', incident: 'security' };
const CLAUSE: Record<Category, string> = { repair: '4.2.1.1', valid: '4.3.1.2', consult: '5.1', assist: '4.3.2.1', excessive: '4.3.3.1', paid_service: '4.2.2', incident: '4.2.1' };

/** Beijing wall-clock time on 2026-MM-DD. */
export function bj(date: string, time = '09:00'): string {
  return new Date(`2026-${date}T${time}:00+08:00`).toISOString();
}

export async function makeTicket(
  store: Store,
  args: { category: Category; at: string; description: string; room?: string; major?: boolean; steps?: Array<[string, TicketEventInput & { by?: Actor }]> },
): Promise<string> {
  const owner = { platform: 'console' as const, id: `owner-${args.description.length}`, displayName: '王女士', phone: '13800138000' };
  const by: Actor = { kind: 'owner', platform: 'console', id: owner.id, name: owner.displayName };
  const room = args.room ?? '5栋2单元502';
  const ticket = await store.createTicket({
    estate: 'sunshine',
    owner,
    created: {
      type: 'created',
      at: args.at,
      by,
      via: 'console:owners',
      category: args.category,
      clause: CLAUSE[args.category],
      unit: UNIT[args.category],
      description: args.description,
      location: { kind: 'room', building: room.split('栋')[0]!, room: room.slice(-3), text: room },
      major: args.major ?? false,
      channel: 'chat',
    },
  });
  for (const [at, event] of args.steps ?? []) {
    await store.appendEvent(ticket.number, { by: event.by ?? STAFF, ...event, at } as Parameters<Store['appendEvent']>[1]);
  }
  return ticket.number;
}

const done = (result = '已处理'): TicketEventInput => ({ type: 'completed', result });
const visited: TicketEventInput = { type: 'closed', reason: 'return_visit', note: '满意' };
const accept = (handler = ZHANG): TicketEventInput => ({ type: 'accepted', handler });

export async function seedMonth(store: Store): Promise<void> {
  // October: one repair done in time (the month before, for the month-over-month change).
  await makeTicket(store, { category: 'repair', at: bj('10-10'), description: '楼道灯不亮', steps: [[bj('10-10', '10:00'), accept()], [bj('10-11'), done()], [bj('10-12'), visited]] });
  await makeTicket(store, { category: 'repair', at: bj('11-02'), description: '厨房水管漏水', steps: [[bj('11-02', '10:00'), accept()], [bj('11-03', '10:00'), done('换了角阀')], [bj('11-04'), visited]] });
  await makeTicket(store, { category: 'repair', at: bj('11-05'), description: '厨房水管漏水', steps: [[bj('11-05', '10:00'), accept()], [bj('11-10'), done()], [bj('11-11'), visited]] });
  await makeTicket(store, {
    category: 'repair',
    at: bj('11-10'),
    description: '阳台门卡住',
    room: '7栋1单元301',
    steps: [[bj('11-10', '10:00'), { type: 'closed', reason: 'cancelled' }]],
  });
  const ownerBy: Actor = { kind: 'owner', platform: 'console', id: 'owner-x', name: '王女士' };
  await makeTicket(store, {
    category: 'repair',
    at: bj('11-20'),
    description: '卫生间下水道堵了',
    steps: [
      [bj('11-21'), { type: 'nudged', reason: 'owner_chase', by: ownerBy }],
      [bj('11-22'), { type: 'nudged', reason: 'owner_chase', by: ownerBy }],
      [bj('11-22', '09:05'), { type: 'escalated', to: 'office_head', reason: '催办2次仍无进展(制度4.3.1.5)', clause: '4.3.1.5', by: { kind: 'system', name: '回音' } }],
    ],
  });
  await makeTicket(store, { category: 'repair', at: bj('11-26', '10:00'), description: '客厅灯不亮' });
  await makeTicket(store, {
    category: 'valid',
    at: bj('11-12'),
    description: '保洁没有按时打扫楼道',
    steps: [
      [bj('11-12', '10:00'), accept(CHEN)],
      [bj('11-12', '15:00'), done('已约谈保洁班长')],
      [bj('11-12', '16:00'), { type: 'rated', ratings: { quality: 5, timeliness: 5, attitude: 4 }, by: ownerBy }],
    ],
  });
  await makeTicket(store, {
    category: 'consult',
    at: bj('11-15'),
    description: '物业费怎么交',
    steps: [
      [bj('11-15', '09:30'), accept(CHEN)],
      [bj('11-15', '10:00'), done('已答复')],
      [bj('11-15', '11:00'), { type: 'rated', ratings: { quality: 4, timeliness: 4, attitude: 4 }, by: ownerBy }],
    ],
  });
  await makeTicket(store, {
    category: 'consult',
    at: bj('11-25'),
    description: '装修要办什么手续',
    steps: [[bj('11-25', '10:00'), accept(CHEN)], [bj('11-25', '11:00'), done('已答复')]],
  });
}
