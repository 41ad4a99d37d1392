import type { NewTicket } from '../store/store.ts';
import type { OwnerContext, OwnerOutput } from '../commands/owner/context.ts';
import type { ChatConfig, Estate } from '../config/schema.ts';
import { type Draft, type IntakeEnv, type IntakeOutcome, placeKindSaid, startIntake } from '../conversation/intake.ts';
import { type IntakeWords, shippedIntakeWords } from '../conversation/intake-words.ts';
import { mayAnswerUnasked, mayOffer, OFFER_TTL_MS, type OfferState } from '../conversation/offer.ts';
import { type Person, SessionStore } from '../conversation/sessions.ts';
import { extractLocation } from '../conversation/extract.ts';
import { cleanName } from '../conversation/text-hygiene.ts';
import type { Verdict } from '../conversation/triggers.ts';
import type { UrgentMatch } from '../conversation/urgent.ts';
import type { Owner } from '../domain/people.ts';
import { maskPhones, publicNumbers } from '../domain/phone-mask.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { IncomingMessage, OutgoingMessage, QuickReply } from '../messages.ts';
import type { Directory } from '../services/directory.ts';
import type { Notifier } from '../services/notifier.ts';
import { isDiskFull } from '../store/disk-space.ts';
import { ownerT, t } from '../templates.ts';
import { type EmergencyResult, followUpEmergency, recordEmergency } from './emergency.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { faqAnswer, recordTicket } from './record-ticket.ts';
import { consultationAnswer } from '../conversation/faq.ts';
import { otherSideOf } from '../conversation/same-outage.ts';
import { CONVERSATION_VOCABULARY } from '../conversation/vocabulary.ts';
import { RecordedBy } from './recorded-by.ts';
import { identify } from './steps/identify.ts';
import { runMessagePath } from './steps/index.ts';
import { addressed, reply, toSender } from './steps/replies.ts';
import type { BotDeps, BotServices } from './steps/turn.ts';

/** The three kinds an owner can name in one word (rules/vocabulary/conversation.yaml triggers). */
/** An offer made unasked is written without a flush of its own (Bot.offer). */
const DEFERRED = { deferred: true } as const;

const KIND_BUTTONS = [
  { label: '报修', text: '报修' },
  { label: '投诉', text: '投诉' },
  { label: '咨询', text: '咨询' },
];

export type { ClassifyFn } from '../conversation/classify-fn.ts';

export type { BotDeps } from './steps/turn.ts';
/** Past it a text is refused (steps/sanitise.ts). */
export { MAX_TEXT } from './steps/sanitise.ts';

/**
 * The core: one incoming message in, the messages to send out. Knows chats and people only through the Directory,
 * stores only through the Store, and time only through the Clock.
 */
export class Bot {
  readonly directory: Directory;
  private readonly notifier: Notifier;
  private readonly queue = new KeyedQueue();
  private readonly log: (line: string) => void;
  /** The company's own numbers (service cards), which are published and never masked. */
  private readonly publicNumbers: Set<string>;
  private readonly intakeWords: IntakeWords;
  private readonly recordedBy: RecordedBy;
  private readonly sessions: SessionStore;
  /** What the steps may ask of the bot (steps/turn.ts). */
  private readonly services: BotServices;

  constructor(private readonly deps: BotDeps) {
    this.recordedBy = new RecordedBy(deps.store);
    this.sessions = new SessionStore(deps.store, deps.clock);
    this.directory = deps.directory;
    this.publicNumbers = publicNumbers(deps.config.estates.flatMap((e) => Object.values(e.serviceCard)));
    this.log = deps.log ?? (() => {});
    this.intakeWords = deps.intakeWords ?? shippedIntakeWords();
    this.notifier = deps.notifier;
    this.services = {
      deps,
      sessions: this.sessions,
      intakeWords: this.intakeWords,
      log: (line) => this.log(line),
      estateFor: (chat) => this.estateFor(chat),
      ownerContext: (message) => this.ownerContext(message),
      answer: (message, output) => this.answer(message, output),
      intakeEnv: (chat) => this.intakeEnv(chat),
      timeoutMs: () => this.timeoutMs(),
      recordedAgain: (turn) => this.recordedAgain(turn.message, turn.key),
      perform: (turn, outcome) => this.perform(turn.message, turn.key, turn.chat, outcome),
      startFor: (turn, verdict, text, attachments, also) => this.startFor(turn.message, turn.key, turn.chat, verdict, text, attachments, also),
      emergency: (turn, match) => this.emergency(turn.message, turn.key, turn.chat, match, turn.text),
      followUpEmergency: async (turn, session) => {
        const followed = await followUpEmergency(this.emergencyDeps(), turn.message, session, turn.text);
        if (!followed) return undefined;
        const { status } = followed.ticket;
        return { out: this.emergencyOut(turn.message, followed), open: status === 'open' || status === 'accepted' };
      },
      offer: (turn, chat, verdict) => this.offer(turn.message, turn.key, chat, verdict, turn.text, turn.attachments),
      askKind: (turn, text, attachments, hint) => this.askKind(turn.message, turn.key, text, attachments, hint),
    };
  }

  /**
   * Every configured chat is a group (owners' or staff's): phone numbers in any form are masked there, whoever typed
   * them. Private chats keep them (staff read the full number in private, owners their own).
   */
  masked(out: OutgoingMessage): OutgoingMessage {
    if (!this.directory.chat(out.chat.platform, out.chat.id)) return out;
    const text = maskPhones(out.text, this.publicNumbers);
    return text === out.text ? out : { ...out, text };
  }

  /**
   * In the owners' group every answer to an owner names them (issue 16 §5): with two owners at their read-backs at once, each
   * must see which question is theirs. Private chats need no name.
   */
  private addressedToOwner(message: IncomingMessage, out: OutgoingMessage): OutgoingMessage {
    if (message.chat.kind !== 'group' || this.directory.chat(message.chat.platform, message.chat.id)?.role !== 'owners') return out;
    if (out.replyTo !== message.id || out.chat.id !== message.chat.id || out.chat.platform !== message.chat.platform) return out;
    const name = `@${message.sender.displayName}`;
    const mention = { id: message.sender.id, name: message.sender.displayName };
    return { ...out, mention, text: out.text.startsWith(name) ? out.text : `${name} ${out.text}` };
  }

  private get timezone(): string {
    return this.deps.config.timezone;
  }

  async handle(incoming: IncomingMessage): Promise<OutgoingMessage[]> {
    // Names are echoed into groups and kept in the ledgers: cleaned like the text (text-hygiene.ts).
    const message = { ...incoming, sender: { ...incoming.sender, displayName: cleanName(incoming.sender.displayName) || incoming.sender.id } };
    const key = sessionKey(message);
    return this.queue.run(key, async () => {
      try {
        const staff = this.directory.staffMember(message.chat.platform, message.sender.id);
        return (await this.route(message, key)).map((out) => this.masked(staff ? out : this.addressedToOwner(message, out)));
      } catch (error) {
        if (isDiskFull(error)) return this.notSaved(message, error as Error);
        // One boundary per message: the person gets a short answer, the log gets the detail.
        this.log(`error handling ${message.chat.platform}:${message.chat.id}/${message.id}: ${(error as Error).stack ?? error}`);
        return addressed(message) ? [reply(message, t.internalError())] : [];
      }
    });
  }

  /**
   * Nothing of this message could be saved (a full disk, issue 17). The bot only writes for messages it is acting on,
   * so the person hears it at once, addressed or not, with the number to call; the managers hear through the store's
   * space watch (alerts/storage-alarm.ts).
   */
  private notSaved(message: IncomingMessage, error: Error): OutgoingMessage[] {
    this.log(`not saved (no space) ${message.chat.platform}:${message.chat.id}/${message.id}: ${error.message}`);
    const estate = this.estateFor(this.directory.chat(message.chat.platform, message.chat.id));
    const staff = this.directory.staffMember(message.chat.platform, message.sender.id);
    return [this.masked(toSender(message, staff ? t.notSavedStaff(estate) : t.notSavedOwner(estate)))];
  }

  /** The message path (steps/index.ts): named steps in order, the first that answers ends it; none answering is silence. */
  private async route(message: IncomingMessage, key: string): Promise<OutgoingMessage[]> {
    return (await runMessagePath(identify(message, key, this.services)))?.answer ?? [];
  }

  private emergencyDeps() {
    return {
      config: this.deps.config,
      store: this.deps.store,
      clock: this.deps.clock,
      directory: this.directory,
      notifier: this.notifier,
      correction: this.intakeWords.correction,
      ...(this.deps.urgent?.sameEvent && { sameEvent: this.deps.urgent.sameEvent }),
    };
  }

  private async emergency(message: IncomingMessage, key: string, chat: ChatConfig | undefined, match: UrgentMatch, text: string): Promise<OutgoingMessage[]> {
    await this.sessions.delete(key);
    const known = await this.sessions.owner(person(message));
    const kind = this.deps.urgent?.kinds.find((k) => k.id === match.id);
    const result = await recordEmergency(this.emergencyDeps(), message, this.estateFor(chat), match, kind, text, { phone: known?.phone });
    if (result.session) await this.sessions.write(key, result.session, message.sender.displayName);
    if (result.notices.length === 0) this.log(`no chat configured for an emergency in ${result.ticket.estate}: ${result.ticket.number} was not announced`);
    this.log(`emergency ${result.ticket.number} (${match.name}, word "${match.word}") from ${message.chat.platform}:${message.sender.id}`);
    return this.emergencyOut(message, result);
  }

  private emergencyOut(message: IncomingMessage, result: EmergencyResult): OutgoingMessage[] {
    return [toSender(message, result.reply), ...result.notices];
  }

  private async startFor(message: IncomingMessage, key: string, chat: ChatConfig | undefined, verdict: Verdict, text: string, attachments: string[], also?: { text: string; verdict: Verdict }) {
    const profile = await this.sessions.owner(person(message));
    const env = this.intakeEnv(chat);
    const outcome = startIntake(verdict, text, profile ?? {}, env, attachments, also);
    const [first, ...rest] = await this.perform(message, key, chat, outcome);
    // The card rides on the first answer instead of being a message of its own (issue 16 §6: fewer messages).
    const card = await this.firstContactCard(message, chat);
    // Two matters: while the first is still asked about, the owner hears at once that the second was not lost.
    const twoFirst = also && outcome.kind === 'ask' ? `${ownerT.twoMattersFirst(also.text)}\n` : '';
    return first ? [{ ...first, text: `${twoFirst}${first.text}${card ? `\n\n${card}` : ''}` }, ...rest] : [];
  }

  private async offer(message: IncomingMessage, key: string, chat: ChatConfig, verdict: Verdict | undefined, text: string, attachments: string[]) {
    const now = this.deps.clock.now();
    // A question the estate's FAQ answers is answered rather than offered: "停车月卡多少钱" asked in the group wants the
    // price, not 需要我帮您登记吗. Those answers have their own count and are not repeated while the group can read
    // them; they no longer use up the chat's offers, which a request posted after them needs (policy 5.3).
    const answer = verdict?.category === 'consult' ? consultationAnswer(this.estateFor(chat), text) : undefined;
    if (verdict && answer) {
      if (!mayAnswerUnasked(await this.sessions.unaskedAnswers(message.chat), answer, now, chat)) return [];
      await this.sessions.answeredUnasked(message.chat, answer, chat);
      return this.startFor(message, key, chat, verdict, text, attachments);
    }
    const memory = await this.sessions.offerMemory(message.chat, person(message));
    // The limits keep the bot's guesses about chatter from flooding a group. A request that names the owner's own room
    // is no guess: after three offers in ten minutes, "7栋1单元1203 马桶堵了 明天上午有人在家" got silence (seen in play;
    // policy 5.3, every item answered).
    const place = verdict !== undefined ? extractLocation(text)?.kind : undefined;
    const namesRoom = place === 'room';
    if (!namesRoom && !mayOffer(memory, now, chat)) return [];
    const expiresAt = new Date(now.getTime() + OFFER_TTL_MS).toISOString();
    const state: OfferState = verdict
      ? { version: 1, kind: 'offer', verdict, text, attachments, expiresAt }
      : { version: 1, kind: 'offer', askKind: true, unprompted: true, text, attachments, expiresAt };
    // One that named a room is outside the limits, so it does not use up the chat's offers either.
    // Deferred writes (store.ts WriteOptions), issued together: an offer made unasked acknowledges nothing the owner
    // said, so it needs no flush of its own (~180 of bench:engine's ~2,700 flushes a run, issue 17 item 5). The next
    // durable write carries both, ahead of its own change: the outbox's write of this very reply, so an owner who sees
    // the offer has it on disk, or the write marking the message handled (seen-messages.ts). Lost in a crash before
    // either, the reply was never sent and the message is delivered again; without redelivery the owner's 登记 starts
    // an intake that asks for the matter again, and the chat may get one offer more (policy 5.3 limits flooding).
    await Promise.all([this.sessions.write(key, state, undefined, DEFERRED), ...(namesRoom ? [] : [this.sessions.offered(message.chat, chat, DEFERRED)])]);
    if (!verdict) return [{ ...reply(message, ownerT.offerKind(message.sender.displayName)), quickReplies: KIND_BUTTONS }];
    return [{ ...reply(message, ownerT.offer(message.sender.displayName, placeKindSaid(verdict, text) ?? (verdict.party === 'utility' ? 'building' : undefined))), quickReplies: [{ label: '登记', text: '登记' }] }];
  }

  private async askKind(message: IncomingMessage, key: string, text: string, attachments: string[], hint = false): Promise<OutgoingMessage[]> {
    const now = this.deps.clock.now();
    const state: OfferState = { version: 1, kind: 'offer', askKind: true, ...(hint && { kindHinted: true }), text, attachments, expiresAt: new Date(now.getTime() + OFFER_TTL_MS).toISOString() };
    await this.sessions.write(key, state);
    return [{ ...reply(message, hint ? ownerT.kindWanted() : ownerT.askKind()), quickReplies: KIND_BUTTONS }];
  }

  private async perform(message: IncomingMessage, key: string, chat: ChatConfig | undefined, outcome: IntakeOutcome): Promise<OutgoingMessage[]> {
    switch (outcome.kind) {
      case 'ask':
        await this.sessions.write(key, outcome.state, message.sender.displayName);
        return [{ ...reply(message, outcome.reply), ...(outcome.quickReplies && { quickReplies: outcome.quickReplies }) }];
      case 'cancel':
        await this.sessions.delete(key);
        return [reply(message, outcome.reply)];
      case 'quiet':
        return [];
      case 'record': {
        // One durable write: the ticket, which message recorded it (delivered again after a crash, it gets these
        // replies again), what the bot remembers of the owner, and the end of the intake. A crash leaves either the
        // draft or all of them, never a ticket whose intake is still open or a number nobody was told.
        const [ownerChange, recorded] = await Promise.all([
          this.sessions.ownerChange(person(message), message.sender.displayName, outcome.draft),
          this.recordedBy.plan(key, message, this.deps.clock.now()),
        ]);
        // A second matter said with this one is offered now, in the same write that ends the intake.
        const also = outcome.draft.also;
        const next = also && this.sessions.offerChange(key, { version: 1, kind: 'offer', verdict: also.verdict, text: also.text, attachments: [], expiresAt: new Date(this.deps.clock.now().getTime() + OFFER_TTL_MS).toISOString() });
        const ticket = await this.record(message, chat, outcome.draft, (created) => [
          ...recorded.changes(created.number),
          ...(ownerChange ? [ownerChange] : []),
          next ?? this.sessions.endChange(key),
        ]);
        recorded.done(ticket.number);
        const out = this.recordedOut(message, ticket);
        if (!also || !out[0]) return out;
        return [{ ...out[0], text: `${out[0].text}\n${ownerT.twoMattersNext(also.text, also.verdict.category)}`, quickReplies: [{ label: '登记', text: '登记' }] }, ...out.slice(1)];
      }
    }
  }

  private recordedOut(message: IncomingMessage, ticket: Ticket): OutgoingMessage[] {
    const notices = this.notifier.announcement(ticket, this.timezone);
    // A question answered from the FAQ is done at once and announced to nobody (record-ticket.ts).
    if (notices.length === 0 && ticket.status !== 'completed') this.log(`no chat configured for ${ticket.unit} in ${ticket.estate}: ${ticket.number} was not announced`);
    const otherSide = ticket.party === 'utility' ? otherSideOf(ticket.description, CONVERSATION_VOCABULARY) : undefined;
    return [reply(message, ownerT.recorded(ticket, faqAnswer(this.directory, ticket), otherSide)), ...notices];
  }

  /** The message that recorded a ticket, delivered again after a crash (issue 17): its replies again, no second ticket. */
  private async recordedAgain(message: IncomingMessage, key: string): Promise<OutgoingMessage[] | undefined> {
    const number = await this.recordedBy.find(key, message);
    const ticket = number && (await this.deps.store.getTicket(number as Ticket['number']));
    if (!ticket) return undefined;
    this.log(`${message.chat.platform}:${message.chat.id}/${message.id} recorded ${ticket.number} before a restart: its replies are sent again`);
    // Killed between remembering and ending the intake: it ends now.
    if (await this.sessions.has(key)) await this.sessions.delete(key);
    return this.recordedOut(message, ticket);
  }

  /** The confirmed intake becomes a ticket (record-ticket.ts); `perform` then remembers the owner's room and phone. */
  private async record(message: IncomingMessage, chat: ChatConfig | undefined, draft: Draft & { description: string }, records: NewTicket['records']): Promise<Ticket> {
    return recordTicket({ config: this.deps.config, store: this.deps.store, clock: this.deps.clock, directory: this.directory }, message, this.estateFor(chat), draft, records);
  }

  private ownerContext(message: IncomingMessage): OwnerContext {
    return { store: this.deps.store, notifier: this.notifier, directory: this.directory, clock: this.deps.clock, config: this.deps.config, message };
  }

  private answer(message: IncomingMessage, output: OwnerOutput, quickReplies?: QuickReply[]): OutgoingMessage[] {
    return [{ ...reply(message, output.reply), ...(quickReplies && { quickReplies }) }, ...output.notices];
  }

  /**
   * Closes intakes abandoned past their timeout, politely (issue 4: a session abandoned mid-way is closed after a
   * timeout), and forgets unanswered offers. Run by the scheduler; returns the messages to send.
   */
  async sweepExpiredSessions(): Promise<OutgoingMessage[]> {
    const out: OutgoingMessage[] = [];
    for (const key of await this.sessions.expiredKeys()) {
      await this.queue.run(key, async () => {
        const ended = await this.sessions.endIfExpired(key);
        // Unanswered offers and emergency follow-ups end quietly: nothing was left half-done.
        if (!ended || ended.kind === 'offer' || ended.kind === 'urgent' || ended.kind === 'cancel_question') return;
        const [platform, ...rest] = key.split(':');
        const chatId = rest.slice(0, -1).join(':');
        const chat = this.directory.chat(platform as Owner['platform'], chatId);
        out.push({ chat: { platform: platform as Owner['platform'], id: chatId }, text: chat && ended.name ? `@${ended.name} ${ownerT.expired()}` : ownerT.expired() });
      });
    }
    return out.map((m) => this.masked(m));
  }

  /**
   * Policy 5.1: an owner talking to the bot for the first time gets the service card. It counts as shown once they
   * have recorded something (rememberOwner), which saves a write per new owner; someone who gives up mid-intake
   * simply sees it again next time.
   */
  private async firstContactCard(message: IncomingMessage, chat: ChatConfig | undefined): Promise<string | undefined> {
    const known = await this.sessions.owner(person(message));
    return known?.cardShown ? undefined : t.serviceCard(this.estateFor(chat));
  }

  private estateFor(chat: ChatConfig | undefined): Estate {
    return this.directory.estate(chat?.estate) ?? this.directory.defaultEstate() ?? this.deps.config.estates[0]!;
  }

  private intakeEnv(chat?: ChatConfig): IntakeEnv {
    const estate = this.estateFor(chat);
    return {
      now: this.deps.clock.now(),
      timeoutMs: this.timeoutMs(),
      timezone: this.timezone,
      words: this.intakeWords,
      faqAnswer: (question) => consultationAnswer(estate, question),
      talk: (text) => this.deps.classify?.(text).talk === true,
    };
  }

  private timeoutMs(): number {
    return this.deps.config.sla.intakeTimeoutMinutes * 60_000;
  }
}

/** One session per person per chat: two owners in one group never share an intake. */
function sessionKey(message: IncomingMessage): string {
  return `${message.chat.platform}:${message.chat.id}:${message.sender.id}`;
}

function person(message: IncomingMessage): Person {
  return { platform: message.chat.platform, id: message.sender.id };
}
