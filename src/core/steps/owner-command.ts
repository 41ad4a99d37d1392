import { OWNER_COMMANDS } from '../../commands/aliases.ts';
import { ownerCancel } from '../../commands/owner/cancel.ts';
import { chase } from '../../commands/owner/chase.ts';
import { ownerQuery } from '../../commands/owner/query.ts';
import { SUPPLEMENTED, supplement } from '../../commands/owner/supplement.ts';
import { ownTicket } from '../../commands/owner/context.ts';
import { parseCommand } from '../../commands/parse.ts';
import { STAFF_WORDS } from '../../commands/staff/registry.ts';
import { parseTicketNumber } from '../../domain/ticket-number.ts';
import { commandWordAlone, ticketNumberSaid } from '../../conversation/ticket-number-said.ts';
import type { OutgoingMessage } from '../../messages.ts';
import { ownerT, t } from '../../templates.ts';
import { askedView } from '../../commands/staff/asked-view.ts';
import { COMMAND_VOCABULARY } from '../../commands/vocabulary.ts';
import { addressed, reply } from './replies.ts';
import type { MessageStep, Turn } from './turn.ts';

/** Owners' commands (查询, 催单, 取消 R0001 …), and a refusal when an owner types one only staff may use. */
export const ownerCommand: MessageStep = {
  name: 'owner command',
  async run(turn) {
    const { message, text, staff } = turn;
    if (staff) return undefined;
    // "R0001 取消", "R0001 催单": the number said first, then the command (seen in play: silence in the group, where
    // 取消 R0001 cancels). Read as the command with the number after it. Polite words may come before it ("帮我把R0001
    // 取消掉", ticket-number-said.ts).
    const numberFirst = ticketNumberSaid(text);
    const after = numberFirst?.rest ? parseCommand(commandWordAlone(numberFirst.rest), OWNER_COMMANDS) : undefined;
    if (numberFirst && after && NUMBER_FIRST_COMMANDS.has(after.name)) return runOwnerCommand(turn, after.name, `${numberFirst.number} ${after.args}`.trim());
    const command = parseCommand(text, OWNER_COMMANDS);
    // A bare 取消 belongs to the intake in progress; 取消 R0001 cancels a recorded ticket.
    const cancelsIntake = command?.name === 'cancel' && !parseTicketNumber(command.args.split(/\s+/)[0] ?? '');
    // 服务卡 / 电话 take no words: "电话 139 0013 9000" gives a number (a correction at the read-back, issue 16 §3).
    const givesNumber = command?.name === 'card' && command.args !== '';
    if (command && !cancelsIntake && !givesNumber) return runOwnerCommand(turn, command.name, command.args);
    if (looksLikeStaffCommand(text)) {
      turn.bot.log(`refused staff command from non-staff ${message.chat.platform}:${message.sender.id} in ${message.chat.id}: ${text.slice(0, 40)}`);
      return [reply(message, t.staffOnly())];
    }
    // "及时率", "你们这个月及时率多少": the office's own monthly figure (policy 5.5), asked by an owner. Seen in play: silence
    // in the owners' group, and 请问这是报修、投诉还是咨询 when said to the bot. The owner hears what it is and where their
    // own matters stand, and how to complain about the service (5.1). 月报 and 日报 stay refused as staff's commands.
    const asked = askedView(text, COMMAND_VOCABULARY.asked.owner_who ?? []);
    if (asked && RATE_WORDS.some((w) => asked.args.split(' ').includes(w))) return [reply(message, ownerT.figuresAsked(turn.bot.estateFor(turn.chat)))];
    return undefined;
  },
};

const RATE_WORDS: readonly string[] = COMMAND_VOCABULARY.asked.words.rate ?? [];

/** The commands that act on one ticket, which may be said after its number. */
const NUMBER_FIRST_COMMANDS = new Set(['cancel', 'chase', 'supplement', 'query']);

async function runOwnerCommand(turn: Turn, name: string, args: string): Promise<OutgoingMessage[]> {
  const { message, bot } = turn;
  const ctx = bot.ownerContext(message);
  switch (name) {
    case 'card':
      return [reply(message, t.serviceCard(bot.estateFor(turn.chat)))];
    case 'help':
      return [reply(message, t.help(false))];
    case 'cancel':
      return bot.answer(message, await ownerCancel(ctx, args));
    case 'chase':
      return bot.answer(message, await chase(ctx, args));
    case 'supplement': {
      // "补充一下 楼下超市周末打八折" from someone with nothing in progress is talk to the neighbours: the group does not
      // hear 没有找到您正在处理中的事项 (said to the bot, or with a number, it still does).
      const numbered = parseTicketNumber(args.split(/\s+/)[0] ?? '') !== undefined;
      if (!numbered && !addressed(message) && 'error' in (await ownTicket(ctx, '', SUPPLEMENTED))) return [];
      return bot.answer(message, await supplement(ctx, args));
    }
    default:
      return [reply(message, await ownerQuery(ctx, args))];
  }
}

/**
 * Words only staff may use, and any staff word followed by a ticket number: an owner typing them gets a refusal. The
 * reports (日报, 月报, 督办) too: someone not (yet) in the staff list typing 日报 in the office chat met silence, and so
 * did an owner's 月报 in the owners' group (seen in play), where 接单 and 待办 were refused.
 */
const STAFF_ONLY = new Set(['接单', '派单', '待办', '超时', '定性', '升级', '回访', '日报', '月报', '督办', 'accept', 'assign', 'todo', 'overdue', 'escalate', 'visit', 'daily', 'monthly', 'urge']);

function looksLikeStaffCommand(text: string): boolean {
  const command = parseCommand(text, STAFF_WORDS);
  if (!command) return false;
  const word = /^\/?([A-Za-z]+|[\u4e00-\u9fa5]+?)(?=[\s@A-Za-z\d]|$)/.exec(text.trim())?.[1]?.toLowerCase() ?? '';
  return STAFF_ONLY.has(word) || parseTicketNumber(command.args.split(/\s+/)[0] ?? '') !== undefined;
}
