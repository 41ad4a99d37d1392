import { parseCommand } from '../../commands/parse.ts';
import { CommandError, onlyCandidates, type StaffContext } from '../../commands/staff/context.ts';
import { arrivalCandidates, isBareAccept, isBareArrival } from '../../commands/staff/arrival.ts';
import { askedHeld, askedView } from '../../commands/staff/asked-view.ts';
import { askedAbout, assignWithoutNumber, embeddedCommand, nearMiss, numberFirst, numberInside } from '../../commands/staff/near-miss.ts';
import { STAFF_AND_OWNER_WORDS, STAFF_COMMAND_TABLE, STAFF_WORDS } from '../../commands/staff/registry.ts';
import { UNIT_WORDS } from '../../commands/staff/words.ts';
import { COMMAND_VOCABULARY } from '../../commands/vocabulary.ts';
import { TransitionError } from '../../domain/state-machine.ts';
import type { OutgoingMessage } from '../../messages.ts';
import { UnknownTicketError } from '../../store/store.ts';
import { staffT, t } from '../../templates.ts';
import { reply } from './replies.ts';
import type { MessageStep, Turn } from './turn.ts';

/** The asker in place of a name (rules/vocabulary/commands.yaml asked.self). */
const SELF: readonly string[] = COMMAND_VOCABULARY.asked.self ?? [];

/** Staff commands, in any chat; in staff chats also a command inside a sentence, and a hint for a near miss (§4). */
export const staffCommand: MessageStep = {
  name: 'staff command',
  async run(turn) {
    const { message, text, staff, chat, isPrivate } = turn;
    if (!staff) return undefined;
    const command = parseCommand(text, STAFF_AND_OWNER_WORDS, { aspect: true });
    if (command?.name === 'card') return [reply(message, t.serviceCard(turn.bot.estateFor(chat)))];
    if (command && STAFF_COMMAND_TABLE[command.name]) return runStaffCommand(turn, command.name, command.args);
    if (!isPrivate && chat?.role === 'owners') {
      // "及时率", "张工的及时率", "我的待办" in the owners' group: refused as 日报 and 待办 are there (the command says
      // why), not silence, and never the figures or the list where every owner reads along.
      const view = askedView(text, [...turn.bot.deps.config.staff.map((s) => s.name), ...Object.keys(UNIT_WORDS), ...SELF]);
      return view ? runStaffCommand(turn, view.name, view.args) : undefined;
    }
    const embedded = embeddedCommand(text);
    const inner = embedded ? parseCommand(embedded, STAFF_WORDS) : undefined;
    if (inner && STAFF_COMMAND_TABLE[inner.name]) return runStaffCommand(turn, inner.name, inner.args);
    const first =
      numberFirst(text, turn.bot.deps.clock.now(), turn.bot.deps.config.timezone) ??
      numberInside(text, turn.bot.deps.clock.now(), turn.bot.deps.config.timezone);
    if (first && STAFF_COMMAND_TABLE[first.name]) return runStaffCommand(turn, first.name, first.args);
    // "派给张工吧" under a notice: the ticket waiting to be sent.
    const assignTo = assignWithoutNumber(text);
    if (assignTo !== undefined) return runStaffCommand(turn, 'assign', assignTo);
    if (isBareArrival(text)) {
      // "到了" alone: the one emergency this person was sent to or the one job in their hands; several are listed.
      const found = await arrivalCandidates(turn.bot.deps.store, staff);
      if (found.length === 1) return runStaffCommand(turn, 'reply', `${found[0]!.number} ${staffT.arrived}`);
      const tz = turn.bot.deps.config.timezone;
      if (found.length > 1) return [reply(message, staffT.whichTicket(`到了 ${found.at(-1)!.number}`, found.slice(-5).map((x) => t.ticketLine(x, tz))))];
    }
    // "接了" alone takes the one waiting ticket as 接单 alone does; with nothing waiting it is talk, and left alone.
    if (isBareAccept(text) && (await onlyCandidates(turn.bot.deps.store, staff, 'waiting')).length > 0) return runStaffCommand(turn, 'accept', '');
    const view = askedView(text, [...turn.bot.deps.config.staff.map((s) => s.name), ...Object.keys(UNIT_WORDS), ...SELF]);
    // "我的及时率": the asker's own rate, by their name (an engineer may see their own, reports.ts).
    if (view) return runStaffCommand(turn, view.name, view.args.split(' ').map((w) => (SELF.includes(w) ? staff.name : w)).join(' '));
    const holder = askedHeld(text, turn.bot.deps.config.staff.map((s) => s.name));
    if (holder) return runStaffCommand(turn, 'todo', holder);
    // "R0001怎么回事" from a manager: what 查 R0001 shows, rather than a list of commands to choose from.
    const asked = askedAbout(text);
    if (asked) return runStaffCommand(turn, 'show', asked);
    const miss = nearMiss(text);
    if (miss) return [reply(message, staffT.didYouMean(miss.word, miss.form))];
    return undefined;
  },
};

/** One boundary for staff commands: a wrong command gets one line saying what is wrong, and nothing changes. */
async function runStaffCommand(turn: Turn, name: string, args: string): Promise<OutgoingMessage[]> {
  const { message, bot } = turn;
  const command = STAFF_COMMAND_TABLE[name]!;
  const { deps } = bot;
  const ctx: StaffContext = {
    store: deps.store,
    directory: deps.directory,
    notifier: deps.notifier,
    clock: deps.clock,
    config: deps.config,
    staff: turn.staff!,
    message,
    log: (line) => bot.log(line),
    ...(deps.classify && { classify: deps.classify }),
    ...(deps.urgent && { urgent: deps.urgent }),
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
