import { z } from 'zod';
import { escapeRegExp } from './escape-regexp.ts';
import { longestFirst } from './longest-first.ts';
import { CategorySchema, ClauseSchema, isComplaint, OutsidePartySchema, UnitSchema } from '../domain/category.ts';
import { parseTicketNumber } from '../domain/ticket-number.ts';
import { buildingOf, formatLocation, type Location, LocationSchema, namesAPlace, buildingIn, buildingSaid, parseBuilding, parsePublicPlace, wherePart } from '../domain/location.ts';
import type { QuickReply } from '../messages.ts';
import { t } from '../templates.ts';
import { maskPhone } from '../domain/people.ts';
import { afterOpener, extractLocation, extractPhone, stripDetails, roomInBuildingSaid, withoutOtherPhones } from './extract.ts';
import { simplified } from './simplified.ts';
import { holdsAny } from './holds-any.ts';
import { findProposal, type Proposal, proposalIn, strip, takesAppointment, visitFields } from './appointment.ts';
import { buildingCorrection, type CorrectedValue, correctedValue, readBareValue, readCorrection, SAYS_WRONG } from './correction.ts';
import { shippedIntakeWords, type CorrectionField, type IntakeWords } from './intake-words.ts';
import { exampleFlat, flatOnFloor, type Floor, floorOf, isIndoor, saysCommon, withoutFloor } from './flat-on-floor.ts';
import { parseTime } from './parse-time.ts';
import { findTrigger } from './triggers.ts';
import { readTicketTalk } from './ticket-talk.ts';
import type { Verdict } from './triggers.ts';
import { answerOf, CONVERSATION_VOCABULARY } from './vocabulary.ts';
import { withoutUrgingClauses } from './urgent.ts';
import { otherSideOf, outageKind } from './same-outage.ts';
import { mistypedPhone } from '../domain/phone-mask.ts';

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
  /** The owner's own request word where the verdict differs (Verdict.asked): what the read-back calls it. */
  asked: CategorySchema.optional(),
  description: z.string().optional(),
  location: LocationSchema.optional(),
  phone: z.string().optional(),
  appointmentAt: z.string().optional(),
  appointmentEnd: z.string().optional(),
  /** The owner said any time suits them (随时, 尽快): no appointment to hold the handler to. */
  anytime: z.boolean().optional(),
  /**
   * An assist matter (4.3.2) or a complaint takes no appointment, and the owner said when they are home anyway ("明天上午在家"): the
   * time leaves the description and the read-back says the office will contact them and the other party.
   */
  timeSaid: z.boolean().optional(),
  /** No number wanted: the owner said 不用 now or at an earlier intake (issue 16 §5: ask once, remember). */
  noPhone: z.boolean().optional(),
  /** The read-back asked for a number the engineer can call; confirming without one counts as declining. */
  phoneAsked: z.boolean().optional(),
  /** A number given as the phone that is none (one digit short or long: "电话1381234567"): said back to the owner. */
  phoneMistyped: z.string().optional(),
  /** Asked which building a lift, lobby or stairwell is in (place.in_building): asked once, whatever the answer. */
  buildingAsked: z.boolean().optional(),
  /** Asked which flat on the floor, the owner said it is the landing (公共区域) or gave none twice: the floor is the place. */
  floorOnly: z.enum(['landing', 'unsaid']).optional(),
  /** The place is the owner's room remembered from earlier work, not said this time: shown with the first question. */
  roomRemembered: z.boolean().optional(),
  /** Photos and files sent during the intake, as platform references. */
  attachments: z.array(z.string()).default([]),
  /** A second matter said in the same first message, offered as a record of its own once this one is recorded. */
  also: z
    .object({
      text: z.string(),
      verdict: z.object({ category: CategorySchema, clause: ClauseSchema, unit: UnitSchema, party: OutsidePartySchema.optional(), major: z.boolean() }),
    })
    .optional(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const IntakeStateSchema = z.object({
  version: z.literal(1),
  step: z.enum(['details', 'location', 'time', 'confirm']),
  draft: DraftSchema,
  /** The room question was asked again after an answer that named no place: the next answer is the place. */
  reasked: z.boolean().optional(),
  /** At the read-back, the part the owner said they want to change ("改地点"): their next words are its new value. */
  amend: z.enum(['location', 'time', 'phone', 'description']).optional(),
  /** When the read-back's hint (请回复「确认」登记) or the time question again was given in a group: not given again. */
  hintedAt: z.string().optional(),
  expiresAt: z.string(),
});
export type IntakeState = z.infer<typeof IntakeStateSchema>;

export type IntakeOutcome =
  | { kind: 'ask'; state: IntakeState; reply: string; quickReplies?: QuickReply[] }
  | { kind: 'record'; draft: Draft & { description: string } }
  | { kind: 'cancel'; reply: string }
  /** Not for the intake, and nothing to say: an owners' group's talk after the read-back's hint (confirmStep). */
  | { kind: 'quiet' };

export interface IntakeEnv {
  now: Date;
  timeoutMs: number;
  timezone: string;
  words: IntakeWords;
  /** The estate's FAQ answer to a question, if it has one (conversation/faq.ts); without it every question is read back. */
  faqAnswer?: (question: string) => string | undefined;
  /** Said in a group the neighbours read, not to the bot (@): the hints are given once, talk is left alone. */
  inGroup?: boolean;
  /** Whether words are talk by the classifier's own talk words (ClassifyFn.talk); without it nothing is. */
  talk?: (text: string) => boolean;
}

export interface OwnerProfile {
  room?: z.infer<typeof LocationSchema>;
  phone?: string;
  /** Asked once already and declined (or confirmed without a number): never asked again. */
  phoneDeclined?: boolean;
}

/** A whole answer that confirms the read-back: the words are data (rules/vocabulary/conversation.yaml `confirm`). */
export const CONFIRM = answerOf(CONVERSATION_VOCABULARY.confirm, CONVERSATION_VOCABULARY.answer_fillers);
/** In a group after the hint, once the owner talked on: rules/vocabulary/conversation.yaml `confirm_after_talk`. */
const CONFIRM_AFTER_TALK = CONVERSATION_VOCABULARY.confirm_after_talk ? answerOf(CONVERSATION_VOCABULARY.confirm_after_talk, CONVERSATION_VOCABULARY.answer_fillers) : CONFIRM;
/** A yes this soon after the hint still answers it ("收到" → 请回复「确认」 → "好的"). */
const HINT_ANSWER_MS = 3 * 60_000;
const AMEND = /^(修改|不对|重填|改一下|错了|2|no|n)[!!。.]*$/i;
/** A whole answer that drops the request: rules/vocabulary/conversation.yaml `cancel` ("算了不用了", "不用了谢谢"). */
const CANCEL = answerOf(CONVERSATION_VOCABULARY.cancel, CONVERSATION_VOCABULARY.answer_fillers);
/** A bare no, which at the time question is not clearly a cancel. */
const BARE_NO = /^(不用|不用了|不需要|不要)[!!。.]*$/;
/** The answer to the read-back's phone question that keeps the report: "不用" there declines the number only. */
const NO_PHONE = /^(不用|不用了|不留|不用留|不需要|没有|不方便|不给)(留)?(电话|号码)?(了)?[!!。.]*$/;
/** "不用 确认": the phone declined, then something else said in the same message. */
/** "不用留电话" inside the request itself ("报修 … 明天上午 不用留电话"): said before being asked; not part of the problem. */
const NO_PHONE_INSIDE = /[,,。\s]*(?:(?:不用|不需要|不)留(?:电话|号码)(?:了)?|电话(?:就)?不留(?:了)?)[!!。.]*/;
const NO_PHONE_THEN = /^(?:不用|不留|不用留|不需要)(?:留)?(?:电话|号码)?(?:了)?[\s,,。.!!]+(.+)$/;
const AT_HOME = /(我)?(都|一直|全天)?(在家|家里有人|有人在家)(的)?/g;
const ANYTIME = /(随时|都可以|都行|尽快|越快越好|马上|现在就|今天就|什么时候都)/;
/**
 * A whole answer that says any time suits ("随时", "随时都可以吧"): said to the bot even in a group, unlike a time word in
 * talk ("周末去哪玩", confirmStep): test/hardening/regressions.test.ts (seed 4, step 116) answers 随时 at a read-back.
 */
const ANYTIME_CLAUSE_AT_END = /(?<=^|[\s,,。;;])(?:随时(?:都可以|都行)?|什么时候都(?:可以|行))[\s。.!!~]*$/;
const ANYTIME_ANSWER = answerOf(['随时', '都可以', '都行', '什么时候都可以', '什么时候都行'], CONVERSATION_VOCABULARY.answer_fillers);
/** "现在", "立刻" answering when to come: as soon as possible, which the read-back says as 随时. */
const NOW = /(现在|立刻|立即|赶紧|快点)/;

const READ_BACK_BUTTONS: QuickReply[] = [
  { label: '确认', text: '确认' },
  { label: '修改', text: '修改' },
  { label: '取消', text: '取消' },
];

/**
 * Where the matter is, as the intake will take it from these words: a room or a public place, or, for a complaint about
 * the office's service or a utility's outage, the building it names (0451970). Seen in play (field12):
 * '3栋的垃圾两天没人收' was offered 回复「登记」,或直接发房号和电话, though the intake takes 3栋 as its place and asks
 * nothing more (四清楚: ask only what is missing).
 */
export function placeKindSaid(verdict: Pick<Verdict, 'category' | 'party'>, text: string): Location['kind'] | undefined {
  return placeSaid(verdict, text)?.kind;
}

function placeSaid(verdict: Pick<Verdict, 'category' | 'party'>, text: string): Location | undefined {
  const spot = extractLocation(text);
  const building = buildingIsPlace(verdict) ? parseBuilding(simplified(text)) : undefined;
  // An outage is the building's, not the thing it stopped: "3栋停电了 电梯也停了" was read back as 地点:3栋电梯 (seen in
  // play); the lift, the car park stay in 内容. Another unit's thing at a place is not an outage: the parcel locker of
  // "快递柜坏了 取不出来" answered "是5栋门口那个" was read back as 地点:5栋, 内容:…门口那个 (seen in play).
  if (verdict.party === 'utility' && spot?.kind === 'public' && building && outageKind(text, CONVERSATION_VOCABULARY.same_outage)) return building;
  // Nor is a part of a building the place of an outage that names no building: "@回音 停电了 电梯也停了" was read back
  // as 地点:电梯 (seen in play, field13); the building is asked (nextQuestion).
  if (verdict.party === 'utility' && spot?.kind === 'public' && !buildingIn(spot.place) && holdsAny(spot.place, shippedIntakeWords().place?.in_building ?? [])) return undefined;
  return spot ?? building;
}

/** An outage is the building's, not a flat's (4.3.2.4); a complaint about the office's service names where it happened. */
function buildingIsPlace(verdict: Pick<Verdict, 'category' | 'party'>): boolean {
  return verdict.party === 'utility' || verdict.category === 'valid';
}

/** Work done at a place needs the place (policy 4.2.1.1); complaints and questions can do without. */
/**
 * Where the work is, for what someone must go to: repairs, paid services, and assist matters (4.3.2: the leak from
 * upstairs, the neighbour's noise, the blocked corridor), which the office cannot coordinate without the flat or the
 * place (seen in play: "楼上漏水到我家卫生间了" in a private chat was read back with no place at all).
 */
function needsLocation(draft: Draft): boolean {
  return draft.category === 'repair' || draft.category === 'paid_service' || draft.category === 'assist';
}

/**
 * A repair or paid service may need the engineer to call ahead (issue 16 §5); complaints and questions do not, unless
 * the number the owner gave looks wrong (phoneMistyped): then any matter asks it again.
 */
function wantsPhone(draft: Draft): boolean {
  if (draft.phone || draft.noPhone) return false;
  return draft.category === 'repair' || draft.category === 'paid_service' || !!draft.phoneMistyped;
}

/** Repairs are finished within the owner's appointment time (4.2.1.1); paid services are arranged for a time (4.2.2). */
function needsTime(draft: Draft, env: IntakeEnv): boolean {
  // A public-area repair is done when the engineer gets there: nobody need be at home (issue 16 §3). A floor given for
  // a kitchen pipe is no public area: someone must open the door.
  if (draft.category === 'repair' && draft.location?.kind === 'public' && (draft.floorOnly === 'landing' || !indoorOnFloor(draft, env))) return false;
  // The owner's own room given with a fault outside it ("5栋2单元302 楼道灯坏了", 我家门口的声控灯: the landing's): the
  // room says who reports and where, the work is on the landing, and asking when someone is home was a question with
  // no use (seen in play).
  if (draft.category === 'repair' && draft.location?.kind === 'room' && saysCommon(draft.description ?? '', placeWords(env))) return false;
  return takesAppointment(draft.category) && !draft.appointmentAt && !draft.anytime;
}

function placeWords(env: IntakeEnv): NonNullable<IntakeWords['place']> {
  return env.words.place ?? shippedIntakeWords().place!;
}

/** A floor of a building given for an indoor matter ("5栋2单元6楼 厨房水管漏水"): the place, but not the door. */
function indoorOnFloor(draft: Draft, env: IntakeEnv): Floor | undefined {
  const floor = floorOf(draft.location);
  return floor && isIndoor(draft.description ?? '', placeWords(env)) ? floor : undefined;
}

/** The floor whose flat is still to be asked (policy 4.1.1 问清楚): indoor work somewhere on it, not yet answered. */
function pendingFloor(draft: Draft, env: IntakeEnv): Floor | undefined {
  return needsLocation(draft) && !draft.floorOnly ? indoorOnFloor(draft, env) : undefined;
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
  // A question the FAQ answers is answered at once and recorded in the duty log (policy 3.1, 5.1): a read-back before
  // the answer made the owner confirm a record to learn the parking fee (field trial).
  if (draft.category === 'consult' && env.faqAnswer?.(draft.description)) return { kind: 'record', draft: { ...draft, description: draft.description } };
  // An outage is the building's (4.3.2.4): asked which building, not which room, once (buildingAsked).
  if (!draft.location && needsLocation(draft) && draft.party === 'utility' && !draft.buildingAsked) {
    return { kind: 'ask', state: { version: 1, step: 'location', draft: { ...draft, buildingAsked: true }, expiresAt }, reply: t.askOutageBuilding() };
  }
  if (!draft.location && needsLocation(draft)) return ask('location', t.askRoom());
  // "@回音 电梯坏了" was read back as 地点:电梯: an engineer sent to 电梯 does not know which building's (四清楚: 地点清楚).
  // Repairs only: the engineers go there; the office takes up a complaint or an assist matter with the owner first.
  const place = draft.location?.kind === 'public' ? draft.location.place : undefined;
  if (place && !draft.buildingAsked && draft.category === 'repair' && !buildingIn(place) && holdsAny(place, placeWords(env).in_building ?? [])) {
    return { kind: 'ask', state: { version: 1, step: 'location', draft: { ...draft, buildingAsked: true }, expiresAt }, reply: t.askBuilding(place) };
  }
  const floor = pendingFloor(draft, env);
  if (floor) return ask('location', t.askFlatOnFloor(floor.place, exampleFlat(floor)));
  if (needsTime(draft, env)) return ask('time', t.askTime(draft.category), [{ label: '随时都可以', text: '随时' }]);
  const askPhone = wantsPhone(draft);
  const asked: Draft = askPhone ? { ...draft, phoneAsked: true } : draft;
  return {
    kind: 'ask',
    state: { version: 1, step: 'confirm', draft: asked, expiresAt },
    reply: t.readBack({ ...draft, description: draft.description }, env.timezone, {
      askPhone,
      ...(askPhone && draft.phoneMistyped && { phoneMistyped: draft.phoneMistyped }),
      otherSide: draft.party === 'utility' ? otherSideOf(draft.description, CONVERSATION_VOCABULARY) : undefined,
    }),
    quickReplies: READ_BACK_BUTTONS,
  };
}

/** Takes what a message holds into the draft: a place, a phone, a proposed time, and the rest as the description. */
function absorb(draft: Draft, said: string, env: IntakeEnv): Draft {
  // "报修 内容:马桶堵了 地点:5栋502 时间:随时": the field words with their colon only say what follows (they were read
  // back as 内容:内容:马桶堵了 地点: 时间).
  const text = withoutFieldLabels(said, env.words.correction.fields);
  // An outage is the building's, not a flat's (4.3.2.4): "5栋停水了" was asked 哪个房间 (seen in play).
  // A complaint about the office's service names the building it happened at ("…垃圾好几天了没人收 臭死了 6栋1单元"): that
  // is its place, not more of the story (seen in play: no 地点, and 内容 ended in 6栋1单元).
  const found = placeSaid(draft, text);
  // A question has no place unless the owner gives their own: "小区游泳池几点开" was read back with 地点:游泳池 (seen in
  // play), what it asks about, not where anyone must go.
  const location = draft.category === 'consult' && found?.kind === 'public' ? undefined : found;
  const phone = extractPhone(text);
  // Only a proposal of when someone should come is an appointment (§2); any other time word stays in the story.
  const proposal = findProposal(text, draft.category, env.words.appointment, env.now, env.timezone);
  const anytime = !proposal && takesAppointment(draft.category) && ANYTIME.test(text);
  const whenHome = !proposal ? homeTimeOnly(text, draft, env) : undefined;
  let withoutTime = text.normalize('NFKC');
  if (whenHome) withoutTime = withoutTime.replace(whenHome.clause, ' ');
  if (proposal) {
    // "(都)在家 / 家里有人" only said when someone is home: not part of the problem; a clause that held nothing but
    // the proposal goes as a whole.
    const left = proposal.clause.replace(proposal.time.text, ' ').replace(AT_HOME, ' ').trim();
    withoutTime = withoutTime.replace(proposal.clause, proposal.rest ? left : ' ');
  } else if (anytime) withoutTime = withoutTime.replace(ANYTIME, ' ').replace(AT_HOME, ' ');
  // Said for the visit a repair would have: "报修 …楼上漏水到我家卫生间 13611112222 随时" placed as an assist matter (no
  // visit to book) was recorded with 内容:楼上漏水到我家卫生间 随时 (seen in play). A clause that only says any time
  // suits, at the end, says nothing of the matter.
  else if (!takesAppointment(draft.category)) withoutTime = withoutTime.replace(ANYTIME_CLAUSE_AT_END, ' ');
  const noPhoneSaid = !phone && NO_PHONE_INSIDE.test(withoutTime);
  if (noPhoneSaid) withoutTime = withoutTime.replace(NO_PHONE_INSIDE, ' ');
  // "电话1381234567" (a digit short): no phone, and it was taken without a word, the number left in 内容 (seen in play).
  // It leaves 内容 and the read-back says it looks wrong (policy 4.1.1 问清楚).
  const mistyped = phone || noPhoneSaid ? undefined : mistypedPhone(withoutTime);
  if (mistyped) withoutTime = `${withoutTime.slice(0, mistyped.index)} ${withoutTime.slice(mistyped.index + mistyped.length)}`;
  const { text: described, phones: others } = withoutOtherPhones(withoutPlace(stripDetails(withoutTime, location, phone), location, draft.category));
  // "急 厨房水管漏水": a clause of urging alone says nothing of the matter; a question keeps its words as asked.
  const bare = draft.category === 'consult' ? described : withoutUrgingClauses(described, CONVERSATION_VOCABULARY.urging ?? [], CONVERSATION_VOCABULARY.urging_fillers ?? []);
  const told = withoutOwnHome(tidy(others.length > 0 ? `${tidy(bare)}${t.otherPhones(others)}` : bare), env);
  const description = draft.category === 'paid_service' ? withoutPriceAsked(told, env) : told;
  const next: Draft = { ...draft };
  if (location) next.location = location;
  if (phone) {
    next.phone = phone;
    delete next.phoneMistyped;
  } else if (noPhoneSaid) {
    next.noPhone = true;
    delete next.phoneMistyped;
  } else if (mistyped) {
    // A number given now that is none is asked again, even with one remembered: the owner meant a number of this time.
    next.phoneMistyped = mistyped.digits;
    delete next.phone;
  }
  if (proposal) Object.assign(next, timeFields(proposal.time));
  else if (anytime) next.anytime = true;
  if (whenHome) next.timeSaid = true;
  if (description.length >= 2 && !onlyAnnounces(description, env)) next.description = draft.description ? `${draft.description};${description}` : description;
  return next;
}

/**
 * A clause that says only when the owner is home or can be reached ("明天上午在家", "明天上午", "改到明天下午"), in an
 * assist matter (4.3.2) or a complaint (isComplaint), which take no appointment: the office contacts the owner (and the other party;
 * for a complaint the handler, 5.2). A clause with more in it ("楼上说好明天上午来修") is the story and stays. Seen in
 * play: a complaint's "下午都在家" was read back in 内容.
 */
function homeTimeOnly(text: string, draft: Draft, env: IntakeEnv): Proposal | undefined {
  if (!isComplaint(draft.category)) return undefined;
  const proposal = proposalIn(text.normalize('NFKC').replace(CHANGE_TO, ''), env.words.appointment, env.now, env.timezone);
  return proposal?.rest === '' ? proposal : undefined;
}

/** Whether a message says only when the owner is home, for an assist matter or complaint (homeTimeOnly): the offer's yes with it. */
export function saysWhenHome(text: string, category: Draft['category'], env: IntakeEnv): boolean {
  return homeTimeOnly(text, { category } as Draft, env) !== undefined;
}

/** "改到明天下午", "换成周六": a time moved, without naming the part (时间改成… names it). */
const CHANGE_TO = /^(?:那就|还是)?(?:改到|改成|改为|换到|换成|调到)/;

/**
 * "我家厨房水管漏水" is 厨房水管漏水: whose home it is goes without saying once the room is on the record (seen in play:
 * the engineers read 内容:我家厨房水管漏水). Only before a room or fitting of the home (`place.indoor`): "我家也停电了"
 * and "我家门口的灯" keep it, since there it says something.
 */
function withoutOwnHome(description: string, env: IntakeEnv): string {
  const own = [...(env.words.own_home ?? shippedIntakeWords().own_home!)].sort((a, b) => b.length - a.length);
  const word = own.find((w) => description.startsWith(w));
  if (word === undefined) return description;
  const rest = description.slice(word.length).replace(/^的/, '');
  if (placeWords(env).indoor.some((w) => rest.startsWith(w))) return rest;
  // "我家灯不亮了" (seen in play: 内容 kept 我家): the home's own things that a landing has too (`own_home_things`), with
  // a measure word read past ("我屋企盏灯唔着"); never before a common place ("我家门口的灯").
  const thing = rest.replace(/^(?:嘅|个|盏|啲|只|条|根)/, '');
  const things = env.words.own_home_things ?? shippedIntakeWords().own_home_things!;
  if (placeWords(env).common.some((w) => rest.startsWith(w))) return description;
  return things.some((w) => thing.startsWith(w)) ? rest : description;
}

/**
 * "2栋楼下那个路灯坏了" was read back 地点:2栋楼下 and 内容:2栋楼下那个路灯坏了 (seen in play): the place on the record
 * leaves the description, as 我家 does (withoutOwnHome). All of it where a thing follows (的, 那个: "3栋大堂的灯坏了" is
 * 灯坏了), else what it adds to the thing it names ("2号楼电梯坏了" is 电梯坏了, "7栋门口的路灯坏了" 路灯坏了); a place
 * that is only its thing ("地下车库B区渗水") and a message that is only the place stay as said. A place said last, with
 * nothing after it ("保安晚上睡觉 门岗没人 5栋门口"), goes whole. Complaints and assist matters too (seen in play: 地点:
 * 5栋门口 and 内容:保安晚上睡觉 门岗没人 5栋门口), except a place that is only its thing, which is part of the story
 * there ("快递柜的快递被人拿错了没人管"); a question keeps its words.
 */
export function withoutPlace(description: string, location: Location | undefined, category: Draft['category']): string {
  if (location?.kind !== 'public' || category === 'consult') return description;
  const at = description.indexOf(location.text);
  if (at < 0) return withoutBuildingOf(description, location);
  const before = description.slice(0, at).replace(PLACE_LEAD, '');
  const after = description.slice(at + location.text.length);
  if (!`${before}${after}`.replace(/[\s\p{P}]/gu, '')) return description;
  // "是5栋门口那个" after "快递柜坏了 取不出来": 那个 points back at the thing already said; nothing follows it (seen in
  // play: 内容:快递柜坏了 取不出来 那个).
  if (!after.replace(PLACE_JOINER, '').replace(/[\s\p{P}]/gu, '')) {
    const left = tidy(before);
    return left.length >= 2 ? left : description;
  }
  if (category !== 'repair' && wherePart(location) === '') return description;
  const joined = PLACE_JOINER.exec(after);
  const thing = joined && after.length - joined[0].length >= 2 ? after.slice(joined[0].length) : `${location.text.slice(wherePart(location).length)}${after}`;
  const left = tidy(`${before} ${thing}`);
  return left.length >= 2 ? left : description;
}

/**
 * The building said apart from the thing ("电梯门一直开不了 2号楼", "2号楼的电梯门开不了") is on the record with it
 * (地点:2号楼电梯, parsePublicPlace): it leaves the description, and the thing stays.
 */
function withoutBuildingOf(description: string, location: Location & { kind: 'public' }): string {
  const building = buildingSaid(description);
  if (!building || !location.place.startsWith(building.place) || location.place === building.place) return description;
  const before = description.slice(0, building.index).replace(PLACE_LEAD, '');
  const left = tidy(`${before} ${description.slice(building.index + building.text.length).replace(/^\s*的/, '')}`);
  return left.length >= 2 ? left : description;
}

/**
 * 在 / 是 leading to the place taken out ("在3栋大堂", "是5栋的电梯"), not the end of a word before it: "现在3栋大堂的灯全不亮"
 * was recorded as 内容:现 灯全不亮, "实在…" as 实 … (seen in play).
 */
const PLACE_LEAD = /(?<![现正还实存所自内好])(?:在|是)\s*$/;

/** Words joining a place to the thing in it ("3栋大堂的灯", "2栋楼下那个路灯"). */
const PLACE_JOINER = /^\s*(?:的那个|的这个|那边的|这边的|的|那个|这个)\s*/;

/**
 * "我有个事情想问问", "请问一下": words that only say a matter is coming (rules/conversation/intake.yaml `announce`), no
 * description: the owner is asked what it is (policy 4.1.1 问清楚). Seen in play: read back as a 咨询 to confirm with
 * 内容:我有个事情想问问.
 */
function onlyAnnounces(description: string, env: IntakeEnv): boolean {
  const words = env.words.announce ?? shippedIntakeWords().announce!;
  return strip(description, words).replace(/[\p{P}\p{S}]/gu, '') === '';
}

/** Each field word of the read-back (rules/conversation/intake.yaml correction.fields) written as a label: "内容:". */
const LABELS = new WeakMap<IntakeWords['correction']['fields'], RegExp>();

function withoutFieldLabels(text: string, fields: IntakeWords['correction']['fields']): string {
  let label = LABELS.get(fields);
  if (!label) {
    const words = Object.values(fields).flat().sort((a, b) => b.length - a.length).map(escapeRegExp);
    LABELS.set(fields, (label = new RegExp(`(?<![\\p{Script=Han}])(?:${words.join('|')})\\s*[::]\\s*`, 'gu')));
  }
  return text.replace(label, ' ');
}

/**
 * "来修 / 上门看看" left at either end once the time is out says nothing about the problem; after a no or a who it is
 * the problem ("维修师傅说好今天来 到现在都没来" was recorded as …都没, "没人来" as 没人; seen in play), and so it is as
 * the end of a verb's direction (出来, 起来, 下来, 上来, 回来, 进来, 开来): "快递柜坏了 取不出来" was recorded as 取不出,
 * "地漏的水返上来" as 返上 (seen in play).
 */
function tidy(description: string): string {
  return description
    .replace(/^(来|上门|过来)+|(?<![没不未别人谁过出起下上回进开])(来|上门|过来)(修|看看?)?$/g, '')
    .replace(/^[\s,,。.、:;]+|[\s,,.、:;]+$/g, '')
    // A place taken out of the middle leaves its spaces: "楼道灯坏了好几天了   晚上黑乎乎的" went to the engineers so.
    .replace(/[ \t\u3000]{2,}/g, ' ')
    .trim();
}

function timeFields(time: NonNullable<ReturnType<typeof parseTime>>): Pick<Draft, 'appointmentAt' | 'appointmentEnd' | 'anytime'> {
  return { ...visitFields(time), anytime: false };
}

export function startIntake(verdict: Verdict, text: string, profile: OwnerProfile, env: IntakeEnv, attachments: string[] = [], also?: Draft['also']): IntakeOutcome {
  let draft: Draft = { ...verdict, attachments, ...(also && { also }) };
  if (profile.phone) draft.phone = profile.phone;
  else if (profile.phoneDeclined) draft.noPhone = true;
  draft = absorb(draft, text, env);
  if (!draft.location && profile.room && needsLocation(draft)) draft = { ...draft, location: profile.room, roomRemembered: true };
  // "有偿服务 想请人来家里通下水道 多少钱" was asked the room, and the price only at a later answer (seen in play): the
  // office quotes first (policy 4.2.2), said before the first question.
  let next = nextQuestion(draft, env);
  // The remembered room is said with the first question, so a room given then corrects something the owner saw (seen
  // in play: a paid service in a private chat took the room silently, and "6栋101" was answered 地点已改为).
  if (draft.roomRemembered && draft.location && next.kind === 'ask') next = prefixed(t.roomRemembered(formatLocation(draft.location)), next);
  if (next.kind === 'ask' && asksPaidServicePrice(draft, text, env)) {
    return prefixed(t.paidServiceQuote(), next);
  }
  return next;
}

export function continueIntake(state: IntakeState, text: string, env: IntakeEnv, attachments: string[] = []): IntakeOutcome {
  const answer = text.trim();
  const draft: Draft = { ...state.draft, attachments: [...state.draft.attachments, ...attachments] };
  // "不用" to the read-back's phone question declines the number, not the report.
  if (state.step === 'confirm' && draft.phoneAsked && !draft.phone && NO_PHONE.test(answer)) return nextQuestion({ ...draft, noPhone: true }, env);
  // "不用" to "什么时间方便师傅上门?" may mean "any time" as well as "never mind": asked, not taken for a cancel (seen in
  // play: the whole report was dropped).
  if (state.step === 'time' && BARE_NO.test(answer)) {
    const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
    return { kind: 'ask', state: { ...state, draft, expiresAt }, reply: t.noAtTimeQuestion(), quickReplies: [{ label: '随时', text: '随时' }, { label: '取消', text: '取消' }] };
  }
  // "不用来了,已经好了" ends the intake as 取消 does (rules/vocabulary/conversation.yaml ticket_talk.cancel).
  if (CANCEL.test(answer) || readTicketTalk(answer, CONVERSATION_VOCABULARY.ticket_talk) === 'cancel') return { kind: 'cancel', reply: t.cancelled() };
  // A photo with no words keeps the question where it was.
  if (!answer) return nextQuestion(draft, env);
  // "报修 5栋502 漏水" while this one is still open: a new matter, not an answer or a correction of this one. Nothing
  // is taken from it into this draft; the owner is told to finish or cancel this one first.
  // (At the details and room questions it is more likely the same request said again with what was missing.)
  // "我要投诉 你们凭什么…" opens a new matter as 投诉 … does (rules/vocabulary/conversation.yaml request_openers; seen in
  // play: the generic 请回复「确认」 came back and the complaint was never heard of again).
  const trigger = state.step === 'time' || state.step === 'confirm' ? (findTrigger(answer) ?? openedRequest(answer)) : undefined;
  if (trigger?.rest) {
    // The request that opened this intake, said (or delivered by the platform after a restart) again: the open
    // question again, as before, so a redelivery changes nothing.
    const { description: said } = absorb({ ...draft, description: undefined }, trigger.rest, env);
    if (said && draft.description?.startsWith(said)) return nextQuestion(draft, env);
    const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
    return { kind: 'ask', state: { ...state, draft, expiresAt }, reply: t.finishFirst(state.step === 'confirm') };
  }
  if (state.step !== 'confirm') {
    const changed = correctionBeforeReadBack(state, draft, answer, env);
    if (changed) return changed;
  }
  switch (state.step) {
    case 'details':
      // 确认 or a kind word alone (报修) is no description: seen in play, a private chat's "确认" after the room was read
      // back as 内容:确认.
      if (CONFIRM.test(answer) || saysOnlyTheKind(answer)) {
        return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() }, reply: t.askDetails(draft.category) };
      }
      return nextQuestion(absorb(draft, answer, env), env);
    case 'location': {
      // The building of a lift or lobby asked for ("2栋", "就是5号楼的"): that building's. Anything else, and the place
      // stays as said; the read-back takes corrections.
      if (draft.buildingAsked && draft.location?.kind === 'public' && !buildingIn(draft.location.place)) {
        const building = buildingSaid(simplified(answer.normalize('NFKC')));
        const location = building ? { kind: 'public' as const, place: `${building.place}${draft.location.place}`, text: draft.location.text } : draft.location;
        // "3栋 电话139…": the number given with it is kept, as at the room question.
        const phone = extractPhone(answer);
        return nextQuestion({ ...draft, location, ...(phone && { phone }), ...moreSaidWithBuilding(draft, answer, building?.text, phone, env) }, env);
      }
      // The building of an outage asked for ("3栋", "整个小区都停了"): that building, or the whole estate.
      if (draft.buildingAsked && draft.party === 'utility' && !draft.location) {
        const said = outageBuildingSaid(answer);
        if (said) return nextQuestion({ ...draft, location: said.location, ...(said.phone && { phone: said.phone }) }, env);
      }
      const floor = pendingFloor(draft, env);
      if (floor) return flatAnswer(state, draft, floor, answer, env);
      // The answer to "where?" is a place, not more description.
      const location = extractLocation(answer);
      const phone = extractPhone(answer);
      // "5栋502 明天上午" for an assist matter or complaint: the time is when the owner is home (homeTimeOnly), said back as such.
      if (location) {
        const rest = answer.normalize('NFKC').replace(location.text, ' ');
        // "6栋1单元401 周六上午" for a repair or paid service: the time said with the room is the visit's (seen in play:
        // the room was taken and 请问什么时间方便师傅上门 asked again, 四清楚: ask only what is missing).
        const visit = findProposal(rest, draft.category, env.words.appointment, env.now, env.timezone);
        const anytime = !visit && takesAppointment(draft.category) && ANYTIME.test(rest);
        return nextQuestion({ ...draft, location, ...(phone && { phone }), ...(homeTimeOnly(rest, draft, env) && { timeSaid: true }), ...(visit && timeFields(visit.time)), ...(anytime && { anytime: true }) }, env);
      }
      const inBuilding = roomInBuildingSaid(draft.description, answer);
      if (inBuilding) return nextQuestion({ ...draft, ...inBuilding }, env);
      // 确认 is no place: seen in play, "确认" after the room was asked twice was read back as 地点:确认; nor is 报修 alone
      // (seen in play: 地点:报修).
      if (CONFIRM.test(answer) || saysOnlyTheKind(answer)) {
        return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() }, reply: t.roomStillNeeded() };
      }
      // A ticket number is a question about a ticket, never a place: seen in play, "R0001 怎么样了 都三天了" sent while
      // the room was still asked was read back as 地点:R0001 怎么样了 都三天了.
      const written = /(?<![a-z])[rcs]\s*-?\s*\d{4,9}(?!\d)/i.exec(answer.normalize('NFKC'));
      const number = written && parseTicketNumber(written[0]);
      if (number) {
        return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() }, reply: t.ticketNumberIsNoPlace(number) };
      }
      // A time sent at the room question ("聽日上晝") is the visit time, never the place: seen in play, asked twice it was
      // read back as 地点:聽日上晝.
      if (!phone && findProposal(answer, draft.category, env.words.appointment, env.now, env.timezone)) {
        const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
        return { kind: 'ask', state: { ...state, draft: absorb(draft, answer, env), expiresAt }, reply: t.askRoomAgain() };
      }
      // Neither a room nor anything that names a place ("水管漏了" sent after "厨房"): more of the problem, and the
      // room is asked once more. The field trial read it back as 地点:水管漏了. Asked twice, the answer is the place.
      if (!state.reasked && !phone && !parsePublicPlace(answer) && !namesAPlace(answer)) {
        // In a group, talk ("哈哈哈 你家狗真可爱") is not more of the problem: it joined 内容 (seen in play).
        const talk = env.inGroup === true && env.talk?.(answer) === true;
        const more = talk ? draft : absorb(draft, answer, env);
        const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
        return { kind: 'ask', state: { version: 1, step: 'location', draft: more, reasked: true, expiresAt }, reply: talk ? t.roomStillNeeded() : t.askRoomAgain() };
      }
      // In a group, what an owner says to the neighbours while the room is asked is no place: "哈哈哈 你家狗真可爱" and
      // then any second line became 地点 (seen in play). There a place must name one; anything else is left alone.
      // The same words again ("小区羽毛球场" twice) are the place, as below.
      if (env.inGroup && !phone && !parsePublicPlace(answer) && !namesAPlace(answer) && !draft.description?.endsWith(`;${answer.slice(0, 60)}`)) return { kind: 'quiet' };
      // Not a room: take the answer as a public-area place (3栋大堂, 地下车库B区), without a phone number in it: the
      // place is read back in the group, where a full number must never show.
      const place = (phone ? stripDetails(answer, undefined, phone) : answer).slice(0, 60);
      if (!place) return nextQuestion({ ...draft, ...(phone && { phone }) }, env);
      // The same words sent again after the room was asked twice were the place all along, not more of the problem.
      const taken = `;${place}`;
      const description = state.reasked && draft.description?.endsWith(taken) ? draft.description.slice(0, -taken.length) : draft.description;
      return nextQuestion({ ...draft, ...(description && { description }), location: { kind: 'public', place, text: place }, ...(phone && { phone }) }, env);
    }
    case 'time': {
      // "后天上午 电话是 138-2222-3335": the number said with the time is kept (seen in play: it was dropped, and the
      // read-back asked for it again).
      const phone = extractPhone(answer);
      const said = phone ? stripDetails(answer, undefined, phone) : answer;
      const withPhone: Partial<Draft> = phone ? { phone } : {};
      const time = parseTime(said, env.now, env.timezone);
      // In a group a time must be said as one (appointment.ts proposalIn: "明天上午吧", "周六下午都在家"): "周末去哪玩"
      // said to the neighbours was booked as 时间:12月12日 09:00–18:00 (seen in play).
      if (time && (!env.inGroup || proposalIn(said, env.words.appointment, env.now, env.timezone))) return nextQuestion({ ...draft, ...withPhone, ...timeFields(time) }, env);
      if (ANYTIME.test(said)) return nextQuestion({ ...draft, ...withPhone, anytime: true }, env);
      // "@回音 我的单子现在啥情况" while the time is asked: a question about this report, whose 现在 is "at the moment", not
      // "come now" (seen in play: read back with 时间:随时, a time the owner never gave). The owner hears that nothing is
      // recorded yet and what is missing (四清楚: only what the owner said is recorded).
      if (readTicketTalk(said, CONVERSATION_VOCABULARY.ticket_talk) === 'ask') {
        return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() }, reply: t.timeStillNeeded(draft.category), quickReplies: [{ label: '随时', text: '随时' }] };
      }
      if (NOW.test(said)) return nextQuestion({ ...draft, ...withPhone, anytime: true }, env);
      // "多少钱" while a paid service's time is asked: answered as at the read-back (8e4e85f), and the time asked again
      // (seen in play: 没看懂这个时间).
      if (asksPaidServicePrice(draft, answer, env)) {
        return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString() }, reply: t.paidServicePriceAtTime(), quickReplies: [{ label: '随时都可以', text: '随时' }] };
      }
      const reply = CONFIRM.test(answer) ? t.timeStillNeeded(draft.category) : t.badTimeAnswer();
      // In a group the time is asked again once; later talk is the neighbours' (as at the read-back, confirmStep).
      if (env.inGroup && state.hintedAt && !CONFIRM.test(answer)) return { kind: 'quiet' };
      return { kind: 'ask', state: { ...state, draft, expiresAt: new Date(env.now.getTime() + env.timeoutMs).toISOString(), ...(env.inGroup && { hintedAt: env.now.toISOString() }) }, reply };
    }
    case 'confirm':
      return confirmStep(state, draft, answer, env);
  }
}

/**
 * More than the building in the answer to 请问是哪一栋的电梯: "3栋电梯又停了 爬了十八楼" after "@回音 电梯又停了" was read back
 * with 内容:电梯又停了, 爬了十八楼 lost (seen in play, field13). The matter said again with more replaces what was said
 * first; anything else new is added to it (四清楚: 记清楚).
 */
function moreSaidWithBuilding(draft: Draft, answer: string, building: string | undefined, phone: string | undefined, env: IntakeEnv): Partial<Draft> {
  let rest = simplified(answer.normalize('NFKC'));
  if (building) rest = rest.replace(building, ' ');
  if (phone) rest = stripDetails(rest, undefined, phone);
  if (tidy(rest).replace(/^(?:就是|是|在)|的$|[\s\p{P}]/gu, '').length < 3) return {};
  const said = absorb({ ...draft, description: undefined }, rest, env).description;
  const first = draft.description ?? '';
  if (!said || first.includes(said)) return {};
  return { description: said.includes(first) ? said : `${first};${said}` };
}

/**
 * The answer to 请问是哪一栋 for an outage: a building ("3栋", "就是5号楼") or the whole estate (rules/vocabulary/
 * conversation.yaml `whole_estate`: 整个小区, 全小区 …). A room is taken as at the room question.
 */
function outageBuildingSaid(answer: string): { location: Location; phone?: string } | undefined {
  const phone = extractPhone(answer);
  const text = simplified(answer.normalize('NFKC'));
  if (extractLocation(text)?.kind === 'room') return undefined;
  const building = parseBuilding(text);
  const whole = CONVERSATION_VOCABULARY.whole_estate ?? [];
  const location: Location | undefined = building ?? (holdsAny(text, whole) ? { kind: 'public', place: t.wholeEstate(), text: t.wholeEstate() } : undefined);
  return location && { location, ...(phone && { phone }) };
}

/**
 * The answer to "6楼哪一户?": a flat ("602", "2号", "5栋2单元602") becomes the place and the floor words leave the
 * description; "公共区域" / "楼道的" keeps the floor; anything else is asked once more, and then the floor stands, so an
 * owner who will not say is not asked for ever.
 */
function flatAnswer(state: IntakeState, draft: Draft, floor: Floor, answer: string, env: IntakeEnv): IntakeOutcome {
  const phone = extractPhone(answer);
  const rest = phone ? stripDetails(answer, undefined, phone) : answer;
  const withPhone: Partial<Draft> = phone ? { phone } : {};
  const named = extractLocation(rest);
  const at = draft.location?.kind === 'public' ? draft.location : undefined;
  const found = named?.kind === 'room' ? { room: named, said: named.text } : flatOnFloor(rest, floor);
  if (found) {
    // What else the answer holds ("602 明天下午来") is taken as any message is: a time, more of the problem.
    const left = rest.normalize('NFKC').replace(found.said, ' ').replace(/^[\s,,。.、:;是的在]+|[\s,,。.、:;的]+$/g, '');
    const base: Draft = { ...draft, ...withPhone, ...(at && { description: withoutFloor(draft.description, at) }) };
    const taken = left.length >= 2 ? absorb(base, left, env) : base;
    return nextQuestion({ ...taken, location: found.room }, env);
  }
  // Another place altogether ("不是 是3栋大堂"): that place, as the room question takes it.
  if (named && !floorOf(named) && buildingOf(named)) return nextQuestion({ ...draft, ...withPhone, location: named }, env);
  // The landing after all ("公共区域", "楼道的"): the floor, with the place word if one was said.
  const landing = saysCommon(rest, placeWords(env));
  if (landing || state.reasked) {
    const place = named?.kind === 'public' && at ? { kind: 'public' as const, place: `${at.place}${named.place}`, text: `${at.place}${named.place}` } : draft.location!;
    return nextQuestion({ ...draft, ...withPhone, location: place, floorOnly: landing ? 'landing' : 'unsaid' }, env);
  }
  const more = rest.length >= 2 && !CONFIRM.test(rest) ? { ...draft, description: `${draft.description};${tidy(rest)}` } : draft;
  const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
  return { kind: 'ask', state: { version: 1, step: 'location', draft: { ...more, ...withPhone }, reasked: true, expiresAt }, reply: t.askFlatOnFloorAgain(floor.place, exampleFlat(floor)) };
}

/**
 * A correction while a question is still open (issue 16 §3 at every step, not only the read-back): "地点改成…",
 * "电话改成…", "改地点" then the value, or — at the time question, where no place or number is expected — a bare room or
 * phone ("不对 是3栋2单元201"). The part changes, the owner is told so, and the open question is asked again. The
 * field trial lost such a correction: it was read as a time that could not be understood.
 */
function correctionBeforeReadBack(state: IntakeState, draft: Draft, answer: string, env: IntakeEnv): IntakeOutcome | undefined {
  const words = env.words.correction;
  // A remembered room was not said this time: a building alone does not move the flat remembered into it.
  const building = state.amend || draft.roomRemembered ? undefined : buildingCorrection(answer, draft.location);
  if (building) return prefixed(t.changedBeforeReadBack(changedText(building)), nextQuestion(applyCorrection(draft, building), env));
  const correction =
    (state.amend && { field: state.amend, value: answer }) ??
    readCorrection(answer, words) ??
    (state.step === 'time' && !parseTime(answer, env.now, env.timezone) && !ANYTIME.test(answer) && !NOW.test(answer)
      ? readBareValue(answer, false, env.now, env.timezone)
      : undefined);
  if (!correction) return undefined;
  const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
  const stay = (reply: string, amend: CorrectionField): IntakeOutcome => ({ kind: 'ask', state: { ...state, draft, amend, expiresAt }, reply });
  // A time named before the time question is asked is simply kept for it; a category without visits says so.
  if (correction.field === 'time' && !takesAppointment(draft.category)) return prefixed(t.noAppointmentNeededYet(), nextQuestion(draft, env));
  if (!correction.value) return stay(t.askNewValue(correction.field), correction.field);
  const value = correctedValue(correction, words, env.now, env.timezone, draft);
  if (!value) return stay(t.badCorrection(correction.field), correction.field);
  // "内容:马桶堵了" answering 请简单说一下… gives the part for the first time: nothing was changed, so no 已改为
  // (it was answered "好的,内容已改为:…", seen in play).
  // A phone sent alone while the time is asked ("13611112222") is kept, and the owner told so: the question came back
  // with no word about the number, and the owner could not tell it had been taken (seen in play).
  if (!said(draft, value.field)) {
    const next = nextQuestion(applyCorrection(draft, value), env);
    return value.field === 'phone' && value.phone ? prefixed(t.keptBeforeReadBack(changedText(value)), next) : next;
  }
  if (value.field === 'location' && draft.roomRemembered) {
    // The remembered room was only shown, not said: the owner's own room is taken, not "changed".
    const { roomRemembered: _shown, ...rest } = draft;
    return prefixed(t.keptBeforeReadBack(changedText(value)), nextQuestion(applyCorrection(rest, value), env));
  }
  return prefixed(t.changedBeforeReadBack(changedText(value)), nextQuestion(applyCorrection(draft, value), env));
}

/**
 * A paid service's description without the price question at a clause's end ("想找人来家里做个保洁 大概多少钱" is
 * 想找人来家里做个保洁): the office quotes first (policy 4.2.2, t.paidServiceQuote says so), and the question stood in
 * 内容 for the office and the engineers (seen in play). A description that is only the question stays.
 */
function withoutPriceAsked(description: string, env: IntakeEnv): string {
  const words = longestFirst(env.words.price_asked ?? shippedIntakeWords().price_asked!).map(escapeRegExp).join('|');
  if (!words) return description;
  const asked = new RegExp(`(?:请问|问一下|想问下?|大概|大约|一般|要|需要|得|是)*(?:${words})(?:是)?(?:多少|几多)?[啊呀呢吗嘛哈]*[??]*(?=[\\s,,。.!!;;]|$)`, 'g');
  const left = tidy(description.replace(asked, ' ').replace(/\s*([,,;;])(?:\s*[,,;;])+/g, '$1'));
  return left.length >= 2 ? left : description;
}

/** A paid service's price asked (rules/conversation/intake.yaml price_asked; shipped words for an older file): policy 4.2.2. */
function asksPaidServicePrice(draft: Draft, text: string, env: IntakeEnv): boolean {
  return draft.category === 'paid_service' && holdsAny(simplified(text.normalize('NFKC')), env.words.price_asked ?? shippedIntakeWords().price_asked!);
}

/** Whether the draft already holds this part. */
function said(draft: Draft, field: CorrectionField): boolean {
  switch (field) {
    case 'location':
      return !!draft.location;
    case 'time':
      return !!draft.appointmentAt || !!draft.anytime;
    case 'phone':
      return !!draft.phone || !!draft.noPhone;
    case 'description':
      return !!draft.description;
  }
}

function prefixed(line: string, outcome: IntakeOutcome): IntakeOutcome {
  return outcome.kind === 'ask' ? { ...outcome, reply: `${line}\n${outcome.reply}` } : outcome;
}

/** How a changed part is said back; a phone only masked, as every reply may be shown in a group. */
function changedText(value: CorrectedValue): { field: CorrectionField; shown: string } {
  switch (value.field) {
    case 'location':
      return { field: 'location', shown: formatLocation(value.location) };
    case 'time':
      return { field: 'time', shown: 'anytime' in value ? '随时' : value.time.text };
    case 'phone':
      return { field: 'phone', shown: value.phone ? maskPhone(value.phone) : '不留' };
    case 'description':
      return { field: 'description', shown: value.description };
  }
}

/**
 * The read-back (4.1.1 复述清楚). 确认 records; 修改 asks which part; "<field>改成<value>" or just a new value changes
 * that part and keeps everything else (issue 16 §3); anything else gets the hint again.
 */
function confirmStep(state: IntakeState, draft: Draft, answer: string, env: IntakeEnv): IntakeOutcome {
  const expiresAt = new Date(env.now.getTime() + env.timeoutMs).toISOString();
  const stay = (reply: string, amend?: CorrectionField): IntakeOutcome => ({
    kind: 'ask',
    state: { version: 1, step: 'confirm', draft, expiresAt, ...(amend && { amend }) },
    reply,
    ...(!amend && { quickReplies: READ_BACK_BUTTONS }),
  });
  // In an owners' group the owner's words after the hint are mostly for the neighbours (bench:engine traffic: 收到,谢谢,
  // 哈哈哈哈, 求推荐靠谱的钢琴老师 each got the hint again, and 好的好的 twenty minutes on recorded the ticket).
  const talkedOn = env.inGroup === true && state.hintedAt !== undefined && env.now.getTime() - Date.parse(state.hintedAt) > HINT_ANSWER_MS;
  if ((talkedOn ? CONFIRM_AFTER_TALK : CONFIRM).test(answer) && draft.description) return { kind: 'record', draft: { ...draft, description: draft.description } };
  // The number the read-back asked for and 确认 in one message ("13800138000 确认", "不用 确认"): both at once, since the
  // owner has read everything else back already.
  const withPhone = extractPhone(answer);
  if (withPhone && draft.description && CONFIRM.test(stripDetails(answer, undefined, withPhone))) {
    return { kind: 'record', draft: { ...draft, phone: withPhone, description: draft.description } };
  }
  const noPhoneThen = draft.phoneAsked && !draft.phone ? NO_PHONE_THEN.exec(answer) : null;
  if (noPhoneThen && draft.description && CONFIRM.test(noPhoneThen[1]!)) return { kind: 'record', draft: { ...draft, noPhone: true, description: draft.description } };
  if (AMEND.test(answer)) return stay(t.whichPart(takesAppointment(draft.category)));
  const building = state.amend ? undefined : buildingCorrection(answer, draft.location);
  if (building) return nextQuestion(applyCorrection(draft, building), env);
  const words = env.words.correction;
  const named = readCorrection(answer, words);
  const bare = state.amend || named ? undefined : readBareValue(answer, takesAppointment(draft.category), env.now, env.timezone);
  // In a group a bare time must be said as one, as at the time question: "周末去哪玩" said to the neighbours moved the
  // visit to 周六 09:00–18:00 (seen in play). Saying the first was wrong (说错了 是下午) is a correction, and so is a
  // whole answer of any time ("随时").
  const talkNotTime =
    env.inGroup === true &&
    bare?.field === 'time' &&
    !SAYS_WRONG.test(answer) &&
    !CHANGE_TO.test(answer.normalize('NFKC').trim()) &&
    !ANYTIME_ANSWER.test(answer) &&
    !proposalIn(answer, env.words.appointment, env.now, env.timezone);
  const correction = named ?? (state.amend ? { field: state.amend, value: answer } : talkNotTime ? undefined : bare);
  // "明天上午", "改到明天下午" at an assist matter's read-back: when the owner is home, not an appointment (4.3.2).
  if (!named && !state.amend && homeTimeOnly(answer, draft, env)) return stay(noVisit(draft));
  if (!correction && asksPaidServicePrice(draft, answer, env)) return stay(t.paidServicePrice());
  if (!correction) {
    // Once in a group: nothing changes and nothing is said, and the read-back is left to expire as it would have.
    if (env.inGroup && state.hintedAt) return { kind: 'quiet' };
    const hint = stay(t.confirmHint());
    return env.inGroup && hint.kind === 'ask' ? { ...hint, state: { ...hint.state, hintedAt: env.now.toISOString() } } : hint;
  }
  if (correction.field === 'time' && !takesAppointment(draft.category)) return stay(noVisit(draft));
  if (!correction.value) return stay(t.askNewValue(correction.field), correction.field);
  const value = correctedValue(correction, words, env.now, env.timezone, draft);
  if (!value) return stay(t.badCorrection(correction.field), correction.field);
  return nextQuestion(withOtherPhones(applyCorrection(draft, value), value.field === 'phone' ? answer : '', value.field === 'phone' ? value.phone : undefined), env);
}

/** A time said for a matter without visits: an assist matter is told who the office contacts (4.3.2). */
function noVisit(draft: Draft): string {
  if (draft.category !== 'assist') return t.noAppointmentNeeded();
  const otherSide = draft.party === 'utility' && draft.description ? otherSideOf(draft.description, CONVERSATION_VOCABULARY) : undefined;
  return t.assistNoVisit(draft.party, otherSide);
}

/**
 * "电话13812345678 或者 0755-26012345" answering the read-back: the record keeps the first, and the others go after the
 * description as in a request (absorb), instead of being dropped (seen in the fresh-clone replay).
 */
function withOtherPhones(draft: Draft, answer: string, phone: string | undefined): Draft {
  if (!phone || !draft.description) return draft;
  const { phones } = withoutOtherPhones(stripDetails(answer, undefined, phone));
  const fresh = phones.filter((p) => !draft.description!.includes(p));
  return fresh.length > 0 ? { ...draft, description: `${draft.description}${t.otherPhones(fresh)}` } : draft;
}

function applyCorrection(draft: Draft, value: CorrectedValue): Draft {
  switch (value.field) {
    case 'location':
      return { ...draft, location: value.location };
    case 'time': {
      const { appointmentAt: _a, appointmentEnd: _e, ...rest } = draft;
      return 'anytime' in value ? { ...rest, anytime: true } : { ...rest, ...timeFields(value.time) };
    }
    case 'phone': {
      const { phone: _p, ...rest } = draft;
      return value.phone ? { ...rest, phone: value.phone } : { ...rest, noPhone: true };
    }
    case 'description':
      return { ...draft, description: value.description, ...(value.location && { location: value.location }), ...(value.phone && { phone: value.phone }) };
  }
}

/** A message opening with a request opener (我要投诉, 我想报修): a new matter, with what follows the opener. */
/** A trigger word and nothing else ("报修", "投诉。"): what kind of matter, not what or where. */
function saysOnlyTheKind(answer: string): boolean {
  const trigger = findTrigger(answer.normalize('NFKC').trim());
  return !!trigger && trigger.rest.replace(/[\s\p{P}]/gu, '') === '';
}

function openedRequest(answer: string): { rest: string } | undefined {
  const rest = afterOpener(answer.normalize('NFKC').trim());
  return rest ? { rest } : undefined;
}
