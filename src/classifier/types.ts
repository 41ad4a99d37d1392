import { z } from 'zod';
import { LabelSchema, OutsidePartySchema, UnitSchema } from '../domain/category.ts';

/** One rule that fired: which words or patterns matched, for which label and clause. */
export const EvidenceSchema = z.object({
  rule: z.string(),
  clause: z.string().nullable(),
  label: LabelSchema,
  matched: z.array(z.string()),
  weight: z.number(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * What the classifier says about one message (policy 4.2–4.3).
 * `clause` and `unit` are null for `other` (chatter never becomes a ticket).
 * `party` is set for `assist` only: the outside party that must act (4.3.2.1–5).
 * `major` marks matters that policy 3.1 sends to company leadership.
 */
export const ClassificationSchema = z.object({
  label: LabelSchema,
  clause: z.string().nullable(),
  unit: UnitSchema.nullable(),
  party: OutsidePartySchema.optional(),
  confidence: z.number().min(0).max(1),
  major: z.boolean(),
  majorReasons: z.array(z.string()),
  evidence: z.array(EvidenceSchema),
  /** Words that were seen but negated (e.g. 楼上 in 不是楼上漏的), for the explanation. */
  negated: z.array(z.string()),
  /** Per-label scores, for the explanation and for debugging rules. */
  scores: z.record(z.string(), z.number()),
  /** The normalised text the rules were matched against. */
  normalised: z.string(),
  /**
   * What the learned keyword layer said, when it was consulted (the rules were unsure): P(request to the office), its
   * best request label, the words that weighed most, and whether it changed the rules' answer.
   */
  learned: z
    .object({
      request: z.number(),
      kind: LabelSchema,
      kindProbability: z.number(),
      decided: z.enum(['rules', 'veto', 'promote', 'kind']),
      gateWords: z.array(z.object({ word: z.string(), weight: z.number() })),
      kindWords: z.array(z.object({ word: z.string(), weight: z.number() })),
    })
    .optional(),
  /** Set when the time budget ran out before every pattern was tried (classify.ts, ClassifyLimits). */
  limited: z.literal(true).optional(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

/** The only thing classify() needs from a word segmenter. */
export interface Segmenter {
  cut(text: string): string[];
  /**
   * The same cut as the length of each word (UTF-16 code units), where the engine can give it without making a
   * string per word: classify() only needs where words start and end (issue 20). Absent: classify() uses cut().
   * The result may be a view of a buffer the next call reuses: read it before cutting again.
   */
  wordLengths?(text: string): ArrayLike<number>;
}
