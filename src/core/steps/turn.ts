import type { Clock } from '../../clock.ts';
import type { OwnerContext, OwnerOutput } from '../../commands/owner/context.ts';
import type { ResolvedConfig as Config } from '../../config/load.ts';
import type { ChatConfig, Estate, StaffConfig } from '../../config/schema.ts';
import type { ClassifyFn } from '../../conversation/classify-fn.ts';
import type { IntakeEnv, IntakeOutcome } from '../../conversation/intake.ts';
import type { IntakeWords } from '../../conversation/intake-words.ts';
import type { SessionStore } from '../../conversation/sessions.ts';
import type { Verdict } from '../../conversation/triggers.ts';
import type { SameEventWords, UrgentKind, UrgentMatch, UrgentMatcher, UrgentSession } from '../../conversation/urgent.ts';
import type { IncomingMessage, OutgoingMessage } from '../../messages.ts';
import type { Directory } from '../../services/directory.ts';
import type { Notifier } from '../../services/notifier.ts';
import type { Store } from '../../store/store.ts';
import type { Step } from './compose.ts';

/** What the bot is built from (by the composition root, app/). */
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
  urgent?: { match: UrgentMatcher; kinds: UrgentKind[]; sameEvent?: SameEventWords };
  /** Appointment and correction words (rules/conversation/intake.yaml); the shipped ones when not given. */
  intakeWords?: IntakeWords;
}

/**
 * What the bot does for the steps: the effects (recording a ticket, keeping a session, alerting) stay in one place
 * (core/bot.ts) while the steps decide which one this message gets.
 */
export interface BotServices {
  readonly deps: BotDeps;
  readonly sessions: SessionStore;
  readonly intakeWords: IntakeWords;
  log(line: string): void;
  estateFor(chat: ChatConfig | undefined): Estate;
  ownerContext(message: IncomingMessage): OwnerContext;
  answer(message: IncomingMessage, output: OwnerOutput): OutgoingMessage[];
  /** The intake's environment; the chat's estate answers questions from its FAQ. */
  intakeEnv(chat?: ChatConfig): IntakeEnv;
  timeoutMs(): number;
  /** The replies of a message that recorded a ticket before a restart, if this is that message again (issue 17). */
  recordedAgain(turn: Turn): Promise<OutgoingMessage[] | undefined>;
  /** The intake's outcome performed: the session kept or ended, the ticket recorded. */
  perform(turn: Turn, outcome: IntakeOutcome): Promise<OutgoingMessage[]>;
  /** `also`: a second matter said in the same message, offered once this one is recorded (another-matter.ts). */
  startFor(turn: Turn, verdict: Verdict, text: string, attachments: string[], also?: { text: string; verdict: Verdict }): Promise<OutgoingMessage[]>;
  emergency(turn: Turn, match: UrgentMatch): Promise<OutgoingMessage[]>;
  /** Relays an owner's words to an emergency's responders; `open` while the work is still to be done. */
  followUpEmergency(turn: Turn, session: UrgentSession): Promise<{ out: OutgoingMessage[]; open: boolean } | undefined>;
  /** The unprompted offer; without a verdict it asks which kind the matter is. */
  offer(turn: Turn, chat: ChatConfig, verdict: Verdict | undefined): Promise<OutgoingMessage[]>;
  /** Asks an owner who addressed the bot which kind of matter their words are (the classifier could not tell). */
  /** hint: the owner said yes without a kind; the reply says which words are wanted instead of the question again. */
  askKind(turn: Turn, text: string, attachments: string[], hint?: boolean): Promise<OutgoingMessage[]>;
}

/** One message on its way through the steps (grammY's Context): what is known of it, filled in as it goes. */
export interface Turn {
  readonly message: IncomingMessage;
  /** One session per person per chat. */
  readonly key: string;
  /** The text, sanitised (conversation/extract.ts). */
  readonly text: string;
  readonly attachments: string[];
  /** The configured chat, if this is one; unconfigured private chats are undefined too. */
  readonly chat: ChatConfig | undefined;
  /** The sender, if staff. */
  readonly staff: StaffConfig | undefined;
  readonly isPrivate: boolean;
  readonly bot: BotServices;
  /** Set by classify-and-start when it passes, for the offer. */
  verdict?: Verdict;
  classified?: ReturnType<ClassifyFn>;
}

export type MessageStep = Step<Turn, OutgoingMessage[]>;
