import type { Clock } from '../clock.ts';
import { OWNER_COMMANDS } from '../commands/aliases.ts';
import { ownerCancel } from '../commands/owner/cancel.ts';
import { chase } from '../commands/owner/chase.ts';
import { correctRecorded } from '../commands/owner/correct.ts';
import type { OwnerContext, OwnerOutput } from '../commands/owner/context.ts';
import { ownerQuery } from '../commands/owner/query.ts';
import { rate } from '../commands/owner/rate.ts';
import { supplement } from '../commands/owner/supplement.ts';
import { parseCommand } from '../commands/parse.ts';
import { CommandError, type StaffContext } from '../commands/staff/context.ts';
import { embeddedCommand, nearMiss } from '../commands/staff/near-miss.ts';
import { STAFF_COMMAND_TABLE, STAFF_WORDS } from '../commands/staff/registry.ts';
import type { ResolvedConfig as Config } from '../config/load.ts';
import type { ChatConfig, Estate, StaffConfig } from '../config/schema.ts';
import { sanitizeText } from '../conversation/extract.ts';
import { continueIntake, type Draft, type IntakeEnv, type IntakeOutcome, startIntake } from '../conversation/intake.ts';
import { ACCEPT_OFFER, mayOffer, OFFER_CONFIDENCE, OFFER_TTL_MS, type OfferState } from '../conversation/offer.ts';
import { defaultVerdict, findTrigger, type Verdict } from '../conversation/triggers.ts';
import { type IntakeWords, shippedIntakeWords } from '../conversation/intake-words.ts';
import type { UrgentKind, UrgentMatch, UrgentMatcher } from '../conversation/urgent.ts';
import { type EmergencyResult, followUpEmergency, recordEmergency } from './emergency.ts';
import type { Label } from '../domain/category.ts';
import type { Actor, Owner } from '../domain/people.ts';
import { TransitionError } from '../domain/state-machine.ts';
import { parseTicketNumber } from '../domain/ticket-number.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { IncomingMessage, OutgoingMessage, QuickReply } from '../messages.ts';
import { isDiskFull } from '../store/disk-space.ts';
import { type Store, UnknownTicketError } from '../store/store.ts';
import { ownerT, staffT, t } from '../templates.ts';
import { maskPhones, publicNumbers } from '../domain/phone-mask.ts';
import type { ClassifyFn } from '../conversation/classify-fn.ts';
import type { Directory } from '../services/directory.ts';
import { openingEvents } from '../services/dispatch.ts';
import { cleanName } from '../conversation/text-hygiene.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { RecordedBy } from './recorded-by.ts';
import { type Person, SessionStore } from './session-store.ts';
import type { Notifier } from '../services/notifier.ts';

export type { ClassifyFn } from '../conversation/classify-fn.ts';

export interface BotDeps {
  config: Config;
  store: Store;
  clock: Clock;
  /** Built once by the composition root and shared with the jobs. */
  directory: Directory;
  notifier: Notifier;
  /** Optional until rules are loaded; without it, trigger words alone decide the category. */
  classify?: ClassifyFn;
  log?: (line: string) => void;
  /** Emergency words (rules/conversation/urgent.yaml); without them no message is treated as an emergency. */
  urgent?: { match: UrgentMatcher; kinds: UrgentKind[] };
  /** Appointment and correction words (rules/conversation/intake.yaml); the shipped ones when not given. */
  intakeWords?: IntakeWords;
}

/**
 * Longer than any real report (Telegram itself stops at 4,096): past it the sender is told plainly that nothing was
 * recorded. Below it a long report is recorded whole and read back shortened (issue 16 §5, templates `shortened`).
 */
export const MAX_TEXT = 10_000;

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

  constructor(private readonly deps: BotDeps) {
    this.recordedBy = new RecordedBy(deps.store);
    this.sessions = new SessionStore(deps.store, deps.clock);
    this.directory = deps.directory;
    this.publicNumbers = publicNumbers(deps.config.estates.flatMap((e) => Object.values(e.serviceCard)));
    this.log = deps.log ?? (() => {});
    this.intakeWords = deps.intakeWords ?? shippedIntakeWords();
    this.notifier = deps.notifier;
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

  private async route(message: IncomingMessage, key: string): Promise<OutgoingMessage[]> {
    const text = sanitizeText(message.text);
    const chat = this.directory.chat(message.chat.platform, message.chat.id);
    const staff = this.directory.staffMember(message.chat.platform, message.sender.id);
    const isPrivate = message.chat.kind === 'private';
    const attachments = message.attachments.map((a) => a.ref);
    // Unconfigured groups are someone else's: the bot keeps out of them.
    if (!isPrivate && !chat) return [];
    if (!text && attachments.length === 0) return [];
    // Refused out loud whenever the bot would have acted on it (addressed, a trigger word, a command); other long
    // group chatter is nobody's request.
    if (text.length > MAX_TEXT) {
      const meant = addressed(message) || findTrigger(text) !== undefined || parseCommand(text, { ...OWNER_COMMANDS, ...STAFF_WORDS }) !== undefined;
      return meant ? [toSender(message, t.tooLong(text.length, MAX_TEXT))] : [];
    }

    if (staff) {
      const command = parseCommand(text, { ...OWNER_COMMANDS, ...STAFF_WORDS });
      if (command?.name === 'card') return [reply(message, t.serviceCard(this.estateFor(chat)))];
      if (command && STAFF_COMMAND_TABLE[command.name]) return this.runStaffCommand(message, staff, command.name, command.args);
      // In staff chats a command inside a sentence is taken from where it stands, and a near miss gets a hint (§4).
      if (isPrivate || chat?.role !== 'owners') {
        const embedded = embeddedCommand(text);
        const inner = embedded ? parseCommand(embedded, STAFF_WORDS) : undefined;
        if (inner && STAFF_COMMAND_TABLE[inner.name]) return this.runStaffCommand(message, staff, inner.name, inner.args);
        const miss = nearMiss(text);
        if (miss) return [reply(message, staffT.didYouMean(miss.word, miss.form))];
      }
    } else {
      const command = parseCommand(text, OWNER_COMMANDS);
      // A bare 取消 belongs to the intake in progress; 取消 R0001 cancels a recorded ticket.
      const cancelsIntake = command?.name === 'cancel' && !parseTicketNumber(command.args.split(/\s+/)[0] ?? '');
      // 服务卡 / 电话 take no words: "电话 139 0013 9000" gives a number (a correction at the read-back, issue 16 §3).
      const givesNumber = command?.name === 'card' && command.args !== '';
      if (command && !cancelsIntake && !givesNumber) return this.runOwnerCommand(message, chat, command.name, command.args);
      if (looksLikeStaffCommand(text)) {
        this.log(`refused staff command from non-staff ${message.chat.platform}:${message.sender.id} in ${message.chat.id}: ${text.slice(0, 40)}`);
        return [reply(message, t.staffOnly())];
      }
    }
    const ownerSide = isPrivate ? !staff : chat?.role === 'owners';
    // Staff writing to the bot privately without a command get their command list, never silence.
    if (staff && isPrivate) return [reply(message, staffT.help())];
    if (!ownerSide) return [];
    const again = await this.recordedAgain(message, key);
    if (again) return again;

    const env = this.intakeEnv();
    const session = await this.sessions.read(key, person(message));
    if (session?.kind === 'urgent') {
      await this.sessions.delete(key);
      const followed = await followUpEmergency(this.emergencyDeps(), message, session.state, text);
      if (followed) return this.emergencyOut(message, followed);
    }
    // An emergency is recorded at once, whatever else was going on (policy 3.1): no offer, no questions first.
    const urgent = this.deps.urgent?.match(text);
    if (urgent) return this.emergency(message, key, chat, urgent, text);
    if (session?.kind === 'intake') return this.perform(message, key, chat, continueIntake(session.state, text, env, attachments));
    if (session?.kind === 'offer') {
      await this.sessions.delete(key);
      if (ACCEPT_OFFER.test(text)) return this.startFor(message, key, chat, session.state.verdict, session.state.text, session.state.attachments);
      await this.sessions.declined(person(message));
    }

    // "时间改成周六下午" after the read-back was confirmed corrects the recorded ticket (issue 16 §3).
    const corrected = await correctRecorded(this.ownerContext(message), text, this.intakeWords, { addressed: addressed(message), freshMs: this.timeoutMs() });
    if (corrected) return this.answer(message, corrected);

    const rated = await rate(this.ownerContext(message), text);
    if (rated) return this.answer(message, rated);

    const trigger = findTrigger(text);
    const about = trigger ? trigger.rest || text : text;
    const classified = this.deps.classify?.(about);
    const verdict = toVerdict(classified) ?? (trigger ? defaultVerdict(trigger.category) : undefined);
    if (trigger && verdict) return this.startFor(message, key, chat, verdict, trigger.rest, attachments);
    if (addressed(message)) {
      return verdict ? this.startFor(message, key, chat, verdict, text, attachments) : [reply(message, t.help(false))];
    }
    // Unaddressed in a group: offer once when the classifier is confident; otherwise it is chatter.
    if (verdict && classified && classified.confidence >= OFFER_CONFIDENCE && chat?.offerToRegister) {
      return this.offer(message, key, chat, verdict, text, attachments);
    }
    return [];
  }

  private emergencyDeps() {
    return { config: this.deps.config, store: this.deps.store, clock: this.deps.clock, directory: this.directory, notifier: this.notifier };
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

  private async startFor(message: IncomingMessage, key: string, chat: ChatConfig | undefined, verdict: Verdict, text: string, attachments: string[]) {
    const profile = await this.sessions.owner(person(message));
    const env = this.intakeEnv();
    const [first, ...rest] = await this.perform(message, key, chat, startIntake(verdict, text, profile ?? {}, env, attachments));
    // The card rides on the first answer instead of being a message of its own (issue 16 §6: fewer messages).
    const card = await this.firstContactCard(message, chat);
    return first ? [card ? { ...first, text: `${first.text}\n\n${card}` } : first, ...rest] : [];
  }

  private async offer(message: IncomingMessage, key: string, chat: ChatConfig, verdict: Verdict, text: string, attachments: string[]) {
    const now = this.deps.clock.now();
    const memory = await this.sessions.offerMemory(message.chat, person(message));
    if (!mayOffer(memory, now, chat.offerIntervalMinutes)) return [];
    const state: OfferState = { version: 1, kind: 'offer', verdict, text, attachments, expiresAt: new Date(now.getTime() + OFFER_TTL_MS).toISOString() };
    await this.sessions.write(key, state);
    await this.sessions.offered(message.chat);
    return [{ ...reply(message, ownerT.offer(message.sender.displayName)), quickReplies: [{ label: '登记', text: '登记' }] }];
  }

  private async perform(message: IncomingMessage, key: string, chat: ChatConfig | undefined, outcome: IntakeOutcome): Promise<OutgoingMessage[]> {
    switch (outcome.kind) {
      case 'ask':
        await this.sessions.write(key, outcome.state, message.sender.displayName);
        return [{ ...reply(message, outcome.reply), ...(outcome.quickReplies && { quickReplies: outcome.quickReplies }) }];
      case 'cancel':
        await this.sessions.delete(key);
        return [reply(message, outcome.reply)];
      case 'record': {
        const ticket = await this.record(message, chat, outcome.draft);
        // The session ends only after the ticket is durable: a crash in between leaves a draft, never a lost ticket.
        // Which message recorded it is written first: delivered again after a crash, it gets these replies again.
        await this.recordedBy.remember(key, message, ticket.number, this.deps.clock.now());
        await this.sessions.delete(key);
        return this.recordedOut(message, ticket);
      }
    }
  }

  private recordedOut(message: IncomingMessage, ticket: Ticket): OutgoingMessage[] {
    const notices = this.notifier.announcement(ticket, this.timezone);
    if (notices.length === 0) this.log(`no chat configured for ${ticket.unit} in ${ticket.estate}: ${ticket.number} was not announced`);
    return [reply(message, ownerT.recorded(ticket, this.faqAnswer(ticket))), ...notices];
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

  private async record(message: IncomingMessage, chat: ChatConfig | undefined, draft: Draft & { description: string }): Promise<Ticket> {
    const now = this.deps.clock.now().toISOString();
    const estate = this.estateFor(chat);
    const owner: Owner = {
      platform: message.chat.platform,
      id: message.sender.id,
      displayName: message.sender.displayName,
      ...(draft.location?.kind === 'room' && { room: draft.location.text }),
      ...(draft.phone && { phone: draft.phone }),
    };
    const by: Actor = { kind: 'owner', platform: owner.platform, id: owner.id, name: owner.displayName };
    const faq = this.faqAnswer({ category: draft.category, estate: estate.id, description: draft.description });
    const ticket = await this.deps.store.createTicket({
      estate: estate.id,
      owner,
      created: {
        type: 'created',
        at: now,
        by,
        via: `${message.chat.platform}:${message.chat.id}`,
        category: draft.category,
        clause: draft.clause,
        unit: draft.unit,
        description: draft.description,
        major: draft.major,
        channel: 'chat',
        ...(draft.party && { party: draft.party }),
        ...(draft.location && { location: draft.location }),
        ...(draft.appointmentAt && { appointmentAt: draft.appointmentAt }),
        ...(draft.appointmentEnd && { appointmentEnd: draft.appointmentEnd }),
        ...(draft.attachments.length > 0 && { attachments: draft.attachments }),
      },
      // Recorded only now, after the read-back was confirmed (policy 4.1.1); dispatch and notices in the same write.
      then: [
        { type: 'confirmed', at: now, by },
        ...(await openingEvents({ unit: draft.unit, estate: estate.id, major: draft.major }, this.openingDeps(), now)),
        // A consultation the FAQ answers is handled there and then (docs/timeliness.md J7), not left 待受理.
        ...(faq ? [{ type: 'completed' as const, at: now, by: { kind: 'system' as const, name: this.deps.config.botName }, result: ownerT.faqResult(faq) }] : []),
      ],
    });
    await this.sessions.rememberOwner(person(message), message.sender.displayName, draft);
    return ticket;
  }

  private openingDeps() {
    return { config: this.deps.config, store: this.deps.store, directory: this.directory };
  }

  /** Consultations are answered from the estate's FAQ where its words match (policy 5.1). */
  private faqAnswer(ticket: Pick<Ticket, 'category' | 'estate' | 'description'>): string | undefined {
    if (ticket.category !== 'consult') return undefined;
    const estate = this.directory.estate(ticket.estate);
    return estate?.faq.find((entry) => entry.keywords.every((k) => ticket.description.includes(k)))?.answer;
  }

  private ownerContext(message: IncomingMessage): OwnerContext {
    return { store: this.deps.store, notifier: this.notifier, directory: this.directory, clock: this.deps.clock, config: this.deps.config, message };
  }

  private answer(message: IncomingMessage, output: OwnerOutput, quickReplies?: QuickReply[]): OutgoingMessage[] {
    return [{ ...reply(message, output.reply), ...(quickReplies && { quickReplies }) }, ...output.notices];
  }

  private async runOwnerCommand(message: IncomingMessage, chat: ChatConfig | undefined, name: string, args: string): Promise<OutgoingMessage[]> {
    const ctx = this.ownerContext(message);
    switch (name) {
      case 'card':
        return [reply(message, t.serviceCard(this.estateFor(chat)))];
      case 'help':
        return [reply(message, t.help(false))];
      case 'cancel':
        return this.answer(message, await ownerCancel(ctx, args));
      case 'chase':
        return this.answer(message, await chase(ctx, args));
      case 'supplement':
        return this.answer(message, await supplement(ctx, args));
      default:
        return [reply(message, await ownerQuery(ctx, args))];
    }
  }

  /** One boundary for staff commands: a wrong command gets one line saying what is wrong, and nothing changes. */
  private async runStaffCommand(message: IncomingMessage, staff: StaffConfig, name: string, args: string): Promise<OutgoingMessage[]> {
    const command = STAFF_COMMAND_TABLE[name]!;
    const ctx: StaffContext = {
      store: this.deps.store,
      directory: this.directory,
      notifier: this.notifier,
      clock: this.deps.clock,
      config: this.deps.config,
      staff,
      message,
      log: this.log,
      ...(this.deps.classify && { classify: this.deps.classify }),
    };
    try {
      const { reply: text, notices } = await command.run(ctx, args);
      return [reply(message, text), ...notices];
    } catch (error) {
      if (error instanceof CommandError) return [reply(message, error.message)];
      if (error instanceof TransitionError) return [reply(message, error.userMessage)];
      if (error instanceof UnknownTicketError) return [reply(message, t.unknownTicket(error.number))];
      throw error;
    }
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
        if (!ended || ended.kind === 'offer' || ended.kind === 'urgent') return;
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

  private intakeEnv(): IntakeEnv {
    return { now: this.deps.clock.now(), timeoutMs: this.timeoutMs(), timezone: this.timezone, words: this.intakeWords };
  }

  private timeoutMs(): number {
    return this.deps.config.sla.intakeTimeoutMinutes * 60_000;
  }
}

function toVerdict(c: ReturnType<ClassifyFn> | undefined): Verdict | undefined {
  if (!c || c.label === 'other' || !c.unit || !c.clause) return undefined;
  return { category: c.label, clause: c.clause, unit: c.unit, major: c.major, ...(c.party && { party: c.party }) };
}

/** One session per person per chat: two owners in one group never share an intake. */
function sessionKey(message: IncomingMessage): string {
  return `${message.chat.platform}:${message.chat.id}:${message.sender.id}`;
}

/** Words only staff may use, and any staff word followed by a ticket number: an owner typing them gets a refusal. */
const STAFF_ONLY = new Set(['接单', '派单', '待办', '超时', '定性', '升级', '回访', 'accept', 'assign', 'todo', 'overdue', 'escalate', 'visit']);

function looksLikeStaffCommand(text: string): boolean {
  const command = parseCommand(text, STAFF_WORDS);
  if (!command) return false;
  const word = /^\/?([A-Za-z]+|[\u4e00-\u9fa5]+?)(?=[\s@A-Za-z\d]|$)/.exec(text.trim())?.[1]?.toLowerCase() ?? '';
  return STAFF_ONLY.has(word) || parseTicketNumber(command.args.split(/\s+/)[0] ?? '') !== undefined;
}

function person(message: IncomingMessage): Person {
  return { platform: message.chat.platform, id: message.sender.id };
}

function addressed(message: IncomingMessage): boolean {
  return message.mentionsBot || message.chat.kind === 'private';
}

/** A reply that names the owner it answers in a group, so two owners interleaving can tell theirs apart. */
function toSender(message: IncomingMessage, text: string): OutgoingMessage {
  return reply(message, message.chat.kind === 'group' ? `@${message.sender.displayName} ${text}` : text);
}

function reply(message: IncomingMessage, text: string): OutgoingMessage {
  return { chat: { platform: message.chat.platform, id: message.chat.id }, text, replyTo: message.id };
}

