import { z } from 'zod';
import { CONVERSATION_VOCABULARY, wholeAnswer } from './vocabulary.ts';
import { CategorySchema, ClauseSchema, OutsidePartySchema, UnitSchema } from '../domain/category.ts';

/**
 * The unprompted offer in an owners' group (issue 4): when a message that nobody addressed to the bot looks like a
 * request, the bot asks once, briefly, whether to register it. It never answers chatter, never repeats an offer an
 * owner ignored or declined (for a day), and keeps a minimum interval between offers in one chat.
 */
export const OfferStateSchema = z.object({
  version: z.literal(1),
  kind: z.literal('offer'),
  verdict: z.object({
    category: CategorySchema,
    clause: ClauseSchema,
    unit: UnitSchema,
    party: OutsidePartySchema.optional(),
    major: z.boolean(),
  }),
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
export const ACCEPT_OFFER = wholeAnswer(CONVERSATION_VOCABULARY.accept_offer, '!!。.~');

export interface OfferMemory {
  /** Last offer in this chat. */
  chatLastAt?: string;
  /** When this owner last ignored or declined an offer. */
  ownerDeclinedAt?: string;
}

export function mayOffer(memory: OfferMemory, now: Date, intervalMinutes: number): boolean {
  if (memory.ownerDeclinedAt && now.getTime() - Date.parse(memory.ownerDeclinedAt) < OFFER_QUIET_MS) return false;
  if (memory.chatLastAt && now.getTime() - Date.parse(memory.chatLastAt) < intervalMinutes * 60_000) return false;
  return true;
}
