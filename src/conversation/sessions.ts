import type { Clock } from '../clock.ts';
import { type Draft, type IntakeState, IntakeStateSchema, type OwnerProfile } from './intake.ts';
import type { OfferLimits, OfferMemory, OfferState, UnaskedAnswer } from './offer.ts';
import { OfferStateSchema, afterOffer, afterUnaskedAnswer } from './offer.ts';
import { personKey, type Platform } from '../domain/people.ts';
import { plainSafeParse } from '../store/plain-check.ts';
import type { RecordChange, Store, WriteOptions } from '../store/store.ts';
import { isUrgentSession, type UrgentSession } from './urgent.ts';
import { type CancelQuestion, CancelQuestionSchema } from './cancel-question.ts';

/**
 * The conversation state the bot keeps between messages, in one place (issue 15, item 3): open sessions (an intake,
 * an offer, an emergency follow-up), what the bot remembers of each owner, and when it last offered to register.
 * The shape follows grammY's StorageAdapter (read / write / delete, keyed by chat and person); expiry is decided
 * here, so no caller reads a raw record or compares dates. The namespaces and the stored shapes are unchanged from
 * before this file: data written by an older version reads the same.
 */
const SESSIONS = 'sessions';
const OWNERS = 'owners';
const OFFERS = 'offers';

/** phoneDeclined (OwnerProfile): asked once for a number and not given one (issue 16 §5). */
export interface OwnerRecord extends OwnerProfile {
  displayName: string;
  cardShown?: boolean;
}

export type Session =
  | { kind: 'intake'; state: IntakeState }
  | { kind: 'offer'; state: OfferState }
  | { kind: 'urgent'; state: UrgentSession }
  | { kind: 'cancel_question'; state: CancelQuestion };

/** Who a session belongs to: the person whose cooldown an ignored offer sets. */
export interface Person {
  platform: Platform;
  id: string;
}

/** What a sweep found and ended: the key, and what it was (only an intake is closed with a message). */
export interface EndedSession {
  key: string;
  kind?: string;
  /** The owner's display name, kept with the session so a group message can name them. */
  name?: string;
}

/**
 * A stored offer or intake as its schema reads it (zod's safeParse, same result), without zod's work for the common
 * valid record (plain-check.ts): zod's parse of the intake was ~3 % of bench:engine's core CPU (issue 17 item 5), for
 * the read on every answer of an intake. test/conversation/session-read.test.ts compares both on states the intake
 * makes and on broken ones.
 */
const readOffer = plainSafeParse(OfferStateSchema);
const readCancelQuestion = plainSafeParse(CancelQuestionSchema);
const parseIntake = plainSafeParse(IntakeStateSchema);

/**
 * An intake is kept with its owner's display name beside the state (`write`), which the schema strips as a key it
 * does not know; the plain check refuses unknown keys, so the name is taken off first (zod's result is the same).
 */
export function readIntake(raw: unknown): ReturnType<typeof parseIntake> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !Object.hasOwn(raw, 'name')) return parseIntake(raw);
  const { name: _name, ...state } = raw as Record<string, unknown>;
  return parseIntake(state);
}

export { readOffer };

export class SessionStore {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * The session under this key, if one is open. An expired one is deleted on the way; an expired offer was ignored,
   * so its owner gets no new offer for a while (offer.ts).
   */
  async read(key: string, person: Person): Promise<Session | undefined> {
    const raw = await this.store.getRecord<unknown>(SESSIONS, key);
    if (raw === undefined) return undefined;
    const now = this.clock.now().getTime();
    // Ending an offer or emergency follow-up found past its time, and an ignored offer's cooldown, are deferred writes
    // (store.ts WriteOptions): no flush of their own. Lost in a crash, the session is found expired and deleted again
    // (the sweep ends these without a message), and the owner may get one offer more (policy 5.3's limit on offers is about flooding a group, not one repeat); neither
    // acknowledges anyone's words (issue 17 item 4). They were ~110 flushes of bench:engine's ~2,800 (issue 17 item 5).
    if (isUrgentSession(raw)) {
      if (Date.parse(raw.expiresAt) > now) return { kind: 'urgent', state: raw };
      await this.expire(key);
      return undefined;
    }
    // Only a record that says it is an offer can be one: an intake is not put through the offer's schema first, whose
    // refusal (zod building its issues) cost more than reading the intake itself (bench:engine profile).
    const offer = (raw as { kind?: unknown } | null)?.kind === 'offer' ? readOffer(raw) : undefined;
    if (offer?.success) {
      if (Date.parse(offer.data.expiresAt) > now) return { kind: 'offer', state: offer.data };
      // Issued together, the two writes are one durable write (group-commit.ts), not two flushes one after another.
      if (!offer.data.askKind || offer.data.unprompted) await Promise.all([this.expire(key), this.declined(person, { deferred: true })]);
      else await this.expire(key);
      return undefined;
    }
    if ((raw as { kind?: unknown } | null)?.kind === 'cancel_question') {
      const question = readCancelQuestion(raw);
      if (question.success && Date.parse(question.data.expiresAt) > now) return { kind: 'cancel_question', state: question.data };
      await this.expire(key);
      return undefined;
    }
    const intake = readIntake(raw);
    if (!intake.success || Date.parse(intake.data.expiresAt) <= now) {
      // Not deferred: an intake found again after a crash would be closed by the sweep with a message (sweep.ts).
      await this.delete(key);
      return undefined;
    }
    return { kind: 'intake', state: intake.data };
  }

  /**
   * Keeps a session; name is the owner's display name, for the closing message in a group. `deferred` only for an
   * offer made unasked (Bot.offer): see there.
   */
  async write(key: string, state: IntakeState | OfferState | UrgentSession | CancelQuestion, name?: string, options?: WriteOptions): Promise<void> {
    await this.store.putRecord(SESSIONS, key, name === undefined ? state : { ...state, name }, options);
  }

  async delete(key: string): Promise<void> {
    await this.store.deleteRecord(SESSIONS, key);
  }

  /**
   * An offer the owner let pass (said something else): it ends, and `unprompted` (or one with a verdict) starts the
   * owner's cooldown. Deferred writes, as an expired offer's end (`read`): any later durable write carries them, and
   * until one does, the message that let the offer pass is not durably marked handled either (seen-messages.ts), so a
   * crash has it delivered and let pass again; at worst, without redelivery, the offer stays open until its time
   * (10 minutes) or the owner gets one offer more. The owner's words are not acted on here: nothing is acknowledged.
   */
  async letPass(key: string, person: Person, cooldown: boolean): Promise<void> {
    await Promise.all([this.store.deleteRecord(SESSIONS, key, { deferred: true }), ...(cooldown ? [this.declined(person, { deferred: true })] : [])]);
  }

  /** Deletes a session found past its time (or unreadable) on the way: a deferred write (see `read`). */
  private async expire(key: string): Promise<void> {
    await this.store.deleteRecord(SESSIONS, key, { deferred: true });
  }

  /** Whether any record is kept under this key, valid or not (a restart may leave one behind). */
  async has(key: string): Promise<boolean> {
    return (await this.store.getRecord(SESSIONS, key)) !== undefined;
  }

  /** Keys of sessions past their time, for the sweep; each is ended with endIfExpired under the key's queue. */
  async expiredKeys(): Promise<string[]> {
    const now = this.clock.now().getTime();
    const all = await this.store.listRecords<{ expiresAt?: string }>(SESSIONS);
    return all.filter(([, raw]) => raw.expiresAt && Date.parse(raw.expiresAt) <= now).map(([key]) => key);
  }

  /** Deletes the session if it is still past its time (a message may have renewed it meanwhile). */
  async endIfExpired(key: string): Promise<EndedSession | undefined> {
    const now = this.clock.now().getTime();
    const current = await this.store.getRecord<{ expiresAt?: string; kind?: string; name?: string }>(SESSIONS, key);
    if (!current?.expiresAt || Date.parse(current.expiresAt) > now) return undefined;
    await this.delete(key);
    return { key, ...(current.kind !== undefined && { kind: current.kind }), ...(current.name !== undefined && { name: current.name }) };
  }

  // Owner profiles --------------------------------------------------------------------------------------------

  async owner(person: Person): Promise<OwnerRecord | undefined> {
    return this.store.getRecord<OwnerRecord>(OWNERS, personKey(person));
  }

  /** Remembers room and phone so the owner is not asked again next time (policy 4.1.1 asks only what is missing). */
  async rememberOwner(person: Person, displayName: string, draft: Draft): Promise<void> {
    const change = await this.ownerChange(person, displayName, draft);
    if (change) await this.store.putRecord(change.namespace, change.key, change.value);
  }

  /** What `rememberOwner` would write, for a write that carries it with the ticket; undefined when nothing changes. */
  async ownerChange(person: Person, displayName: string, draft: Draft): Promise<{ namespace: string; key: string; value: OwnerRecord } | undefined> {
    const key = personKey(person);
    const known = (await this.store.getRecord<OwnerRecord>(OWNERS, key)) ?? { displayName };
    const next: OwnerRecord = {
      ...known,
      displayName,
      cardShown: true,
      ...(draft.location?.kind === 'room' && { room: draft.location }),
      ...(draft.phone && { phone: draft.phone }),
      ...(!draft.phone && !known.phone && (draft.noPhone || draft.phoneAsked) && { phoneDeclined: true }),
    };
    // Most requests come from owners already known: skip the write when nothing changed.
    return JSON.stringify(next) !== JSON.stringify(known) ? { namespace: OWNERS, key, value: next } : undefined;
  }

  /** The change that ends a session, for a write that carries it with the ticket. */
  /** The change that turns this key's session into an offer (a second matter said with a recorded one). */
  offerChange(key: string, state: OfferState): RecordChange {
    return { namespace: SESSIONS, key, value: state };
  }

  endChange(key: string): RecordChange {
    return { namespace: SESSIONS, key, deleted: true };
  }

  // Offer cooldowns -------------------------------------------------------------------------------------------

  /** When this chat last had an offer and when this owner last let one pass (offer.ts mayOffer decides). */
  async offerMemory(chat: { platform: Platform; id: string }, person: Person): Promise<OfferMemory> {
    const declined = await this.store.getRecord<{ at: string }>(OFFERS, ownerOfferKey(person));
    return { chatRecent: await this.chatOffers(chat), ...(declined && { ownerDeclinedAt: declined.at }) };
  }

  async offered(chat: { platform: Platform; id: string }, limits: OfferLimits, options?: WriteOptions): Promise<void> {
    const now = this.clock.now();
    const recent = afterOffer(await this.chatOffers(chat), now, limits);
    await this.store.putRecord(OFFERS, chatOfferKey(chat), { at: now.toISOString(), recent }, options);
  }

  /** `recent` since the offer budget; a record written before it holds only the last offer's `at`. */
  private async chatOffers(chat: { platform: Platform; id: string }): Promise<string[]> {
    const record = await this.store.getRecord<{ at: string; recent?: string[] }>(OFFERS, chatOfferKey(chat));
    return record ? (record.recent ?? [record.at]) : [];
  }

  /** The FAQ answers given unasked in this chat lately (offer.ts `mayAnswerUnasked`); kept apart from its offers. */
  async unaskedAnswers(chat: { platform: Platform; id: string }): Promise<UnaskedAnswer[]> {
    return (await this.store.getRecord<{ recent: UnaskedAnswer[] }>(OFFERS, `faq:${chatOfferKey(chat)}`))?.recent ?? [];
  }

  async answeredUnasked(chat: { platform: Platform; id: string }, answer: string, limits: OfferLimits): Promise<void> {
    const recent = afterUnaskedAnswer(await this.unaskedAnswers(chat), answer, this.clock.now(), limits);
    await this.store.putRecord(OFFERS, `faq:${chatOfferKey(chat)}`, { recent });
  }

  /** An owner let an offer pass: no new offer to them for a while. `deferred` where it is found on the way (`read`). */
  async declined(person: Person, options?: WriteOptions): Promise<void> {
    await this.store.putRecord(OFFERS, ownerOfferKey(person), { at: this.clock.now().toISOString() }, options);
  }
}

function chatOfferKey(chat: { platform: Platform; id: string }): string {
  return `chat:${chat.platform}:${chat.id}`;
}

function ownerOfferKey(person: Person): string {
  return `owner:${personKey(person)}`;
}
