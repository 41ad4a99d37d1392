import { z } from 'zod';
import { CategorySchema, ClauseSchema, OutsidePartySchema, UnitSchema } from './category.ts';
import { LocationSchema } from './location.ts';
import { ActorSchema, StaffRefSchema } from './people.ts';
import { TicketNumberSchema } from './ticket-number.ts';

/** ISO-8601 instants with offset; the store keeps them as text so files stay readable by a manager. */
export const InstantSchema = z.iso.datetime({ offset: true });

export const RatingSchema = z.number().int().min(1).max(5);

/** The owner's verdict on completed work (policy 4.2.1.1): quality, timeliness, attitude, each 1–5. */
export const RatingsSchema = z.object({
  quality: RatingSchema,
  timeliness: RatingSchema,
  attitude: RatingSchema,
});
export type Ratings = z.infer<typeof RatingsSchema>;

const base = {
  at: InstantSchema,
  by: ActorSchema,
  /** The chat it was done from (`platform:chatId`): where an owner asked, or where staff typed the command. */
  via: z.string().min(1).optional(),
};

/**
 * One entry of a ticket's append-only history: who did what when. The ticket's current fields are a fold of these
 * (see `state-machine.ts`), so the history is the record a manager audits and timeliness is computed from.
 */
export const TicketEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('created'),
    category: CategorySchema,
    clause: ClauseSchema,
    unit: UnitSchema,
    party: OutsidePartySchema.optional(),
    /** What the owner asked for (报修, 投诉) where the verdict differs: what the owner's messages call the ticket. */
    asked: CategorySchema.optional(),
    description: z.string().min(1),
    location: LocationSchema.optional(),
    /** The owner's preferred time, when they gave one at intake, and the end of that window if it is one. */
    appointmentAt: InstantSchema.optional(),
    appointmentEnd: InstantSchema.optional(),
    /** Photos and files the owner sent, as platform references. */
    attachments: z.array(z.string()).optional(),
    major: z.boolean().default(false),
    /** An emergency (rules/conversation/urgent.yaml): what kind, as staff read it (电梯困人). Recorded without a read-back. */
    urgent: z.string().min(1).optional(),
    /** Where the request came from: a chat message, or staff logging a phone call (policy 3.2). */
    channel: z.enum(['chat', 'phone', 'in_person', 'staff_chat']).default('chat'),
    /** The ticket this record is about: a 4.3.1.5 complaint entry names the request that was not done. */
    relatesTo: TicketNumberSchema.optional(),
  }),
  /** The owner confirmed the read-back (policy 4.1.1 复述清楚). */
  z.object({ ...base, type: z.literal('confirmed') }),
  /** The responsible unit was told (policy 4.1.1 报告). */
  z.object({
    ...base,
    type: z.literal('notified'),
    unit: UnitSchema,
    chat: z.string().optional(),
    /** Told through the member of staff on duty (the duty roster, policy 3.1), in their private chat. */
    onDuty: z.string().min(1).optional(),
  }),
  z.object({ ...base, type: z.literal('accepted'), handler: StaffRefSchema }),
  z.object({
    ...base,
    type: z.literal('scheduled'),
    appointmentAt: InstantSchema,
    /**
     * End of the appointment window; without it the deployment's default window applies. Equal to the start: done by
     * then, no visit window ("明天早上8点前").
     */
    appointmentEnd: InstantSchema.optional(),
    /** Why the time was set or moved: the audit trail of deadline moves (docs/timeliness.md D4). */
    reason: z.string().min(1).optional(),
  }),
  /** A resolution time given to the owner (policy 5.2: normally no more than three days). */
  z.object({ ...base, type: z.literal('promised'), promisedAt: InstantSchema, reason: z.string().min(1).optional() }),
  z.object({
    ...base,
    type: z.literal('relayed'),
    direction: z.enum(['to_owner', 'to_staff']),
    text: z.string().min(1),
  }),
  z.object({
    ...base,
    type: z.literal('transferred'),
    toUnit: UnitSchema,
    toHandler: StaffRefSchema.optional(),
    reason: z.string().min(1).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('reclassified'),
    category: CategorySchema,
    clause: ClauseSchema,
    unit: UnitSchema,
    party: OutsidePartySchema.optional(),
    reason: z.string().min(1).optional(),
  }),
  /** Sent up the line: quality complaints to the office head, major matters to leadership (policy 3.1). */
  z.object({
    ...base,
    type: z.literal('escalated'),
    to: UnitSchema,
    reason: z.string().min(1),
    /** The clause it rests on, e.g. 4.3.1.5 when a request chased twice without progress is flagged a valid complaint. */
    clause: ClauseSchema.optional(),
    /** The complaint record entry (C…) this escalation opened, for a 4.3.1.5 flag. */
    complaint: TicketNumberSchema.optional(),
  }),
  /** A reminder or chase; an owner's chase counts toward "asked twice and still not done" (policy 4.3.1.5). */
  z.object({
    ...base,
    type: z.literal('nudged'),
    reason: z.enum(['owner_chase', 'first_response', 'appointment', 'deadline', 'return_visit']),
    target: z.string().min(1).optional(),
    /** The owner's own words, when they chased in a sentence ("楼上的人电话打不通 你们快点"), not with 催单. */
    said: z.string().min(1).optional(),
  }),
  /**
   * A unit sent to help with an emergency that another unit holds (engineering at a fire, policy 4.2.1): its staff
   * are on it (`on_it`, their 接单) or their part is done (`done`, their 完成, with what they did). The holder keeps
   * the ticket; only its 完成 ends the work.
   */
  z.object({ ...base, type: z.literal('assisted'), unit: UnitSchema, part: z.enum(['on_it', 'done']), result: z.string().min(1).optional() }),
  /** The handler's report back (policy 5.4): a result is required. */
  z.object({ ...base, type: z.literal('completed'), result: z.string().min(1) }),
  z.object({ ...base, type: z.literal('rated'), ratings: RatingsSchema, comment: z.string().optional() }),
  z.object({ ...base, type: z.literal('reopened'), reason: z.string().min(1) }),
  /**
   * The owner corrected what they had reported after it was recorded (issue 16 §3): the place, the phone or the
   * description. The history keeps what it was before; a new visit time is a `scheduled` event instead.
   */
  z.object({
    ...base,
    type: z.literal('amended'),
    location: LocationSchema.optional(),
    /** The owner's new number; `null` when they took it back. */
    phone: z.string().min(1).nullable().optional(),
    description: z.string().min(1).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('closed'),
    reason: z.enum(['return_visit', 'cancelled', 'duplicate', 'no_action']),
    note: z.string().optional(),
  }),
]);
export type TicketEvent = z.infer<typeof TicketEventSchema>;
export type TicketEventType = TicketEvent['type'];
/** An event as a caller proposes it; the time and actor are given separately by whoever performs it. */
export type TicketEventInput = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, 'at' | 'by' | 'via'> : never) : never;
export type CreatedEvent = Extract<TicketEvent, { type: 'created' }>;
