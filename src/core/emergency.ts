import type { Clock } from '../clock.ts';
import type { ResolvedConfig } from '../config/load.ts';
import type { Estate } from '../config/schema.ts';
import { extractLocation, extractPhone, stripDetails } from '../conversation/extract.ts';
import { findTrigger } from '../conversation/triggers.ts';
import { simplified } from '../conversation/simplified.ts';
import { buildingCorrection, correctedValue, readCorrection, SAYS_WRONG } from '../conversation/correction.ts';
import { CONFIRM, withoutPlace } from '../conversation/intake.ts';
import type { IntakeWords } from '../conversation/intake-words.ts';
import { NO_SAME_EVENT_WORDS, type SameEventWords, saysWhichEvent, type UrgentKind, type UrgentMatch, type UrgentSession, withoutNow, withoutUrging } from '../conversation/urgent.ts';
import { CONVERSATION_VOCABULARY } from '../conversation/vocabulary.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT } from '../domain/policy.ts';
import type { Actor, Owner } from '../domain/people.ts';
import { type Ticket, urgentResponders } from '../domain/ticket.ts';
import { buildingIn, buildingOf, formatLocation, type Location, namesAPlace, parseBuilding, parseRoom } from '../domain/location.ts';
import type { IncomingMessage, OutgoingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { ownerT } from '../templates.ts';
import type { Directory } from '../services/directory.ts';
import { openingEvents } from '../services/dispatch.ts';
import type { Notifier } from '../services/notifier.ts';

/**
 * Emergencies (policy 3.1, 5.2): recorded at once, without the read-back gate; the engineering chat, the office head
 * and leadership are alerted in the same write; the owner hears that help is coming and the 24-hour number, and only
 * then is asked for what is missing (place, a phone). Their next message goes to the people on their way.
 */
export interface EmergencyDeps {
  config: ResolvedConfig;
  store: Store;
  clock: Clock;
  directory: Directory;
  notifier: Notifier;
  /** How a second report says it is the same emergency or another (rules/conversation/urgent.yaml `same_event`). */
  sameEvent?: SameEventWords;
  /** How an owner corrects what they said ("地点改成…", rules/conversation/intake.yaml `correction`). */
  correction?: IntakeWords['correction'];
}

/** How long the owner's next message counts as more about the emergency. */
export const URGENT_FOLLOW_UP_MS = 30 * 60_000;

export { isUrgentSession, type UrgentSession } from '../conversation/urgent.ts';

export interface EmergencyResult {
  /** What the owner reads, first. */
  reply: string;
  notices: OutgoingMessage[];
  /** The owner's messages for the next 30 minutes go to the ticket and its responders. */
  session?: UrgentSession;
  ticket: Ticket;
}

export async function recordEmergency(
  deps: EmergencyDeps,
  message: IncomingMessage,
  estate: Estate,
  match: UrgentMatch,
  kind: UrgentKind | undefined,
  text: string,
  known: { phone?: string | undefined },
): Promise<EmergencyResult> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const by: Actor = { kind: 'owner', platform: message.chat.platform, id: message.sender.id, name: message.sender.displayName };

  // Several owners shouting about the same lift make one ticket, not five alerts to leadership; but only the same
  // event joins: a lift stuck in another building, or a second person hurt, is a ticket of its own (field trial).
  const location = extractLocation(text);
  const words = deps.sameEvent ?? NO_SAME_EVENT_WORDS;
  const { same, earlier } = await sameEmergency(deps.store, estate.id, match.name, now, { location, text }, words, kind?.join_unplaced ?? true);
  if (same) {
    // One event, one ticket: the second reporter goes on it (the relayed words are theirs, by them), hears its number
    // and that the responders are already on the way, and what they say next goes to it too. They act on nothing
    // else of the first owner's (cancel, rate): only the words and, where the first said none, the place.
    const relayed = `${message.sender.displayName}:${text}`;
    const via = `${message.chat.platform}:${message.chat.id}`;
    let next = await deps.store.appendEvent(same.number, { type: 'relayed', direction: 'to_staff', text: relayed, at, by, via });
    if (location && !placed({ location: next.location, text: next.description }, words) && placed({ location, text }, words)) {
      next = await deps.store.appendEvent(same.number, { type: 'amended', location, at, by, via });
    }
    const notices = await toResponders(deps.notifier, next, ownerT.urgentSupplementNotice(next, relayed));
    return { reply: ownerT.urgentAlready(next, urgentResponders(next)), notices, ticket: next, session: followUpSession(next, now) };
  }

  const phone = extractPhone(text) ?? known.phone;
  // "报修 5栋2单元502 厨房水管爆了": the request word is how it was said, not what happened (it was kept: 内容:报修 厨房…).
  const said = findTrigger(text)?.rest || text;
  const stripped = stripDetails(said, location?.kind === 'room' ? location : undefined, extractPhone(said)) || said;
  const owner: Owner = {
    platform: message.chat.platform,
    id: message.sender.id,
    displayName: message.sender.displayName,
    ...(location?.kind === 'room' && { room: location.text }),
    ...(phone && { phone }),
  };
  // The unit that responds to this kind (rules/conversation/urgent.yaml; policy 4.2.1): a break-in is no repair for
  // the engineers (field trial: every emergency was a 报修 for 工程班).
  // "8栋着火了": the building goes on the record, so the responders' notice names it (it had no 地点 line); the exact
  // place is still asked for.
  const where = location ?? parseBuilding(simplified(text));
  const category = kind?.category ?? 'repair';
  // 内容 as a record reads (4.1.1 内容清楚): "3栋电梯困人了 快来人啊" reached the responders and leadership with the
  // urging and the place on 地点 said again (seen in play); now 内容:电梯困人了, as a repair's read-back has it.
  const fillers = CONVERSATION_VOCABULARY.urging_fillers ?? [];
  const urged = withoutNow(withoutUrging(stripped, CONVERSATION_VOCABULARY.urging ?? [], fillers), CONVERSATION_VOCABULARY.urgent_now ?? [], fillers);
  const description = where?.kind === 'public' ? withoutPlace(urged, where, category) : urged;
  const unit = kind?.unit ?? DEFAULT_UNIT[category];
  const clause = kind?.clause ?? DEFAULT_CLAUSE[category];
  const also = (kind?.also ?? []).filter((u) => u !== unit);
  const ticket = await deps.store.createTicket({
    estate: estate.id,
    owner,
    created: {
      type: 'created',
      at,
      by,
      via: `${message.chat.platform}:${message.chat.id}`,
      category,
      clause,
      unit,
      description,
      major: true,
      urgent: match.name,
      channel: 'chat',
      ...(where && { location: where }),
      ...(message.attachments.length > 0 && { attachments: message.attachments.map((a) => a.ref) }),
    },
    then: await openingEvents({ unit, estate: estate.id, major: true, urgent: match.name, also }, deps, at),
  });
  const missing: Array<'location' | 'phone'> = [...(location ? [] : ['location' as const]), ...(phone ? [] : ['phone' as const])];
  // Not known to be the same as an earlier report of its kind: the responders are told of that one, to close a duplicate.
  const hint = earlier.length > 0 ? `\n${ownerT.urgentMaybeSame(ticket, earlier, words.minutes)}` : '';
  const notices = deps.notifier.announcement(ticket, deps.config.timezone).map((n) => ({ ...n, text: `${n.text}${hint}` }));
  return {
    reply: ownerT.urgentRecorded(ticket, estate, kind?.advice, missing, urgentResponders(ticket)),
    notices,
    ticket,
    // What the owner says next goes to the responders even when nothing was missing ("3栋东边那部" drew an offer to
    // register it as something new).
    session: followUpSession(ticket, now),
  };
}

function followUpSession(ticket: Ticket, now: Date): UrgentSession {
  return { version: 1, kind: 'urgent', number: ticket.number, expiresAt: new Date(now.getTime() + URGENT_FOLLOW_UP_MS).toISOString() };
}

/** The owner's answer after an emergency: relayed to the people on their way, with any phone kept on the record. */
export async function followUpEmergency(deps: EmergencyDeps, message: IncomingMessage, session: UrgentSession, text: string): Promise<EmergencyResult | undefined> {
  const ticket = await deps.store.getTicket(session.number);
  if (!ticket || (ticket.status !== 'open' && ticket.status !== 'accepted')) return undefined;
  const at = deps.clock.now().toISOString();
  const by: Actor = { kind: 'owner', platform: message.chat.platform, id: message.sender.id, name: message.sender.displayName };
  const via = `${message.chat.platform}:${message.chat.id}`;
  // A second reporter who joined the ticket is named, and their number is theirs, not the owner's on the record.
  const owns = ticket.owner.platform === message.chat.platform && ticket.owner.id === message.sender.id;
  // "确认" out of the intake's habit reached the engineer on the way as 【紧急补充】R0001 电梯困人:确认 (seen in play):
  // an emergency is recorded at once, so there is nothing to confirm and nothing to relay.
  if (CONFIRM.test(text.trim())) return { reply: ownerT.urgentNothingToConfirm(ticket), notices: [], ticket };
  // "地点改成9栋1单元电梯" was relayed as words while the record kept 9栋2单元电梯: the place is corrected on the record
  // and the responders are told the new place, as a correction.
  const corrected = owns && deps.correction ? correctedPlace(deps.correction, text, ticket, deps.config.timezone, deps.clock.now()) : undefined;
  if (corrected) {
    const next = await deps.store.appendEvent(ticket.number, { type: 'amended', location: corrected, at, by, via });
    const place = formatLocation(corrected);
    const notices = await toResponders(deps.notifier, next, ownerT.urgentPlaceCorrectedNotice(next, place));
    return { reply: ownerT.urgentPlaceCorrected(next, place), notices, ticket: next };
  }
  const said = owns ? text : `${message.sender.displayName}:${text}`;
  let next = await deps.store.appendEvent(ticket.number, { type: 'relayed', direction: 'to_staff', text: said, at, by, via });
  // The number the bot asked for goes on the record, where the engineer on the way reads it in full (查 in a private
  // chat); the unit's chat only ever shows it masked.
  const phone = extractPhone(text);
  const recordsPhone = owns && phone !== undefined && phone !== ticket.owner.phone;
  if (recordsPhone) next = await deps.store.appendEvent(ticket.number, { type: 'amended', phone, at, by, via });
  // Where exactly, when the first message said only 电梯: the answer goes on the record too, not only to the chat.
  const location = exactPlace(next, stripDetails(text, undefined, phone).replace(/[,,。、\s]*(?:我的?|我家)?$/, ''));
  if (location) next = await deps.store.appendEvent(ticket.number, { type: 'amended', location, at, by, via });
  const notices = await toResponders(deps.notifier, next, ownerT.urgentSupplementNotice(next, said, recordsPhone));
  return { reply: ownerT.urgentSupplemented(next), notices, ticket: next };
}

/** The new place of "地点改成…" / "不是2单元 是1单元", when the message is that correction. */
function correctedPlace(words: IntakeWords['correction'], text: string, ticket: Ticket, timezone: string, now: Date): Location | undefined {
  // "不对 是3栋503" after "3动502" was taken as 3栋502: relayed as words while the record kept the wrong room (seen in
  // play). A room said with words that the one before was wrong replaces it, as 地点改成 would.
  if (ticket.location?.kind === 'room' && SAYS_WRONG.test(text)) {
    const fixed = buildingCorrection(text, ticket.location);
    const location = parseRoom(text.split(/而不是|不是/)[0]!) ?? (fixed?.field === 'location' ? fixed.location : undefined);
    if (location && formatLocation(location) !== formatLocation(ticket.location)) return location;
  }
  const correction = readCorrection(text, words);
  if (correction?.field !== 'location') return undefined;
  const value = correctedValue(correction, words, now, timezone, ticket.location ? { location: ticket.location } : {});
  return value?.field === 'location' ? value.location : undefined;
}

/** A room, or words naming a building or floor, that say more than the ticket's place; the old place kept beside it. */
function exactPlace(ticket: Ticket, text: string): Location | undefined {
  if (ticket.location?.kind === 'room') return undefined;
  const room = parseRoom(text);
  if (room) return room;
  if (!namesAPlace(text)) return undefined;
  const before = ticket.location?.place;
  const place = `${text.slice(0, 60)}${before && !text.includes(before) ? `(${before})` : ''}`;
  return { kind: 'public', place, text: place };
}

/** What the owner adds reaches every unit on its way (a fire: security and engineering), not only the one holding it. */
async function toResponders(notifier: Notifier, ticket: Ticket, text: string): Promise<OutgoingMessage[]> {
  const out: OutgoingMessage[] = [];
  for (const unit of urgentResponders(ticket)) out.push(...(await notifier.toUnit(ticket, unit, text)));
  return out;
}

/**
 * The open ticket of the same kind, at most `words.minutes` old, this report is about: the owner says so ("就是刚才那部":
 * the one at the place it names, else the latest), or it names the same building (a room's own, or "3栋" in the
 * place) or public place, or the earlier one said no place at all (the first two owners in the group shouting
 * "电梯困人了" are one lift until someone says otherwise). Another building, words saying it is another one, or no
 * place after reports that named theirs make a ticket of its own; the open ones of its kind are returned as `earlier`
 * for the responders.
 */
async function sameEmergency(
  store: Store,
  estate: string,
  kind: string,
  now: Date,
  here: Where,
  words: SameEventWords,
  joinUnplaced: boolean,
): Promise<{ same?: Ticket; earlier: Ticket[] }> {
  const since = new Date(now.getTime() - words.minutes * 60_000).toISOString();
  const earlier = (await store.listTickets({ estate, status: ['open', 'accepted'], createdFrom: since })).filter((t) => t.urgent === kind);
  const said = saysWhichEvent(here.text, words);
  if (earlier.length === 0 || said === 'other') return { earlier };
  const latestFirst = [...earlier].reverse();
  const where = (t: Ticket): Where => ({ location: t.location, text: t.description });
  const same = latestFirst.find((t) => placed(where(t), words) && placed(here, words) && samePlace(where(t), here));
  const unplaced = latestFirst.find((t) => !placed(where(t), words));
  // Said to be the same: the one at the place it names, else one that said none (a place elsewhere is not it); with no
  // place, the latest ("就是刚才那部").
  if (said === 'same') return { same: same ?? (placed(here, words) ? unplaced : undefined) ?? latestFirst[0]!, earlier };
  return { same: same ?? (joinUnplaced ? unplaced : undefined), earlier };
}

/** Whether a report says where: a room, a building, or a place other than the kind's own (电梯 alone is no place). */
function placed(w: Where, words: SameEventWords): boolean {
  if (w.location?.kind === 'room' || buildingIn(w.text) !== undefined) return true;
  if (!w.location) return false;
  return buildingOf(w.location) !== undefined || !words.no_place.includes(w.location.place);
}

/** Where a report is: its location, else the building its words name ("7栋着火了" has no place word). */
interface Where {
  location: Location | undefined;
  text: string;
}

function samePlace(a: Where, b: Where): boolean {
  // Two flats are two places, even in one building: two break-ins are two tickets.
  if (a.location?.kind === 'room' && b.location?.kind === 'room') return formatLocation(a.location) === formatLocation(b.location);
  const building = (w: Where) => (w.location ? buildingOf(w.location) : undefined) ?? buildingIn(w.text);
  const [ba, bb] = [building(a), building(b)];
  if (ba !== undefined || bb !== undefined) return ba === bb;
  return a.location !== undefined && b.location !== undefined && formatLocation(a.location) === formatLocation(b.location);
}
