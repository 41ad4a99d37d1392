import type { Clock } from '../clock.ts';
import type { ResolvedConfig as Config } from '../config/load.ts';
import type { ChatConfig } from '../config/schema.ts';
import { OWNER_COMMANDS } from '../commands/aliases.ts';
import { ownerCancel } from '../commands/owner-cancel.ts';
import { CommandError, type StaffContext } from '../commands/staff/context.ts';
import { STAFF_COMMAND_TABLE, STAFF_WORDS } from '../commands/staff/registry.ts';
import type { StaffConfig } from '../config/schema.ts';
import { TransitionError } from '../domain/state-machine.ts';
import { parseTicketNumber } from '../domain/ticket-number.ts';
import { UnknownTicketError } from '../store/store.ts';
import { dispatchNew } from './dispatch.ts';
import { Notifier } from './notifier.ts';
import { parseCommand } from '../commands/parse.ts';
import { runQuery } from '../commands/query.ts';
import { sanitizeText } from '../conversation/extract.ts';
import { continueIntake, type Draft, type IntakeOutcome, IntakeStateSchema, type OwnerProfile, startIntake } from '../conversation/intake.ts';
import { defaultVerdict, findTrigger, type Verdict } from '../conversation/triggers.ts';
import type { Label } from '../domain/category.ts';
import { type Actor, type Owner, personKey } from '../domain/people.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { IncomingMessage, OutgoingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { t } from '../templates.ts';
import { Directory } from './directory.ts';
import { KeyedQueue } from './keyed-queue.ts';

/** What the classifier tells the core; `other` is chatter. */
export type ClassifyFn = (text: string) => {
  label: Label;
  clause: string | null;
  unit: Verdict['unit'] | null;
  party?: Verdict['party'];
  major: boolean;
};

export interface BotDeps {
  config: Config;
  store: Store;
  clock: Clock;
  /** Optional until rules are loaded; without it, trigger words alone decide the category. */
  classify?: ClassifyFn;
  log?: (line: string) => void;
}

/** Longer than any real request; past it the bot asks for a shorter message instead of processing it. */
export const MAX_TEXT = 2000;

const SESSIONS = 'sessions';
const OWNERS = 'owners';

interface OwnerRecord extends OwnerProfile {
  displayName: string;
  cardShown?: boolean;
}

/**
 * The core: one incoming message in, the messages to send out. Knows chats and people only through the Directory,
 * stores only through the Store, and time only through the Clock.
 */
export class Bot {
  readonly directory: Directory;
  private readonly notifier: Notifier;
  private readonly queue = new KeyedQueue();
  private readonly log: (line: string) => void;

  constructor(private readonly deps: BotDeps) {
    this.directory = new Directory(deps.config);
    this.log = deps.log ?? (() => {});
    this.notifier = new Notifier(deps.store, this.directory, deps.clock, deps.config.botName);
  }

  private get timezone(): string {
    return this.deps.config.timezone;
  }

  async handle(message: IncomingMessage): Promise<OutgoingMessage[]> {
    const key = `${message.chat.platform}:${message.chat.id}:${message.sender.id}`;
    return this.queue.run(key, async () => {
      try {
        return await this.route(message, key);
      } catch (error) {
        // One boundary per message: the person gets a short answer, the log gets the detail.
        this.log(`error handling ${message.chat.platform}:${message.chat.id}/${message.id}: ${(error as Error).stack ?? error}`);
        return addressed(message) ? [reply(message, t.internalError())] : [];
      }
    });
  }

  private async route(message: IncomingMessage, key: string): Promise<OutgoingMessage[]> {
    const text = sanitizeText(message.text);
    const chat = this.directory.chat(message.chat.platform, message.chat.id);
    const staff = this.directory.staffMember(message.chat.platform, message.sender.id);
    const isPrivate = message.chat.kind === 'private';
    // Unconfigured groups are someone else's: the bot keeps out of them.
    if (!isPrivate && !chat) return [];
    if (!text) return [];
    if (text.length > MAX_TEXT) return addressed(message) || isPrivate ? [reply(message, t.tooLong(MAX_TEXT))] : [];

    const ownerSide = isPrivate ? !staff : chat?.role === 'owners';
    if (staff) {
      const command = parseCommand(text, { ...OWNER_COMMANDS, ...STAFF_WORDS });
      if (command?.name === 'card') return [reply(message, t.serviceCard(this.estateFor(chat) ?? this.deps.config.estates[0]!))];
      if (command) return this.runStaffCommand(message, staff, command.name, command.args);
    } else {
      const command = parseCommand(text, OWNER_COMMANDS);
      // A bare 取消 belongs to the intake in progress; 取消 R0001 cancels a recorded ticket.
      const cancelsIntake = command?.name === 'cancel' && !parseTicketNumber(command.args.split(/\s+/)[0] ?? '');
      if (command && !cancelsIntake) return this.runOwnerCommand(message, chat, command.name, command.args);
      if (looksLikeStaffCommand(text)) {
        this.log(`refused staff command from non-staff ${message.chat.platform}:${message.sender.id} in ${message.chat.id}: ${text.slice(0, 40)}`);
        return [reply(message, t.staffOnly())];
      }
    }
    const session = ownerSide ? await this.loadSession(key) : undefined;
    if (!ownerSide) return [];

    if (session) return this.perform(message, key, chat, continueIntake(session, text, this.deps.clock.now(), this.timeoutMs()));

    const trigger = findTrigger(text);
    const verdict = this.verdictFor(trigger ? trigger.rest || text : text, trigger?.category);
    if (!verdict) {
      // In a group, unaddressed chatter is left alone; addressed messages and private chats get the help text.
      return addressed(message) || isPrivate ? [reply(message, t.help(false))] : [];
    }
    if (!trigger && !addressed(message) && !isPrivate) return [];
    const profile = await this.ownerRecord(message);
    const outcome = startIntake(verdict, trigger ? trigger.rest : text, profile ?? {}, this.deps.clock.now(), this.timeoutMs());
    const out = await this.perform(message, key, chat, outcome);
    return [...(await this.firstContactCard(message, chat)), ...out];
  }

  /** A trigger word fixes the request kind unless the classifier knows better (e.g. 报修 for an upstairs leak is assist). */
  private verdictFor(text: string, triggered: Verdict['category'] | undefined): Verdict | undefined {
    const c = this.deps.classify?.(text);
    if (c && c.label !== 'other' && c.unit && c.clause) {
      return { category: c.label, clause: c.clause, unit: c.unit, major: c.major, ...(c.party && { party: c.party }) };
    }
    return triggered ? defaultVerdict(triggered) : undefined;
  }

  private async perform(message: IncomingMessage, key: string, chat: ChatConfig | undefined, outcome: IntakeOutcome): Promise<OutgoingMessage[]> {
    switch (outcome.kind) {
      case 'ask':
        await this.deps.store.putRecord(SESSIONS, key, outcome.state);
        return [reply(message, outcome.reply)];
      case 'cancel':
        await this.deps.store.deleteRecord(SESSIONS, key);
        return [reply(message, outcome.reply)];
      case 'record': {
        const ticket = await this.record(message, chat, outcome.draft);
        // The session ends only after the ticket is durable: a crash in between leaves a draft, never a lost ticket.
        await this.deps.store.deleteRecord(SESSIONS, key);
        const notices = await this.notifyUnits(ticket);
        return [reply(message, t.recorded(ticket)), ...notices];
      }
    }
  }

  private async record(message: IncomingMessage, chat: ChatConfig | undefined, draft: Draft & { description: string }): Promise<Ticket> {
    const now = this.deps.clock.now().toISOString();
    const estate = this.estateFor(chat) ?? this.deps.config.estates[0]!;
    const owner: Owner = {
      platform: message.chat.platform,
      id: message.sender.id,
      displayName: message.sender.displayName,
      ...(draft.location?.kind === 'room' && { room: draft.location.text }),
      ...(draft.phone && { phone: draft.phone }),
    };
    const by: Actor = { kind: 'owner', platform: owner.platform, id: owner.id, name: owner.displayName };
    let ticket = await this.deps.store.createTicket({
      estate: estate.id,
      owner,
      created: {
        type: 'created',
        at: now,
        by,
        category: draft.category,
        clause: draft.clause,
        unit: draft.unit,
        description: draft.description,
        major: draft.major,
        channel: 'chat',
        via: `${message.chat.platform}:${message.chat.id}`,
        ...(draft.party && { party: draft.party }),
        ...(draft.location && { location: draft.location }),
      },
    });
    ticket = await this.deps.store.appendEvent(ticket.number, { type: 'confirmed', at: now, by });
    await this.rememberOwner(message, draft);
    return dispatchNew(ticket, { ...this.deps, directory: this.directory });
  }

  /** Policy 4.1.1 报告: the responsible unit hears at once; major matters also go to leadership (3.1). */
  private async notifyUnits(ticket: Ticket): Promise<OutgoingMessage[]> {
    const out = await this.notifier.announce(ticket, this.timezone);
    if (out.length === 0) this.log(`no chat configured for ${ticket.unit} in ${ticket.estate}: ${ticket.number} was not announced`);
    return out;
  }

  private async runOwnerCommand(message: IncomingMessage, chat: ChatConfig | undefined, name: string, args: string): Promise<OutgoingMessage[]> {
    if (name === 'card') return [reply(message, t.serviceCard(this.estateFor(chat) ?? this.deps.config.estates[0]!))];
    if (name === 'help') return [reply(message, t.help(false))];
    if (name === 'cancel') {
      const { reply: text, notices } = await ownerCancel({ store: this.deps.store, notifier: this.notifier, now: this.deps.clock.now() }, message, args);
      return [reply(message, text), ...notices];
    }
    const answer = await runQuery(
      this.deps.store,
      args,
      { platform: message.chat.platform, id: message.sender.id, isStaff: false, privateChat: message.chat.kind === 'private' },
      this.timezone,
    );
    return [reply(message, answer)];
  }

  /** One boundary for staff commands: a wrong command gets one line saying what is wrong, and nothing changes. */
  private async runStaffCommand(message: IncomingMessage, staff: StaffConfig, name: string, args: string): Promise<OutgoingMessage[]> {
    const command = STAFF_COMMAND_TABLE[name];
    if (!command) return [];
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

  private async loadSession(key: string) {
    const raw = await this.deps.store.getRecord<unknown>(SESSIONS, key);
    if (raw === undefined) return undefined;
    const parsed = IntakeStateSchema.safeParse(raw);
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= this.deps.clock.now().getTime()) {
      await this.deps.store.deleteRecord(SESSIONS, key);
      return undefined;
    }
    return parsed.data;
  }

  private async ownerRecord(message: IncomingMessage): Promise<OwnerRecord | undefined> {
    return this.deps.store.getRecord<OwnerRecord>(OWNERS, personKey({ platform: message.chat.platform, id: message.sender.id }));
  }

  /** Remembers room and phone so the owner is not asked again next time (policy 4.1.1 asks only what is missing). */
  private async rememberOwner(message: IncomingMessage, draft: Draft): Promise<void> {
    const key = personKey({ platform: message.chat.platform, id: message.sender.id });
    const known = (await this.deps.store.getRecord<OwnerRecord>(OWNERS, key)) ?? { displayName: message.sender.displayName };
    await this.deps.store.putRecord(OWNERS, key, {
      ...known,
      displayName: message.sender.displayName,
      ...(draft.location?.kind === 'room' && { room: draft.location }),
      ...(draft.phone && { phone: draft.phone }),
    });
  }

  /** Policy 5.1: an owner talking to the bot for the first time gets the service card once. */
  private async firstContactCard(message: IncomingMessage, chat: ChatConfig | undefined): Promise<OutgoingMessage[]> {
    const key = personKey({ platform: message.chat.platform, id: message.sender.id });
    const known = await this.deps.store.getRecord<OwnerRecord>(OWNERS, key);
    if (known?.cardShown) return [];
    await this.deps.store.putRecord(OWNERS, key, { ...(known ?? { displayName: message.sender.displayName }), cardShown: true });
    return [reply(message, t.serviceCard(this.estateFor(chat) ?? this.deps.config.estates[0]!))];
  }

  private estateFor(chat: ChatConfig | undefined) {
    return this.directory.estate(chat?.estate) ?? this.directory.defaultEstate();
  }

  private timeoutMs(): number {
    return this.deps.config.sla.intakeTimeoutMinutes * 60_000;
  }
}

/** Words only staff may use, and any staff word followed by a ticket number: an owner typing them gets a refusal. */
const STAFF_ONLY = new Set(['接单', '派单', '待办', '超时', '定性', '升级', '回访', 'accept', 'assign', 'todo', 'overdue', 'escalate', 'visit']);

function looksLikeStaffCommand(text: string): boolean {
  const command = parseCommand(text, STAFF_WORDS);
  if (!command) return false;
  const word = /^\/?([A-Za-z]+|[\u4e00-\u9fa5]+?)(?=[\s@A-Za-z\d]|$)/.exec(text.trim())?.[1]?.toLowerCase() ?? '';
  return STAFF_ONLY.has(word) || parseTicketNumber(command.args.split(/\s+/)[0] ?? '') !== undefined;
}

function addressed(message: IncomingMessage): boolean {
  return message.mentionsBot || message.chat.kind === 'private';
}

function reply(message: IncomingMessage, text: string): OutgoingMessage {
  return { chat: { platform: message.chat.platform, id: message.chat.id }, text, replyTo: message.id };
}
