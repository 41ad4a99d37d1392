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
 * Removes "@botName" typed anywhere in the text (puppets such as wechat4u give no mention list: "@回音 报修…",
 * "楼道灯坏了 @回音" and "请问@回音\u2005物业费标准" all address the bot). The name must end there (a separator, a space,
 * punctuation or the end: "@回音小助手" is someone else) and must not sit inside a word or an e-mail address.
 * Returns the text without the mention, or undefined when the text does not mention `botName`.
 */
export function stripTypedMention(text: string, botName: string): string | undefined {
  if (!botName) return undefined;
  const prefix = `@${botName}`;
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    const before = text[at - 1];
    const after = text[at + prefix.length];
    if (before !== undefined && /[A-Za-z0-9._%+-]/.test(before)) continue; // an e-mail address
    if (after !== undefined && !MENTION_END.test(after)) continue; // a longer name
    const rest = `${text.slice(0, at)} ${text.slice(at + prefix.length)}`;
    return rest.replace(/[\s\u2005]+/g, ' ').replace(/^[\s,,::]+/, '').trim();
  }
  return undefined;
}

/** What may follow a typed "@name": WeChat's separator, a space, or punctuation. */
const MENTION_END = /[\s\u2005,,。.::!!??、;;)()(]/;

/**
 * Whether a chat id is a group. Config chats and ids seen in a room are known; otherwise the id's form decides:
 * room ids end in "@chatroom" (pad/hook protocols) or start with "@@" (web protocol), contact ids do not.
 */
export function looksLikeRoomId(id: string): boolean {
  return id.startsWith(TOPIC_PREFIX) || id.endsWith('@chatroom') || id.startsWith('@@');
}

/**
 * Said in the group, with an @-mention, to an owner whose private chat the bot cannot find since a new login (a web
 * puppet and no remark name): a pointer only, what was said privately stays private.
 */
export const PRIVATE_CHAT_GONE = '您在私聊里的报修有新消息,但微信重新登录后我在私聊里找不到您了。请在本群 @我 发「查询」查看。';
