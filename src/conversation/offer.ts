import { z } from 'zod';
import { answerOf, CONVERSATION_VOCABULARY } from './vocabulary.ts';
import { CategorySchema, ClauseSchema, OutsidePartySchema, UnitSchema } from '../domain/category.ts';

/**
 * The unprompted offer in an owners' group (issue 4): when a message that nobody addressed to the bot looks like a
 * request, the bot asks once, briefly, whether to register it. It never answers chatter, never repeats an offer an
 * owner ignored or declined (for a day), and keeps a minimum interval between offers in one chat.
 */
export const OfferStateSchema = z.object({
  version: z.literal(1),
  kind: z.literal('offer'),
  /** What the classifier made of the text; absent when the bot asked the owner which kind it is (askKind). */
  verdict: z
    .object({
      category: CategorySchema,
      clause: ClauseSchema,
      unit: UnitSchema,
      party: OutsidePartySchema.optional(),
      major: z.boolean(),
    })
    .optional(),
  /**
   * The owner addressed the bot with words it could not place ("@回音 物业能不能帮忙把楼道里的自行车清一下"), and was
   * asked 报修、投诉还是咨询 instead of being shown the help (the field trial's dead end). Not an unprompted offer: letting
   * it pass is not declining one.
   */
  askKind: z.boolean().optional(),
  /** Asked unprompted (the owner called on the office by name without @): letting it pass declines, as for any offer. */
  unprompted: z.boolean().optional(),
  /** A yes to 报修、投诉还是咨询 was told a kind word is wanted (ownerT.kindWanted): a further yes is not answered again. */
  kindHinted: z.boolean().optional(),
  text: z.string(),
  attachments: z.array(z.string()).default([]),
  expiresAt: z.string(),
});
export type OfferState = z.infer<typeof OfferStateSchema>;

/** Below this classifier confidence the bot stays quiet in a group unless someone addresses it. */
export const OFFER_CONFIDENCE = 0.6;
/** An offer not taken up within this time counts as ignored. */
export const OFFER_TTL_MS = 10 * 60_000;
/** After an ignored or declined offer, that owner gets no other for this long. */
export const OFFER_QUIET_MS = 24 * 3_600_000;

/** A whole answer that takes up the offer: the words are data (rules/vocabulary/conversation.yaml `accept_offer`). */
export const ACCEPT_OFFER = answerOf(CONVERSATION_VOCABULARY.accept_offer, CONVERSATION_VOCABULARY.answer_fillers);

export interface OfferMemory {
  /** The chat's offers within the last window, oldest first. */
  chatRecent: string[];
  /** When this owner last ignored or declined an offer. */
  ownerDeclinedAt?: string;
}

export interface OfferLimits {
  offersPerWindow: number;
  offerWindowMinutes: number;
  offerIntervalMinutes: number;
}

export function mayOffer(memory: OfferMemory, now: Date, limits: OfferLimits): boolean {
  const t = now.getTime();
  if (memory.ownerDeclinedAt && t - Date.parse(memory.ownerDeclinedAt) < OFFER_QUIET_MS) return false;
  const inWindow = memory.chatRecent.filter((at) => t - Date.parse(at) < limits.offerWindowMinutes * 60_000);
  if (inWindow.length >= limits.offersPerWindow) return false;
  const last = memory.chatRecent.at(-1);
  if (last && t - Date.parse(last) < limits.offerIntervalMinutes * 60_000) return false;
  return true;
}

/** The chat's offer times to keep after one more at `now`: only those the window can still count. */
export function afterOffer(recent: readonly string[], now: Date, limits: OfferLimits): string[] {
  const keepMs = Math.max(limits.offerWindowMinutes, limits.offerIntervalMinutes) * 60_000;
  return [...recent.filter((at) => now.getTime() - Date.parse(at) < keepMs), now.toISOString()];
}

/** An answer the bot gave unasked in a group (the FAQ's, to a question nobody addressed to it). */
export interface UnaskedAnswer {
  at: string;
  answer: string;
}

/**
 * Whether the bot may answer a question from the FAQ unasked in a group. Those answers are not offers: counted with
 * them they used up the chat's offers, and a leak posted after three questions about fees got nothing (policy 5.3
 * 件件有回音). They keep their own count under the same limits, and the same answer is not given again while the
 * group can still read it (within the window); asked with @ it always is.
 */
export function mayAnswerUnasked(recent: readonly UnaskedAnswer[], answer: string, now: Date, limits: OfferLimits): boolean {
  const inWindow = recent.filter((r) => now.getTime() - Date.parse(r.at) < limits.offerWindowMinutes * 60_000);
  return inWindow.length < limits.offersPerWindow && !inWindow.some((r) => r.answer === answer);
}

/** The chat's unasked answers to keep after one more at `now`. */
export function afterUnaskedAnswer(recent: readonly UnaskedAnswer[], answer: string, now: Date, limits: OfferLimits): UnaskedAnswer[] {
  return [...recent.filter((r) => now.getTime() - Date.parse(r.at) < limits.offerWindowMinutes * 60_000), { at: now.toISOString(), answer }];
}
