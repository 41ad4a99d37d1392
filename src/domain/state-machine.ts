import type { CreatedEvent, TicketEvent } from './events.ts';
import type { Owner } from './people.ts';
import { STATUS_NAME_ZH, type Ticket, type TicketStatus } from './ticket.ts';
import type { TicketNumber } from './ticket-number.ts';

/** Policy 5.2: a promised resolution time is normally no more than three days away. */
export const DEFAULT_MAX_PROMISE_HOURS = 72;

export interface TransitionRules {
  /** Longest promise without a recorded reason, counted from the request (policy 5.2). */
  maxPromiseHours: number;
}

const DEFAULT_RULES: TransitionRules = { maxPromiseHours: DEFAULT_MAX_PROMISE_HOURS };

/** A move the procedure does not allow. `code` is stable for programs; `userMessage` is what staff or owners read. */
export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(
    readonly code: string,
    message: string,
    readonly userMessage: string,
  ) {
    super(message);
  }
}

function refuse(code: string, message: string, userMessage: string): never {
  throw new TransitionError(code, message, userMessage);
}

/** Which statuses each event may happen in. `created` has no ticket to happen to. */
const ALLOWED_FROM: Record<Exclude<TicketEvent['type'], 'created'>, readonly TicketStatus[]> = {
  confirmed: ['open'],
  // A closing is announced too (a cancelled visit must reach the engineer), so notices are recorded in any status.
  notified: ['open', 'accepted', 'completed', 'closed'],
  accepted: ['open'],
  scheduled: ['open', 'accepted'],
  promised: ['open', 'accepted'],
  // Words after the close change nothing but the record: an owner's remark after rating ("就是来晚了半小时", policy 5.6)
  // and a word to the owner once the work is closed.
  relayed: ['open', 'accepted', 'completed', 'closed'],
  assisted: ['open', 'accepted'],
  transferred: ['open', 'accepted'],
  reclassified: ['open', 'accepted'],
  escalated: ['open', 'accepted', 'completed'],
  nudged: ['open', 'accepted', 'completed'],
  // A consultation is done when it is answered, from the FAQ at intake or by a reply: nobody need accept it (5.1, 5.2).
  completed: ['open', 'accepted'],
  rated: ['completed'],
  reopened: ['completed', 'closed'],
  // The owner may correct what they reported until the work is done (issue 16 §3).
  amended: ['open', 'accepted'],
  closed: ['open', 'accepted', 'completed'],
};

const EVENT_NAME_ZH: Record<TicketEvent['type'], string> = {
  created: '登记',
  confirmed: '确认',
  notified: '通知',
  accepted: '接单',
  scheduled: '预约',
  promised: '承诺时间',
  relayed: '转达',
  assisted: '协助',
  transferred: '转派',
  reclassified: '改类',
  escalated: '上报',
  nudged: '催办',
  completed: '完工',
  rated: '评价',
  reopened: '重开',
  amended: '更正',
  closed: '关闭',
};

function hoursBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 3_600_000;
}

/** Starts a ticket from its `created` event. The number comes from the store, which alone knows the sequence. */
export function createTicket(args: {
  number: TicketNumber;
  estate: string;
  owner: Owner;
  created: CreatedEvent;
}): Ticket {
  const { created } = args;
  const ticket: Ticket = {
    number: args.number,
    estate: args.estate,
    owner: args.owner,
    history: [created],
    status: 'open',
    category: created.category,
    clause: created.clause,
    unit: created.unit,
    description: created.description,
    major: created.major,
    createdAt: created.at,
    updatedAt: created.at,
    ownerChases: 0,
  };
  if (created.party) ticket.party = created.party;
  if (created.asked) ticket.asked = created.asked;
  if (created.urgent) ticket.urgent = created.urgent;
  if (created.location) ticket.location = created.location;
  if (created.appointmentAt) ticket.appointmentAt = created.appointmentAt;
  if (created.appointmentEnd) ticket.appointmentEnd = created.appointmentEnd;
  if (created.relatesTo) ticket.relatesTo = created.relatesTo;
  return ticket;
}

/**
 * The state machine: returns the ticket after `event`, or throws a TransitionError saying why the move is
 * impossible. The input ticket is not modified, so a caller can persist the result before making it current.
 */
export function applyEvent(ticket: Ticket, event: TicketEvent, rules: TransitionRules = DEFAULT_RULES): Ticket {
  if (event.type === 'created') {
    refuse('already_created', `${ticket.number} already exists`, `工单 ${ticket.number} 已存在`);
  }
  const allowed = ALLOWED_FROM[event.type];
  const consultAnswer = event.type === 'completed' && ticket.category === 'consult';
  if (!allowed.includes(ticket.status) || (event.type === 'completed' && ticket.status === 'open' && !consultAnswer)) {
    refuse(
      `${event.type}_from_${ticket.status}`,
      `cannot ${event.type} ${ticket.number}: it is ${ticket.status}`,
      // A cancellation is recorded as a close, but the person typed 取消 (seen in play: "取消 R0001" on closed work was
      // told 不能关闭).
      `工单 ${ticket.number} 当前${STATUS_NAME_ZH[ticket.status]},不能${event.type === 'closed' && event.reason === 'cancelled' ? '取消' : EVENT_NAME_ZH[event.type]}` +
        hintFor(event.type, ticket),
    );
  }
  if (Date.parse(event.at) < Date.parse(ticket.updatedAt)) {
    refuse(
      'event_before_last',
      `event at ${event.at} is earlier than the last change of ${ticket.number} at ${ticket.updatedAt}`,
      `时间早于工单 ${ticket.number} 的上一次变更`,
    );
  }

  const next: Ticket = { ...ticket, history: [...ticket.history, event], updatedAt: event.at };
  switch (event.type) {
    case 'confirmed':
      if (ticket.confirmedAt) refuse('already_confirmed', `${ticket.number} is already confirmed`, `工单 ${ticket.number} 已确认过`);
      next.confirmedAt = event.at;
      break;
    case 'notified':
      break;
    case 'accepted':
      next.status = 'accepted';
      next.handler = event.handler;
      next.acceptedAt ??= event.at;
      break;
    case 'scheduled':
      // A window that ends where it starts is a time to be done by ("8点前", conversation/appointment.ts visitFields).
      if (event.appointmentEnd && Date.parse(event.appointmentEnd) < Date.parse(event.appointmentAt)) {
        refuse('appointment_end_before_start', 'appointment ends before it starts', '预约结束时间早于开始时间');
      }
      next.appointmentAt = event.appointmentAt;
      if (event.appointmentEnd) next.appointmentEnd = event.appointmentEnd;
      else delete next.appointmentEnd;
      break;
    case 'promised': {
      if (Date.parse(event.promisedAt) <= Date.parse(event.at)) {
        refuse('promise_in_past', 'the promised time has already passed', '承诺时间必须晚于现在');
      }
      // Policy 5.2 counts the three days from the owner's request, not from whenever someone accepted it.
      if (hoursBetween(ticket.createdAt, event.promisedAt) > rules.maxPromiseHours && !event.reason) {
        refuse(
          'promise_needs_reason',
          `a promise more than ${rules.maxPromiseHours} h after the request needs a reason (policy 5.2)`,
          `承诺时间距业主报事已超过${rules.maxPromiseHours / 24}天,请注明原因(制度5.2)`,
        );
      }
      next.promisedAt = event.promisedAt;
      if (event.reason) next.promiseReason = event.reason;
      else delete next.promiseReason;
      break;
    }
    case 'relayed':
    case 'assisted':
      break;
    case 'transferred':
      if (event.toUnit === ticket.unit && (!event.toHandler || sameStaff(event.toHandler, ticket.handler))) {
        refuse('transfer_to_same', `${ticket.number} is already with ${event.toUnit}`, `工单 ${ticket.number} 已在该部门/处理人手上`);
      }
      next.unit = event.toUnit;
      if (event.toHandler) {
        next.status = 'accepted';
        next.handler = event.toHandler;
        next.acceptedAt ??= event.at;
      } else {
        // A new unit must accept it itself: nobody there has taken it yet.
        next.status = 'open';
        delete next.handler;
      }
      break;
    case 'reclassified':
      if (event.category === ticket.category && event.clause === ticket.clause) {
        refuse('reclassify_same', `${ticket.number} is already ${event.category} ${event.clause}`, `工单 ${ticket.number} 已是该类别`);
      }
      next.category = event.category;
      next.clause = event.clause;
      next.unit = event.unit;
      if (event.party) next.party = event.party;
      else delete next.party;
      // Staff have decided what it is: the owner reads that now.
      delete next.asked;
      break;
    case 'escalated':
      next.escalatedTo = event.to;
      break;
    case 'nudged':
      if (event.reason === 'owner_chase') next.ownerChases = ticket.ownerChases + 1;
      break;
    case 'completed':
      next.status = 'completed';
      next.result = event.result;
      next.completedAt = event.at;
      break;
    case 'rated':
      next.status = 'closed';
      next.ratings = event.ratings;
      next.closedAt = event.at;
      break;
    case 'reopened':
      next.status = ticket.handler ? 'accepted' : 'open';
      delete next.result;
      delete next.completedAt;
      delete next.ratings;
      delete next.closedAt;
      break;
    case 'amended':
      if (event.location) next.location = event.location;
      if (event.description) next.description = event.description;
      if (event.phone !== undefined) {
        const { phone: _old, ...owner } = ticket.owner;
        next.owner = event.phone === null ? owner : { ...owner, phone: event.phone };
      }
      break;
    case 'closed':
      if (ticket.status !== 'completed' && event.reason === 'return_visit') {
        refuse('close_unfinished', `${ticket.number} is not completed; a return visit cannot close it`, `工单 ${ticket.number} 尚未完工,不能以回访结案`);
      }
      next.status = 'closed';
      next.closedAt = event.at;
      break;
  }
  return next;
}

function sameStaff(a: { platform: string; id: string }, b: { platform: string; id: string } | undefined): boolean {
  return !!b && a.platform === b.platform && a.id === b.id;
}

function hintFor(type: TicketEvent['type'], ticket: Ticket): string {
  if (type === 'accepted' && ticket.status === 'accepted' && ticket.handler) return `(已由${ticket.handler.name}受理)`;
  if (type === 'completed' && ticket.status === 'open') return '(尚未受理,请先接单)';
  if (ticket.status === 'closed') return `(如需继续处理,请发「重开 ${ticket.number} 原因」)`;
  return '';
}

/** Rebuilds a ticket from its history alone: the stored fields must always equal this. */
export function replayTicket(
  args: { number: TicketNumber; estate: string; owner: Owner; history: readonly TicketEvent[] },
  rules?: TransitionRules,
): Ticket {
  const [first, ...rest] = args.history;
  if (!first || first.type !== 'created') {
    throw new TransitionError('no_created_event', `${args.number}: history must start with a created event`, '工单记录不完整');
  }
  let ticket = createTicket({ number: args.number, estate: args.estate, owner: args.owner, created: first });
  for (const event of rest) ticket = applyEvent(ticket, event, rules);
  return ticket;
}

