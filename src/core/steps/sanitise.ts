import { parseCommand } from '../../commands/parse.ts';
import { STAFF_AND_OWNER_WORDS } from '../../commands/staff/registry.ts';
import { findTrigger } from '../../conversation/triggers.ts';
import { t } from '../../templates.ts';
import { addressed, toSender } from './replies.ts';
import type { MessageStep } from './turn.ts';

/**
 * Longer than any real report (Telegram itself stops at 4,096): past it the sender is told plainly that nothing was
 * recorded. Below it a long report is recorded whole and read back shortened (issue 16 §5, templates `shortened`).
 */
export const MAX_TEXT = 10_000;

/** What the bot must not act on at all: other people's groups, empty messages, texts past MAX_TEXT. */
export const sanitise: MessageStep = {
  name: 'sanitise',
  run({ message, text, attachments, chat, isPrivate }) {
    // Unconfigured groups are someone else's: the bot keeps out of them.
    if (!isPrivate && !chat) return [];
    if (!text && attachments.length === 0) return [];
    // Refused out loud whenever the bot would have acted on it (addressed, a trigger word, a command); other long
    // group chatter is nobody's request.
    if (text.length > MAX_TEXT) {
      const meant = addressed(message) || findTrigger(text) !== undefined || parseCommand(text, STAFF_AND_OWNER_WORDS) !== undefined;
      return meant ? [toSender(message, t.tooLong(text.length, MAX_TEXT))] : [];
    }
    return undefined;
  },
};
