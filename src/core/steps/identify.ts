import { sanitizeText } from '../../conversation/extract.ts';
import type { IncomingMessage } from '../../messages.ts';
import type { BotServices, Turn } from './turn.ts';

/**
 * The start of the path: the text sanitised (control characters, bidi overrides, invisible marks: conversation/extract.ts), the
 * chat and the sender identified through the directory, before any step looks at them.
 */
export function identify(message: IncomingMessage, key: string, bot: BotServices): Turn {
  const { directory } = bot.deps;
  return {
    message,
    key,
    text: sanitizeText(message.text),
    attachments: message.attachments.map((a) => a.ref),
    chat: directory.chat(message.chat.platform, message.chat.id),
    staff: directory.staffMember(message.chat.platform, message.sender.id),
    isPrivate: message.chat.kind === 'private',
    bot,
  };
}
