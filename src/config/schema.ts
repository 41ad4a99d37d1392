import { z } from 'zod';
import { CategorySchema, UnitSchema } from '../domain/category.ts';
import { PlatformSchema } from '../domain/people.ts';
import { ReturnVisitRuleSchema } from '../domain/policy.ts';

const IdSchema = z.string().min(1).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ or - only');

/** Policy 5.1: the service card with the 24-hour numbers. */
export const ServiceCardSchema = z.object({
  repair: z.string().min(1),
  complaint: z.string().min(1),
  consult: z.string().min(1),
  qualityComplaint: z.string().min(1),
});

/** A question owners often ask and the estate's answer: consultations are answered from here where possible (5.1). */
export const FaqSchema = z.object({
  /** All of these words in the question select this answer. */
  keywords: z.array(z.string().min(1)).min(1),
  answer: z.string().min(1),
});

export const EstateSchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  serviceCard: ServiceCardSchema,
  faq: z.array(FaqSchema).default([]),
});

/** Which part a chat plays: the owners' group, a unit's staff chat, or leadership's chat. */
export const ChatRoleSchema = z.enum(['owners', 'engineering', 'office', 'office_head', 'security', 'managers']);
export type ChatRole = z.infer<typeof ChatRoleSchema>;

export const ChatConfigSchema = z.object({
  platform: PlatformSchema,
  /** Chat ids are text: Telegram's are numbers that overflow nothing as text, WeChat's are room ids. */
  id: z.coerce.string().min(1),
  estate: IdSchema.optional(),
  role: ChatRoleSchema,
  title: z.string().optional(),
  /** In an owners' group, offer to register a message that looks like a request without being addressed. */
  offerToRegister: z.boolean().default(true),
  /**
   * At most `offersPerWindow` unprompted offers in any `offerWindowMinutes` in the chat, so the bot never floods a
   * group; a count rather than one gap, because two owners posting real problems a minute apart are common in a big
   * estate and each needs an answer (policy 5.3). The field trial's second owner got nothing under a 2-minute gap.
   */
  offersPerWindow: z.number().int().positive().default(3),
  offerWindowMinutes: z.number().int().positive().default(10),
  /** An extra minimum gap between two offers in the chat; 0 (the default) for none. */
  offerIntervalMinutes: z.number().int().nonnegative().default(0),
});
export type ChatConfig = z.infer<typeof ChatConfigSchema>;

/** handler: does the work; head: heads a unit (office head takes quality complaints); manager: leadership. */
export const StaffRoleSchema = z.enum(['handler', 'clerk', 'head', 'manager']);

export const StaffConfigSchema = z.object({
  platform: PlatformSchema,
  id: z.coerce.string().min(1),
  name: z.string().min(1),
  estate: IdSchema.optional(),
  unit: UnitSchema,
  role: StaffRoleSchema.default('handler'),
  /** Round-robin dispatch only gives new work to staff on duty. */
  onDuty: z.boolean().default(true),
});
export type StaffConfig = z.infer<typeof StaffConfigSchema>;

/** Service levels. The policy fixes the 3-day promise (5.2); the rest are the company's to set. */
export const SlaSchema = z.object({
  firstResponseMinutes: z.number().int().positive().default(30),
  appointmentWindowMinutes: z.number().int().positive().default(120),
  appointmentReminderMinutes: z.number().int().positive().default(60),
  defaultResolutionHours: z.number().positive().default(72),
  maxPromiseHours: z.number().positive().default(72),
  returnVisitAfterHours: z.number().positive().default(24),
  intakeTimeoutMinutes: z.number().int().positive().default(30),
});

/** A time of day, 24-hour: "22:00". */
const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 22:00');

/** Per-category reminder clocks (issue 6): own first-response and resolution times, and the return-visit policy (5.6). */
export const CategoryRemindersSchema = z.object({
  firstResponseMinutes: z.number().int().positive().optional(),
  resolutionHours: z.number().positive().optional(),
  returnVisit: ReturnVisitRuleSchema.optional(),
});

/** Emergency clocks, in minutes from the report (policy 3.1, 5.2). */
export const UrgentRemindersSchema = z.object({
  acceptMinutes: z.number().int().positive().default(5),
  headMinutes: z.number().int().positive().default(10),
  managersMinutes: z.number().int().positive().default(15),
  resolveMinutes: z.number().int().positive().default(120),
  /** Still not accepted after leadership was told: the unit and leadership are chased again this often until someone accepts it (policy 3.1 跟催, 5.3). */
  chaseMinutes: z.number().int().positive().default(30),
});

/**
 * Reminders, escalation, quiet hours and return visits (policy 4.2.1.1, 4.3.1.5, 5.2, 5.6). Times not given per
 * category come from `sla`. Return visits default to `always` for complaints, `unrated` for repairs and paid
 * services, `never` for consultations.
 */
export const RemindersSchema = z.object({
  /** Nothing goes to owners between these times (and only urgent matters to staff). */
  quietHours: z.object({ start: TimeOfDaySchema.default('22:00'), end: TimeOfDaySchema.default('08:00') }).default({ start: '22:00', end: '08:00' }),
  /** Not accepted this long after arriving: the unit's head is told (the unit itself at sla.firstResponseMinutes). */
  firstResponseHeadMinutes: z.number().int().positive().default(60),
  /** Warn the handler this long before the resolution deadline. */
  deadlineWarningHours: z.number().positive().default(4),
  /** Overdue by this much: leadership's chat is told (policy 3.1). */
  farOverdueHours: z.number().positive().default(24),
  /** Completed and still unrated this long after completion: a return-visit task for the office. */
  returnVisitTaskAfterHours: z.number().positive().default(48),
  /** A reminder whose moment passed longer ago than this (the bot was down) is not sent late; the digest shows the work. */
  catchUpHours: z.number().positive().default(72),
  /** No owner-visible update for this long: listed in the digest (5.3 件件有回音). */
  silentHours: z.number().positive().default(24),
  /**
   * Policy 4.3.1.5 "经两次提示": a prompt counts as another one only this long after the last one that counted, so the
   * handler had a fair chance in between (two 催单 seconds apart are one prompt).
   */
  chaseIntervalHours: z.number().nonnegative().default(4),
  /**
   * A complaint nobody has taken (policy 3.1 跟催, 4.2.3): the office head is chased again this often until someone
   * accepts it. Once leadership has been told (`farOverdueHours`), once a day: leadership holds it then.
   */
  complaintChaseHours: z.number().min(1, 'at least 1 hour between chases').default(4),
  categories: z.partialRecord(CategorySchema, CategoryRemindersSchema).default({}),
  /** Emergencies (rules/conversation/urgent.yaml) run on minutes: unaccepted → unit, office head, leadership; unfinished → leadership. */
  urgent: UrgentRemindersSchema.default(UrgentRemindersSchema.parse({})),
});
export type RemindersConfig = z.infer<typeof RemindersSchema>;

/**
 * How new work reaches a handler (policy 4.2.1): `grab` — announced in the unit's chat, first to accept gets it, or
 * the head assigns; `round_robin` — given at once to the on-duty handler of the unit with the fewest open tickets,
 * up to `maxOpenPerHandler`; when everyone is at the cap it is announced for grabbing.
 */
export const DispatchSchema = z.object({
  mode: z.enum(['grab', 'round_robin']).default('grab'),
  maxOpenPerHandler: z.number().int().positive().default(5),
});

/** node-cron expressions, read in the configured timezone. */
export const CronSchema = z.object({
  reminders: z.string().min(1).default('*/5 * * * *'),
  dailyDigest: z.string().min(1).default('0 18 * * *'),
  monthlyReport: z.string().min(1).default('0 9 1 * *'),
});

/**
 * The office console (issue 21): a web page served by the running bot. Bound to loopback by default; put a reverse
 * proxy with HTTPS in front to reach it from other machines (README). `port: 0` turns it off.
 */
export const WebSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8787),
  /** The address people open, when it is not http://host:port (a reverse proxy): login links start with it. */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** How long a login link from 后台 or `huiyin web-link` stays valid (it works once). */
  linkMinutes: z.number().int().positive().default(10),
  /** A web session ends after this long. */
  sessionHours: z.number().positive().default(12),
});
export type WebConfig = z.infer<typeof WebSchema>;

/**
 * Where tickets and records live: lowdb files in dataDir (the default), or PostgreSQL when `url` is given (or
 * HUIYIN_DATABASE_URL is set) so that several processes can share one store.
 */
export const StoreConfigSchema = z.object({
  url: z.string().regex(/^postgres(ql)?:\/\//, 'a PostgreSQL URL such as postgres://user:password@host:5432/huiyin').optional(),
  /** This process's name among those sharing the database (default: an id kept in dataDir/instance-id). */
  instance: IdSchema.optional(),
});

export const ConfigSchema = z
  .object({
    timezone: z
      .string()
      .min(1)
      .refine(isValidTimezone, { error: (issue) => `unknown timezone "${String(issue.input)}" (e.g. Asia/Shanghai)` })
      .default('Asia/Shanghai'),
    dataDir: z.string().min(1).default('./data'),
    store: StoreConfigSchema.default(StoreConfigSchema.parse({})),
    /** The classifier rules; without it, the rules that ship with Huiyin. */
    rulesDir: z.string().min(1).optional(),
    /** The duty roster (值班表) file: who takes staff reminders at night and at weekends (config/duty.sample.yaml). */
    dutyRoster: z.string().min(1).optional(),
    botName: z.string().min(1).default('回音'),
    estates: z.array(EstateSchema).min(1, 'at least one estate'),
    chats: z.array(ChatConfigSchema).default([]),
    staff: z.array(StaffConfigSchema).default([]),
    sla: SlaSchema.default(SlaSchema.parse({})),
    dispatch: DispatchSchema.default(DispatchSchema.parse({})),
    cron: CronSchema.default(CronSchema.parse({})),
    reminders: RemindersSchema.default(RemindersSchema.parse({})),
    web: WebSchema.default(WebSchema.parse({})),
  })
  // Cross-references are checked once every field is well-formed (zod runs refinements on valid objects only).
  .superRefine((config, ctx) => {
    const estates = new Set(config.estates.map((e) => e.id));
    const known = [...estates].join(', ');
    config.estates.forEach((estate, i) => {
      if (config.estates.findIndex((e) => e.id === estate.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['estates', i, 'id'], message: `duplicate estate id "${estate.id}"` });
      }
    });
    const seenChats = new Map<string, number>();
    config.chats.forEach((chat, i) => {
      if (chat.estate !== undefined && !estates.has(chat.estate)) {
        ctx.addIssue({ code: 'custom', path: ['chats', i, 'estate'], message: `unknown estate "${chat.estate}" (known: ${known})` });
      }
      if (chat.role !== 'managers' && chat.estate === undefined) {
        ctx.addIssue({ code: 'custom', path: ['chats', i, 'estate'], message: `a ${chat.role} chat needs an estate (known: ${known})` });
      }
      const key = `${chat.platform}:${chat.id}`;
      const before = seenChats.get(key);
      if (before !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['chats', i, 'id'], message: `chat ${key} is already configured as chats[${before}]` });
      }
      seenChats.set(key, i);
    });
    const seenStaff = new Map<string, number>();
    config.staff.forEach((member, i) => {
      if (member.estate !== undefined && !estates.has(member.estate)) {
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'estate'], message: `unknown estate "${member.estate}" (known: ${known})` });
      }
      const key = `${member.platform}:${member.id}`;
      const before = seenStaff.get(key);
      if (before !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'id'], message: `staff ${key} is already configured as staff[${before}]` });
      }
      seenStaff.set(key, i);
    });
  });

export type Config = z.infer<typeof ConfigSchema>;
export type Estate = z.infer<typeof EstateSchema>;
export type Sla = z.infer<typeof SlaSchema>;

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
