import { z } from 'zod';
import { CategorySchema, ClauseSchema, OutsidePartySchema, UnitSchema } from '../domain/category.ts';
import { LocationSchema } from '../domain/location.ts';
import { t } from '../templates.ts';
import { extractLocation, extractPhone, stripDetails } from './extract.ts';
import type { Verdict } from './triggers.ts';

/**
 * Policy 4.1.1 "四清楚,一报告" as a pure flow: listen (take what the message holds), ask (only what is missing),
 * repeat back (read the request out), and only then record. `(state, text, now) → outcome`; the bot performs the
 * outcome's effect. Conversation state is small, versioned, expiring JSON.
 */
export const DraftSchema = z.object({
  category: CategorySchema,
  clause: ClauseSchema,
  unit: UnitSchema,
  party: OutsidePartySchema.optional(),
  major: z.boolean(),
  description: z.string().optional(),
  location: LocationSchema.optional(),
  phone: z.string().optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const IntakeStateSchema = z.object({
  version: z.literal(1),
  step: z.enum(['details', 'location', 'confirm']),
  draft: DraftSchema,
  expiresAt: z.string(),
});
export type IntakeState = z.infer<typeof IntakeStateSchema>;

export type IntakeOutcome =
  | { kind: 'ask'; state: IntakeState; reply: string }
  | { kind: 'record'; draft: Draft & { description: string } }
  | { kind: 'cancel'; reply: string };

export interface OwnerProfile {
  room?: z.infer<typeof LocationSchema>;
  phone?: string;
}

const CONFIRM = /^(确认|确定|对|是|是的|好|好的|可以|没问题|1|ok|yes|y)[!!。.]*$/i;
const AMEND = /^(修改|不对|重填|改一下|错了|2|no|n)[!!。.]*$/i;
const CANCEL = /^(取消|算了|不用了|不用|撤销|cancel)[!!。.]*$/i;

/** Repairs happen somewhere: they need a location (policy 4.2.1.1). Other categories can do without. */
function needsLocation(draft: Draft): boolean {
  return draft.category === 'repair' || draft.category === 'paid_service';
}

function nextQuestion(draft: Draft, now: Date, timeoutMs: number): IntakeOutcome {
  const expiresAt = new Date(now.getTime() + timeoutMs).toISOString();
  if (!draft.description) return { kind: 'ask', state: { version: 1, step: 'details', draft, expiresAt }, reply: t.askDetails(draft.category) };
  if (!draft.location && needsLocation(draft)) {
    return { kind: 'ask', state: { version: 1, step: 'location', draft, expiresAt }, reply: t.askRoom() };
  }
  return { kind: 'ask', state: { version: 1, step: 'confirm', draft, expiresAt }, reply: t.readBack({ ...draft, description: draft.description }) };
}

/** Takes what a message holds into the draft: a room, a phone, and the rest as the description. */
function absorb(draft: Draft, text: string): Draft {
  const location = extractLocation(text);
  const phone = extractPhone(text);
  const description = stripDetails(text, location, phone);
  const next: Draft = { ...draft };
  if (location) next.location = location;
  if (phone) next.phone = phone;
  if (description.length >= 2) next.description = draft.description ? `${draft.description};${description}` : description;
  return next;
}

export function startIntake(verdict: Verdict, text: string, profile: OwnerProfile, now: Date, timeoutMs: number): IntakeOutcome {
  let draft: Draft = { ...verdict };
  if (profile.phone) draft.phone = profile.phone;
  draft = absorb(draft, text);
  if (!draft.location && profile.room && needsLocation(draft)) draft.location = profile.room;
  return nextQuestion(draft, now, timeoutMs);
}

export function continueIntake(state: IntakeState, text: string, now: Date, timeoutMs: number): IntakeOutcome {
  const answer = text.trim();
  if (CANCEL.test(answer)) return { kind: 'cancel', reply: t.cancelled() };
  const { draft } = state;
  switch (state.step) {
    case 'details':
      return nextQuestion(absorb(draft, answer), now, timeoutMs);
    case 'location': {
      // The answer to "where?" is a place, not more description.
      const location = extractLocation(answer);
      const phone = extractPhone(answer);
      if (location) return nextQuestion({ ...draft, location, ...(phone && { phone }) }, now, timeoutMs);
      // Not a room: take the answer as a public-area place (3栋大堂, 地下车库B区).
      const place = answer.slice(0, 60);
      return nextQuestion({ ...draft, location: { kind: 'public', place, text: place } }, now, timeoutMs);
    }
    case 'confirm':
      if (CONFIRM.test(answer) && draft.description) return { kind: 'record', draft: { ...draft, description: draft.description } };
      if (AMEND.test(answer)) {
        const { description: _d, location: _l, ...rest } = draft;
        const restarted = nextQuestion(rest, now, timeoutMs);
        return restarted.kind === 'ask' ? { ...restarted, reply: `${t.restart()}\n${restarted.reply}` } : restarted;
      }
      {
        // A room or phone typed at the read-back corrects that part; anything else gets the hint again.
        const location = extractLocation(answer);
        const phone = extractPhone(answer);
        if (location || phone) return nextQuestion({ ...draft, ...(location && { location }), ...(phone && { phone }) }, now, timeoutMs);
        return { kind: 'ask', state: { ...state, expiresAt: new Date(now.getTime() + timeoutMs).toISOString() }, reply: t.confirmHint() };
      }
  }
}
