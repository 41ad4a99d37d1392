import type { IncomingMessage, OutgoingMessage } from '../../messages.ts';

/** Private chats are always addressed to the bot; in a group, only a mention is. */
export function addressed(message: IncomingMessage): boolean {
  return message.mentionsBot || message.chat.kind === 'private';
}

/** A reply that names the owner it answers in a group, so two owners interleaving can tell theirs apart. */
export function toSender(message: IncomingMessage, text: string): OutgoingMessage {
  return reply(message, message.chat.kind === 'group' ? `@${message.sender.displayName} ${text}` : text);
}

export function reply(message: IncomingMessage, text: string): OutgoingMessage {
  return { chat: { platform: message.chat.platform, id: message.chat.id }, text, replyTo: message.id };
}
