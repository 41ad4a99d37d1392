import { describe, expect, it } from 'vitest';
import { replayTicket, type Ticket, type TicketEvent, type TicketEventInput, TicketSchema, TransitionError } from '../../src/domain/index.ts';
import { LIU, ZHANG, apply, at, newRepair } from '../helpers/tickets.ts';

type Status = Ticket['status'];
type Proposal = TicketEventInput;

/** One way to reach each status. */
function inStatus(status: Status): Ticket {
  const open = newRepair();
  if (status === 'open') return open;
  const accepted = apply(open, { type: 'accepted', handler: ZHANG });
  if (status === 'accepted') return accepted;
  const completed = apply(accepted, { type: 'completed', result: '更换了角阀' });
  if (status === 'completed') return completed;
  return apply(completed, { type: 'rated', ratings: { quality: 5, timeliness: 5, attitude: 5 } });
}

/** A valid proposal of each kind, so that only the status decides whether it is allowed. */
const PROPOSALS: Record<Exclude<TicketEvent['type'], 'created'>, Proposal> = {
  confirmed: { type: 'confirmed' },
  notified: { type: 'notified', unit: 'engineering' },
  accepted: { type: 'accepted', handler: LIU },
  scheduled: { type: 'scheduled', appointmentAt: at(600) },
  promised: { type: 'promised', promisedAt: at(24 * 60) },
  relayed: { type: 'relayed', direction: 'to_owner', text: '师傅下午到' },
  transferred: { type: 'transferred', toUnit: 'office' },
  reclassified: { type: 'reclassified', category: 'assist', clause: '4.3.2.1', unit: 'office', party: 'other_owner' },
  escalated: { type: 'escalated', to: 'office_head', reason: '业主多次催促' },
  nudged: { type: 'nudged', reason: 'owner_chase' },
  assisted: { type: 'assisted', unit: 'engineering', part: 'done', result: '已断电' },
  completed: { type: 'completed', result: '已修好' },
  rated: { type: 'rated', ratings: { quality: 4, timeliness: 4, attitude: 5 } },
  reopened: { type: 'reopened', reason: '还在漏' },
  amended: { type: 'amended', phone: '13900139000' },
  closed: { type: 'closed', reason: 'cancelled' },
};

// Written out by hand from the procedure, not copied from the implementation's table.
const ALLOWED: Record<keyof typeof PROPOSALS, Status[]> = {
  confirmed: ['open'],
  notified: ['open', 'accepted', 'completed', 'closed'],
  accepted: ['open'],
  scheduled: ['open', 'accepted'],
  promised: ['open', 'accepted'],
  // Words after the close: an owner's remark after rating, a word to the owner (changes nothing else).
  relayed: ['open', 'accepted', 'completed', 'closed'],
  transferred: ['open', 'accepted'],
  reclassified: ['open', 'accepted'],
  escalated: ['open', 'accepted', 'completed'],
  nudged: ['open', 'accepted', 'completed'],
  // A unit helping at an emergency, while the work is going on; it changes nothing the holder has.
  assisted: ['open', 'accepted'],
  completed: ['accepted'],
  rated: ['completed'],
  reopened: ['completed', 'closed'],
  // An owner corrects what they reported until the work is done (issue 16 §3).
  amended: ['open', 'accepted'],
  closed: ['open', 'accepted', 'completed'],
};

const STATUSES: Status[] = ['open', 'accepted', 'completed', 'closed'];

describe('state machine: every move from every status', () => {
  for (const [type, proposal] of Object.entries(PROPOSALS) as Array<[keyof typeof PROPOSALS, Proposal]>) {
    for (const status of STATUSES) {
      const allowed = ALLOWED[type].includes(status);
      it(`${type} from ${status} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const before = inStatus(status);
        const copy = structuredClone(before);
        const attempt = () => apply(before, proposal);
        if (allowed) {
          const after = attempt();
          expect(after.history.at(-1)?.type).toBe(type);
          expect(TicketSchema.safeParse(after).success).toBe(true);
          // The snapshot is exactly what the history says.
          expect(replayTicket(after)).toEqual(after);
        } else {
          expect(attempt).toThrow(TransitionError);
          try {
            attempt();
          } catch (error) {
            const e = error as TransitionError;
            expect(e.code).toBe(`${type}_from_${status}`);
            expect(e.userMessage).toContain('R0001');
          }
        }
        expect(before).toEqual(copy);
      });
    }
  }
});

describe('state machine: what each move does', () => {
  it('a ticket starts open with its creation fields', () => {
    const t = newRepair();
    expect(t).toMatchObject({ status: 'open', category: 'repair', unit: 'engineering', ownerChases: 0, createdAt: at(0) });
    expect(t.history).toHaveLength(1);
  });

  it('an escalation may carry the clause it rests on (4.3.1.5 flag), kept in the history', () => {
    const t = apply(newRepair(), { type: 'escalated', to: 'office_head', reason: '催办两次仍无进展', clause: '4.3.1.5' });
    expect(t.escalatedTo).toBe('office_head');
    expect(t.history.at(-1)).toMatchObject({ type: 'escalated', clause: '4.3.1.5' });
    expect(TicketSchema.safeParse(t).success).toBe(true);
    expect(replayTicket(t)).toEqual(t);
  });

  it('accept sets the handler and the first acceptance time; a second accept names who has it', () => {
    const t = apply(newRepair(), { type: 'accepted', handler: ZHANG });
    expect(t).toMatchObject({ status: 'accepted', handler: ZHANG, acceptedAt: at(1) });
    expect(() => apply(t, { type: 'accepted', handler: LIU })).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('已由张工受理') }));
  });

  it('completing an unaccepted ticket says to accept first', () => {
    expect(() => apply(newRepair(), { type: 'completed', result: 'x' })).toThrow(expect.objectContaining({ userMessage: expect.stringContaining('请先接单') }));
  });

  it('a promise over three days needs a reason (policy 5.2)', () => {
    const t = apply(newRepair(), { type: 'accepted', handler: ZHANG });
    const fourDays = at(4 * 24 * 60);
    const e = (() => {
      try {
        apply(t, { type: 'promised', promisedAt: fourDays });
      } catch (error) {
        return error as TransitionError;
      }
    })();
    expect(e?.code).toBe('promise_needs_reason');
    const withReason = apply(t, { type: 'promised', promisedAt: fourDays, reason: '需厂家配件' });
    expect(withReason).toMatchObject({ promisedAt: fourDays, promiseReason: '需厂家配件' });
    const threeDays = apply(t, { type: 'promised', promisedAt: at(3 * 24 * 60) });
    expect(threeDays.promisedAt).toBe(at(3 * 24 * 60));
  });

  it('a promise in the past is refused', () => {
    expect(() => apply(newRepair(), { type: 'promised', promisedAt: at(-10) })).toThrow(expect.objectContaining({ code: 'promise_in_past' }));
  });

  it('an appointment that ends before it starts is refused', () => {
    expect(() => apply(newRepair(), { type: 'scheduled', appointmentAt: at(100), appointmentEnd: at(50) })).toThrow(
      expect.objectContaining({ code: 'appointment_end_before_start' }),
    );
  });

  it('transfer to another unit reopens it for that unit; to a named handler keeps it accepted', () => {
    const accepted = apply(newRepair(), { type: 'accepted', handler: ZHANG });
    const toOffice = apply(accepted, { type: 'transferred', toUnit: 'office' });
    expect(toOffice).toMatchObject({ status: 'open', unit: 'office' });
    expect(toOffice.handler).toBeUndefined();
    const toLiu = apply(accepted, { type: 'transferred', toUnit: 'engineering', toHandler: LIU });
    expect(toLiu).toMatchObject({ status: 'accepted', handler: LIU, acceptedAt: accepted.acceptedAt });
    expect(() => apply(accepted, { type: 'transferred', toUnit: 'engineering' })).toThrow(expect.objectContaining({ code: 'transfer_to_same' }));
  });

  it('reclassify changes category, clause and unit, and refuses a no-op', () => {
    const t = apply(newRepair(), { type: 'reclassified', category: 'assist', clause: '4.3.2.1', unit: 'office', party: 'other_owner' });
    expect(t).toMatchObject({ category: 'assist', clause: '4.3.2.1', unit: 'office', party: 'other_owner' });
    expect(() => apply(t, { type: 'reclassified', category: 'assist', clause: '4.3.2.1', unit: 'office' })).toThrow(
      expect.objectContaining({ code: 'reclassify_same' }),
    );
  });

  it('owner chases are counted (policy 4.3.1.5); staff reminders are not', () => {
    const t = apply(newRepair(), { type: 'nudged', reason: 'owner_chase' }, { type: 'nudged', reason: 'first_response' }, { type: 'nudged', reason: 'owner_chase' });
    expect(t.ownerChases).toBe(2);
  });

  it('rating closes; reopening goes back to the handler and clears the result', () => {
    const rated = inStatus('closed');
    expect(rated).toMatchObject({ status: 'closed', ratings: { quality: 5, timeliness: 5, attitude: 5 } });
    const reopened = apply(rated, { type: 'reopened', reason: '还在漏' });
    expect(reopened).toMatchObject({ status: 'accepted', handler: ZHANG });
    expect(reopened.result).toBeUndefined();
    expect(reopened.completedAt).toBeUndefined();
    expect(reopened.ratings).toBeUndefined();
  });

  it('a return visit cannot close unfinished work', () => {
    expect(() => apply(newRepair(), { type: 'closed', reason: 'return_visit' })).toThrow(expect.objectContaining({ code: 'close_unfinished' }));
  });

  it('confirming twice is refused', () => {
    const t = apply(newRepair(), { type: 'confirmed' });
    expect(() => apply(t, { type: 'confirmed' })).toThrow(expect.objectContaining({ code: 'already_confirmed' }));
  });

  it('a second created event and events out of time order are refused', () => {
    const t = newRepair();
    expect(() => apply(t, { type: 'created', category: 'repair', clause: '4.2.1.1', unit: 'engineering', description: 'x', major: false, channel: 'chat' } as Proposal)).toThrow(
      expect.objectContaining({ code: 'already_created' }),
    );
    const later = apply(t, { type: 'accepted', handler: ZHANG });
    expect(() => apply(later, { type: 'notified', unit: 'engineering', at: at(0) })).toThrow(expect.objectContaining({ code: 'event_before_last' }));
  });

  it('the schema rejects empty results and out-of-range ratings', () => {
    const t = inStatus('accepted');
    const bad = { ...t, history: [...t.history, { type: 'completed', at: at(10), by: t.history[0]!.by, result: '' }] };
    expect(TicketSchema.safeParse(bad).success).toBe(false);
    const badRating = { ...t, ratings: { quality: 6, timeliness: 1, attitude: 1 } };
    expect(TicketSchema.safeParse(badRating).success).toBe(false);
  });
});
