import { z } from 'zod';
import {
  type Category,
  CategorySchema,
  type Clause,
  ClauseSchema,
  type Label,
  type OutsideParty,
  OutsidePartySchema,
  type Unit,
  UnitSchema,
} from './category.ts';

/**
 * The service policy (家园便民服务制度, /shared/policy/README.md) as one table: for each category of request, the
 * clause it rests on, the clauses a record of it may cite (with the outside party of an assist matter), the unit that
 * acts, the return-visit rule and what its resolution time runs to. The classifier, the rules loader, the staff
 * commands (定性, 登记), the clocks, 超时 and the reports all read this table, so no two of them can disagree about a
 * category. The deployment's config may change the clocks (`sla`, `reminders.categories`), never the clauses.
 */

/** Return visits after completion (policy 5.6): never, only when the owner has not rated, or always. */
export const ReturnVisitRuleSchema = z.enum(['never', 'unrated', 'always']);
export type ReturnVisitRule = z.infer<typeof ReturnVisitRuleSchema>;

/** A more specific clause a record may cite; an assist sub-clause names the party that must act (4.3.2.1–4.3.2.5). */
const CitableClauseSchema = z.object({ clause: ClauseSchema, party: OutsidePartySchema.optional() }).strict();

export const CategoryPolicySchema = z
  .object({
    /** The clause a record rests on when nothing more specific is known (policy README, "Labels"). */
    defaultClause: ClauseSchema,
    /** The more specific clauses a record of this category may cite besides the default one. */
    subClauses: z.array(CitableClauseSchema),
    /** The company's unit that normally acts on it (policy 3.1, 4.2.1). */
    unit: UnitSchema,
    /** When the office goes back to the owner after completion (5.6). */
    returnVisit: ReturnVisitRuleSchema,
    /**
     * What the resolution time runs to: the owner's appointment (4.2.1.1 工程班应在业户预约时间内完成), else the time
     * promised to the owner or the deployment's resolution hours (5.2: normally no more than three days).
     */
    appointmentIsDeadline: z.boolean(),
    /** Handled when answered, not when completed: a consultation (5.1, 5.2; docs/timeliness.md J7). */
    doneWhenAnswered: z.boolean(),
    /** The clauses this row rests on, for a reader tracing it. */
    cites: z.array(ClauseSchema).min(1),
  })
  .strict()
  .superRefine((row, ctx) => {
    row.subClauses.forEach((s, i) => {
      if (!s.clause.startsWith(`${row.defaultClause}.`) && !(row.defaultClause === '4.2.3' && s.clause.startsWith('4.3.1.'))) {
        ctx.addIssue({ code: 'custom', path: ['subClauses', i, 'clause'], message: `${s.clause} is not under ${row.defaultClause}` });
      }
    });
  });
export type CategoryPolicy = z.infer<typeof CategoryPolicySchema>;

const sub = (prefix: string, n: number): { clause: string }[] => Array.from({ length: n }, (_, i) => ({ clause: `${prefix}.${i + 1}` }));

/** The table. Validated once when the module loads: a wrong row stops the bot at start, naming the field. */
export const POLICY: Readonly<Record<Category, CategoryPolicy>> = z.record(CategorySchema, CategoryPolicySchema).parse({
  // 4.2.1.1: indoor and public-area repairs, to engineering at once, finished within the owner's appointment.
  repair: {
    defaultClause: '4.2.1.1',
    subClauses: [],
    unit: 'engineering',
    returnVisit: 'unrated',
    appointmentIsDeadline: true,
    doneWhenAnswered: false,
    cites: ['4.2.1.1', '5.2', '5.6'],
  },
  // 4.2.2: paid services, the office negotiates, arranges and tracks.
  paid_service: {
    defaultClause: '4.2.2',
    subClauses: [],
    unit: 'office',
    returnVisit: 'unrated',
    appointmentIsDeadline: false,
    doneWhenAnswered: false,
    cites: ['4.2.2', '5.2', '5.6'],
  },
  // 4.2.3 / 4.3.1.1–7: valid complaints, to the office head (3.1: quality complaints).
  valid: {
    defaultClause: '4.2.3',
    subClauses: sub('4.3.1', 7),
    unit: 'office_head',
    returnVisit: 'always',
    appointmentIsDeadline: false,
    doneWhenAnswered: false,
    cites: ['3.1', '4.2.3', '4.3.1', '5.6'],
  },
  // 4.3.2.1–5: another party must act; the office coordinates with it.
  assist: {
    defaultClause: '4.3.2',
    subClauses: [
      { clause: '4.3.2.1', party: 'other_owner' },
      { clause: '4.3.2.2', party: 'developer' },
      { clause: '4.3.2.3', party: 'owners_committee' },
      { clause: '4.3.2.4', party: 'utility' },
      { clause: '4.3.2.5', party: 'government' },
    ],
    unit: 'office',
    returnVisit: 'always',
    appointmentIsDeadline: false,
    doneWhenAnswered: false,
    cites: ['4.3.2', '5.6'],
  },
  // 4.3.3.1–3: beyond the service contract; a polite, reasoned answer from the office.
  excessive: {
    defaultClause: '4.3.3',
    subClauses: sub('4.3.3', 3),
    unit: 'office',
    returnVisit: 'always',
    appointmentIsDeadline: false,
    doneWhenAnswered: false,
    cites: ['4.3.3', '5.6'],
  },
  // 5.1: questions, answered by the office (or from the FAQ).
  consult: {
    defaultClause: '5.1',
    subClauses: [],
    unit: 'office',
    returnVisit: 'never',
    appointmentIsDeadline: false,
    doneWhenAnswered: true,
    cites: ['5.1', '5.2'],
  },
  // 3.1, 4.2.1: an emergency that is no repair (a break-in, a fire, someone hurt), recorded in the duty log and sent to
  // the unit that responds to it, which must help unconditionally; only the emergency words make one.
  incident: {
    defaultClause: '4.2.1',
    subClauses: [],
    unit: 'security',
    returnVisit: 'unrated',
    appointmentIsDeadline: false,
    doneWhenAnswered: false,
    cites: ['3.1', '3.2', '4.2.1', '5.2'],
  },
});

function byCategory<T>(pick: (row: CategoryPolicy) => T): Readonly<Record<Category, T>> {
  return Object.fromEntries(CategorySchema.options.map((c) => [c, pick(POLICY[c])])) as Record<Category, T>;
}

/** The clause each category rests on when nothing more specific is known. */
export const DEFAULT_CLAUSE: Readonly<Record<Category, Clause>> = byCategory((row) => row.defaultClause);

/** The unit that normally handles each category. */
export const DEFAULT_UNIT: Readonly<Record<Category, Unit>> = byCategory((row) => row.unit);

const CLAUSES: Readonly<Record<Label | Category, readonly Clause[]>> = {
  ...byCategory((row) => [row.defaultClause, ...row.subClauses.map((s) => s.clause)]),
  other: [],
};

const PARTY_OF_CLAUSE: ReadonlyMap<Clause, OutsideParty> = new Map(
  CategorySchema.options.flatMap((c) => POLICY[c].subClauses.flatMap((s) => (s.party ? [[s.clause, s.party] as const] : []))),
);

/** Every clause a record of this label may cite, the default one first (none for chatter). */
export function clausesOf(label: Label | Category): readonly Clause[] {
  return CLAUSES[label];
}

/** Whether `clause` belongs to the label: 4.3.2.1 is an assist clause, not a repair one. */
export function clauseFits(label: Label | Category, clause: string): boolean {
  return CLAUSES[label].includes(clause);
}

/** The outside party an assist sub-clause names (4.3.2.1–4.3.2.5), if any. */
export function partyOf(clause: string): OutsideParty | undefined {
  return PARTY_OF_CLAUSE.get(clause);
}

/**
 * The deployment's settings that change a category's clocks: `reminders.categories` over `sla` (the shape of the
 * config, written out here because the domain reads no config).
 */
export interface ClockSettings {
  sla: { defaultResolutionHours: number; firstResponseMinutes: number };
  reminders: {
    categories: Partial<Record<Category, { resolutionHours?: number | undefined; firstResponseMinutes?: number | undefined; returnVisit?: ReturnVisitRule | undefined }>>;
  };
}

/**
 * Hours from the request to the resolution deadline when no appointment or promise sets it (5.2): the category's own
 * time, else the deployment's. The one source for 超时, the reminders, 查 and the reports.
 */
export function resolutionHours(settings: ClockSettings, category: Category): number {
  return settings.reminders.categories[category]?.resolutionHours ?? settings.sla.defaultResolutionHours;
}

/** Minutes to accept before the unit is reminded (5.2 立即联系): the category's own time, else the deployment's. */
export function firstResponseMinutes(settings: ClockSettings, category: Category): number {
  return settings.reminders.categories[category]?.firstResponseMinutes ?? settings.sla.firstResponseMinutes;
}

/** The return-visit rule (5.6): the deployment's for the category, else the table's. */
export function returnVisitRule(settings: Pick<ClockSettings, 'reminders'>, category: Category): ReturnVisitRule {
  return settings.reminders.categories[category]?.returnVisit ?? POLICY[category].returnVisit;
}
