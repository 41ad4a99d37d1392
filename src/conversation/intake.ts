import { z } from 'zod';
import { CategorySchema, ClauseSchema, OutsidePartySchema, UnitSchema } from '../domain/category.ts';
import { LocationSchema } from '../domain/location.ts';
import type { QuickReply } from '../messages.ts';
import { t } from '../templates.ts';
import { extractLocation, extractPhone, stripDetails } from './extract.ts';
import { parseTime } from './parse-time.ts';
import type { Verdict } from './triggers.ts';

/**
 * Policy 4.1.1 "四清楚,一报告" as a pure flow: listen (take what the message holds), ask (only what is missing and
 * needed for the category, one question a turn), repeat back (read the request out), and only then record.
 * `(state, text, env) → outcome`; the bot performs the outcome. Conversation state is small, versioned, expiring JSON.
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
  appointmentAt: z.string().optional(),
  appointmentEnd: z.string().optional(),
  /** The owner said any time suits them (随时, 尽快): no appointment to hold the handler to. */
  anytime: z.boolean().optional(),
  /** Photos and files sent during the intake, as platform references. */
  attachments: z.array(z.string()).default([]),
});
export type Draft = z.infer<typeof DraftSchema>;

export const IntakeStateSchema = z.object({
  version: z.literal(1),
  step: z.enum(['details', 'location', 'time', 'confirm']),
  draft: DraftSchema,
  expiresAt: z.string(),
});
export type IntakeState = z.infer<typeof IntakeStateSchema>;

export type IntakeOutcome =
  | { kind: 'ask'; state: IntakeState; reply: string; quickReplies?: QuickReply[] }
  | { kind: 'record'; draft: Draft & { description: string } }
  | { kind: 'cancel'; reply: string };

export interface IntakeEnv {
  now: Date;
  timeoutMs: number;
  timezone: string;
}

export interface OwnerProfile {
  room?: z.infer<typeof LocationSchema>;
  phone?: string;
}

export const CONFIRM = /^(确认|确定|对|对的|是|是的|好|好的|嗯|可以|没问题|没错|1|ok|yes|y)[!!。.]*$/i;
const AMEND = /^(修改|不对|重填|改一下|错了|2|no|n)[!!。.]*$/i;
const CANCEL = /^(取消|算了|不用了|不用|撤销|cancel)[!!。.]*$/i;
const AT_HOME = /(我)?(都|一直|全天)?(在家|家里有人|有人在家)(的)?/g;
const ANYTIME = /(随时|都可以|都行|尽快|越快越好|马上|现在就|今天就|什么时候都)/;

const READ_BACK_BUTTONS: QuickReply[] = [
  { label: '确认', text: '确认' },
  { label: '修改', text: '修改' },
  { label: '取消', text: '取消' },
];

/** Work done at a place needs the place (policy 4.2.1.1); complaints and questions can do without. */
function needsLocation(draft: Draft): boolean {
  return draft.category === 'repair' || draft.category === 'paid_service';
}

/** Repairs are finished within the owner's appointment time (4.2.1.1); paid services are arranged for a time (4.2.2). */
function needsTime(draft: Draft): boolean {
  return (draft.category === 'repair' || draft.category === 'paid_service') && !draft.appointmentAt && !draft.anytime;
}

function nextQuestion(draft: Draft, env: IntakeEnv): IntakeOutcome {
  const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
  const ask = (step: IntakeState['step'], reply: string, quickReplies?: QuickReply[]): IntakeOutcome => ({
    kind: 'ask',
    state: { version: 1, step, draft, expiresAt },
    reply,
    ...(quickReplies && { quickReplies }),
  });
  if (!draft.description) return ask('details', t.askDetails(draft.category));
  if (!draft.location && needsLocation(draft)) return ask('location', t.askRoom());
  if (needsTime(draft)) return ask('time', t.askTime(draft.category), [{ label: '随时都可以', text: '随时' }]);
  return ask('confirm', t.readBack({ ...draft, description: draft.description }, env.timezone), READ_BACK_BUTTONS);
}

/** Takes what a message holds into the draft: a place, a phone, a time, and the rest as the description. */
function absorb(draft: Draft, text: string, env: IntakeEnv): Draft {
  const location = extractLocation(text);
  const phone = extractPhone(text);
  const time = parseTime(text, env.now, env.timezone);
  const anytime = !time && ANYTIME.test(text);
  // With the time taken out, "(都)在家 / 家里有人" only said when someone is home: not part of the problem.
  const withoutTime = time ? text.replace(time.text, ' ').replace(AT_HOME, ' ') : anytime ? text.replace(ANYTIME, ' ').replace(AT_HOME, ' ') : text;
  const description = stripDetails(withoutTime, location, phone).replace(/^(来|上门|过来)+|(来|上门|过来)(修|看看?)?$/g, '').trim();
  const next: Draft = { ...draft };
  if (location) next.location = location;
  if (phone) next.phone = phone;
  if (time) Object.assign(next, timeFields(time));
  else if (anytime) next.anytime = true;
  if (description.length >= 2) next.description = draft.description ? `${draft.description};${description}` : description;
  return next;
}

function timeFields(time: NonNullable<ReturnType<typeof parseTime>>): Pick<Draft, 'appointmentAt' | 'appointmentEnd' | 'anytime'> {
  return { appointmentAt: time.start.toISOString(), ...(time.end && { appointmentEnd: time.end.toISOString() }), anytime: false };
}

export function startIntake(verdict: Verdict, text: string, profile: OwnerProfile, env: IntakeEnv, attachments: string[] = []): IntakeOutcome {
  let draft: Draft = { ...verdict, attachments };
  if (profile.phone) draft.phone = profile.phone;
  draft = absorb(draft, text, env);
  if (!draft.location && profile.room && needsLocation(draft)) draft.location = profile.room;
  return nextQuestion(draft, env);
}

export function continueIntake(state: IntakeState, text: string, env: IntakeEnv, attachments: string[] = []): IntakeOutcome {
  const answer = text.trim();
  if (CANCEL.test(answer)) return { kind: 'cancel', reply: t.cancelled() };
  const draft: Draft = { ...state.draft, attachments: [...state.draft.attachments, ...attachments] };
  // A photo with no words keeps the question where it was.
  if (!answer) return nextQuestion(draft, env);
  switch (state.step) {
    case 'details':
      return nextQuestion(absorb(draft, answer, env), env);
    case 'location': {
      // The answer to "where?" is a place, not more description.
      const location = extractLocation(answer);
      const phone = extractPhone(answer);
      if (location) return nextQuestion({ ...draft, location, ...(phone && { phone }) }, env);
      // Not a room: take the answer as a public-area place (3栋大堂, 地下车库B区), without a phone number in it: the
      // place is read back in the group, where a full number must never show.
      const place = (phone ? stripDetails(answer, undefined, phone) : answer).slice(0, 60);
      if (!place) return nextQuestion({ ...draft, ...(phone && { phone }) }, env);
      return nextQuestion({ ...draft, location: { kind: 'public', place, text: place }, ...(phone && { phone }) }, env);
    }
    case 'time': {
      const time = parseTime(answer, env.now, env.timezone);
      if (time) return nextQuestion({ ...draft, ...timeFields(time) }, env);
      if (ANYTIME.test(answer)) return nextQuestion({ ...draft, anytime: true }, env);
      return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() }, reply: t.badTimeAnswer() };
    }
    case 'confirm': {
      if (CONFIRM.test(answer) && draft.description) return { kind: 'record', draft: { ...draft, description: draft.description } };
      if (AMEND.test(answer)) {
        const { description: _d, location: _l, appointmentAt: _a, appointmentEnd: _e, anytime: _n, ...rest } = draft;
        const restarted = nextQuestion({ ...rest }, env);
        return restarted.kind === 'ask' ? { ...restarted, reply: `${t.restart()}\n${restarted.reply}` } : restarted;
      }
      // A place, phone or time typed at the read-back corrects that part; anything else gets the hint again.
      const location = extractLocation(answer);
      const phone = extractPhone(answer);
      const time = parseTime(answer, env.now, env.timezone);
      if (location || phone || time) {
        return nextQuestion({ ...draft, ...(location && { location }), ...(phone && { phone }), ...(time && timeFields(time)) }, env);
      }
      return {
        kind: 'ask',
        state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() },
        reply: t.confirmHint(),
        quickReplies: READ_BACK_BUTTONS,
      };
    }
  }
}
