import type { QuickReply } from '../../src/messages.ts';

/**
 * Pure text helpers for the WeChat adapter: WeChat has no buttons and marks @-mentions with U+2005.
 */

/** WeChat's mention separator, typed by clients after "@name". */
export const AT_SEPARATOR = '\u2005';

/** A config chat id of this form names a group by its exact topic, for puppets whose room ids change per login. */
export const TOPIC_PREFIX = 'topic:';

export function topicOf(chatId: string): string | undefined {
  return chatId.startsWith(TOPIC_PREFIX) ? chatId.slice(TOPIC_PREFIX.length) : undefined;
}

/**
 * Buttons become one typed line, "回复「确认」/「修改」/「取消」", unless the text already quotes a choice in 「」 (the
 * read-back already says 回复「确认」登记…): WeChat shows no buttons, and saying it twice is noise.
 */
export function withTypedChoices(text: string, quickReplies: QuickReply[] | undefined): string {
  if (!quickReplies?.length) return text;
  // Already spelled out: the text itself tells people what to reply, in 「」 (the read-back, the rating request).
  if (quickReplies.some((q) => text.includes(`「${q.text}」`))) return text;
  return `${text}\n回复${quickReplies.map((q) => `「${q.text}」`).join('/')}`;
}

/**
 * "@王女士 您的报修…" → { name: '王女士', rest: '您的报修…' }. The core names an owner this way in a group; the adapter
 * turns it into a real WeChat mention. The name ends at the first space or U+2005.
 */
export function leadingMention(text: string): { name: string; rest: string } | undefined {
  const match = /^@([^\s\u2005]+)[\s\u2005]+([\s\S]*)$/.exec(text);
  if (!match) return undefined;
  return { name: match[1]!, rest: match[2]! };
}

/**
 * Removes "@botName" typed at the start (a mention some clients send without a mention list), with either separator.
 * Returns undefined when the text does not start that way.
 */
export function stripTypedMention(text: string, botName: string): string | undefined {
  if (!botName) return undefined;
  const prefix = `@${botName}`;
  if (!text.startsWith(prefix)) return undefined;
  const after = text.slice(prefix.length);
  if (after !== '' && !/^[\s\u2005]/.test(after)) return undefined;
  return after.trim();
}

/**
 * Whether a chat id is a group. Config chats and ids seen in a room are known; otherwise the id's form decides:
 * room ids end in "@chatroom" (pad/hook protocols) or start with "@@" (web protocol), contact ids do not.
 */
export function looksLikeRoomId(id: string): boolean {
  return id.startsWith(TOPIC_PREFIX) || id.endsWith('@chatroom') || id.startsWith('@@');
}
