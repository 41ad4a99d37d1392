import { z } from 'zod';
import { ClauseSchema, LabelSchema } from '../domain/category.ts';

/**
 * The shape of one rules file in `rules/` (YAML). Any file may hold any of the sections; loadRules merges them.
 *
 * - `groups`: named word lists (synonyms, colloquial variants). `@name` refers to a group, in rules and groups.
 *   A word written `/…/` is a regular expression over the normalised text (e.g. `/[打关拧]不[开上动]/`).
 * - `rules`: label rules (`request: true`: the rule says a request is there, not which kind; see RuleSchema). A rule fires when every item of `all` matches, at least `min` items of `any` match (when
 *   `any` is given; `min` counts distinct words) and nothing in `none` matches. An item is a word, `@group`, or a list of those (any of them).
 *   A fired rule adds `weight` to its label (and clause). Only labels with a fired rule of the highest `priority`
 *   present compete, so a boundary rule of the policy (楼上漏水 → assist) can outrank an ordinary one.
 * - `major`: rules that flag matters for company leadership (policy 3.1); same matching, with a `reason`.
 * - `negation`: cues (不是, 并非 …) that cancel a word right after them in the same clause.
 * - `settings`: thresholds.
 */
const Word = z.string().trim().min(1, 'must not be empty');
const Item = z.union([Word, z.array(Word).min(1, 'a list item needs at least one word')]);

const MatchFields = {
  all: z.array(Item).default([]),
  any: z.array(Item).default([]),
  min: z.number().int().min(1).default(1),
  none: z.array(Item).default([]),
  note: z.string().optional(),
};

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_.-]*$/, 'lower-case id: letters, digits, _ . -'),
    label: LabelSchema,
    clause: z.union([ClauseSchema, z.literal('')]).optional(),
    weight: z.number().positive().max(100),
    priority: z.number().int().min(0).max(9).default(0),
    /**
     * The rule settles that the message is a request to the office, not which kind it is: when it fires, the learned
     * gate overrules the ticket only below `gate.veto_decided`, as for a rule of priority 1, while the label is still
     * weighed among the rules of its priority (3号楼停电了 in an owners' group is a report; whether the complaint rules
     * make it 4.3.1.5 is theirs to say).
     */
    request: z.boolean().default(false),
    ...MatchFields,
  })
  .strict();
export type RuleSpec = z.infer<typeof RuleSchema>;

export const MajorRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_.-]*$/, 'lower-case id: letters, digits, _ . -'),
    reason: z.string().min(1),
    ...MatchFields,
  })
  .strict();
export type MajorRuleSpec = z.infer<typeof MajorRuleSchema>;

export const NegationSchema = z
  .object({
    cues: z.array(Word).min(1),
    /** How many characters before a word a cue may stand (within one clause). */
    window: z.number().int().min(1).max(20).default(6),
  })
  .strict();

export const SettingsSchema = z
  .object({
    /** The least score a label needs; below it the message is `other` (chatter). */
    min_score: z.number().positive().default(2),
    /** When the learned gate (learned.tsv) may overrule the hand rules; see GateSettings in load-rules.ts. */
    gate: z
      .object({
        veto: z.number().min(0).max(1).default(0.5),
        veto_decided: z.number().min(0).max(1).optional(),
        strong: z.number().positive().default(10),
        promote: z.number().min(0).max(1).default(0.9),
        promote_kind: z.number().min(0).max(1).default(0),
        tie: z.number().min(0).max(1).default(0),
        kind: z.number().min(0).max(1).default(1),
      })
      .strict()
      .optional(),
  })
  .strict();

export const RulesFileSchema = z
  .object({
    groups: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'group names: lower-case letters, digits, _'), z.array(Item).min(1)).optional(),
    rules: z.array(RuleSchema).optional(),
    major: z.array(MajorRuleSchema).optional(),
    negation: NegationSchema.optional(),
    settings: SettingsSchema.optional(),
  })
  .strict();
export type RulesFile = z.infer<typeof RulesFileSchema>;
