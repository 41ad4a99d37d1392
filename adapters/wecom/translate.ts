import type { ChatRef, IncomingMessage, QuickReply } from '../../src/messages.ts';

/**
 * Pure translation between the WeCom AI bot's long-connection frames (developer.work.weixin.qq.com/document/path/100719
 * and /101463; the shapes of @wecom/aibot-node-sdk's types) and the core's message types. Only the fields Huiyin reads
 * are typed here, so every rule is tested with plain objects and no socket.
 */

export interface WcFrom {
  userid: string;
}

export interface WcMedia {
  /** Encrypted download address, valid five minutes. */
  url: string;
  /** Per-file AES-256 key (base64), long connection only. */
  aeskey?: string;
}

/** The body of an `aibot_msg_callback` frame. */
export interface WcMessage {
  msgid: string;
  aibotid?: string;
  /** Only in group chats. */
  chatid?: string;
  chattype: 'single' | 'group';
  from: WcFrom;
  /** Seconds since the epoch (some frames carry milliseconds; both are read). */
  create_time?: number;
  msgtype: string;
  text?: { content: string };
  image?: WcMedia;
  file?: WcMedia;
  video?: WcMedia;
  /** Voice arrives already transcribed. */
  voice?: { content: string };
  mixed?: { msg_item: Array<{ msgtype: 'text' | 'image'; text?: { content: string }; image?: WcMedia }> };
  quote?: { msgtype: string; text?: { content: string } };
}

/** The body of an `aibot_event_callback` frame. */
export interface WcEvent {
  msgid: string;
  create_time?: number;
  chatid?: string;
  chattype?: 'single' | 'group';
  from: WcFrom;
  msgtype: 'event';
  event: { eventtype: string; event_key?: string; task_id?: string };
}

/** A file the message refers to, to be downloaded and decrypted before its five minutes run out. */
export interface WcDownload {
  kind: 'image' | 'file' | 'video';
  url: string;
  aeskey?: string;
}

export type Translation =
  | { kind: 'message'; message: IncomingMessage; downloads: WcDownload[] }
  | { kind: 'skip'; reason: string };

/** The chat a frame belongs to: a group by its chatid, a private chat by the person's userid (what sends go to). */
export function chatOf(body: { chattype?: 'single' | 'group'; chatid?: string; from: WcFrom }): Pick<ChatRef, 'id' | 'kind'> {
  if (body.chattype === 'group' && body.chatid) return { id: body.chatid, kind: 'group' };
  return { id: body.from.userid, kind: 'private' };
}

/** WeCom timestamps are seconds; a value past 10^12 is already milliseconds. */
export function timeOf(createTime: number | undefined): Date | undefined {
  if (createTime === undefined || !Number.isFinite(createTime) || createTime <= 0) return undefined;
  return new Date(createTime > 1e12 ? createTime : createTime * 1000);
}

/**
 * In a group the bot hears only messages that @-mention it, and the mention arrives as text ("@回音 报修…"): it is cut
 * from the start, under any of the names people type (the bot's name in WeCom, the config's botName). Elsewhere in
 * the text it is left alone.
 */
export function stripMention(text: string, names: readonly string[]): string {
  let out = text.replace(/^[\s\u2005\u00a0]+/, '');
  for (const name of names.filter(Boolean)) {
    const typed = new RegExp(`^@${escapeRegExp(name)}(?=[\\s\\u2005\\u00a0]|$)`);
    if (typed.test(out)) {
      out = out.replace(typed, '');
      break;
    }
  }
  return out.replace(/[ \t\u00a0\u2005]{2,}/g, ' ').trim();
}

/**
 * One WeCom message as the core's IncomingMessage. Group messages always address the bot (WeCom delivers only those);
 * private ones are the bot's own chat. Voice comes transcribed; images, files and videos become attachments once
 * downloaded (`downloads`). Only the userid is known of the sender: WeCom's long connection sends no name, so the
 * userid is the display name too (staff names come from the config).
 */
export function toIncoming(body: WcMessage, botNames: readonly string[], receivedAt: Date): Translation {
  if (!body.msgid || !body.from?.userid) return { kind: 'skip', reason: 'no message id or sender' };
  const chat = chatOf(body);
  const texts: string[] = [];
  const downloads: WcDownload[] = [];
  switch (body.msgtype) {
    case 'text':
      texts.push(body.text?.content ?? '');
      break;
    case 'voice':
      texts.push(body.voice?.content ?? '');
      break;
    case 'mixed':
      for (const item of body.mixed?.msg_item ?? []) {
        if (item.msgtype === 'text' && item.text) texts.push(item.text.content);
        if (item.msgtype === 'image' && item.image?.url) downloads.push({ kind: 'image', ...item.image });
      }
      break;
    case 'image':
    case 'file':
    case 'video': {
      const media = body[body.msgtype];
      if (!media?.url) return { kind: 'skip', reason: `${body.msgtype} without a url` };
      downloads.push({ kind: body.msgtype, ...media });
      break;
    }
    default:
      return { kind: 'skip', reason: `message type ${body.msgtype} is not used` };
  }
  const joined = texts.join('\n');
  const text = chat.kind === 'group' ? stripMention(joined, botNames) : joined.trim();
  const at = timeOf(body.create_time) ?? receivedAt;
  const message: IncomingMessage = {
    id: body.msgid,
    chat: { platform: 'wecom', ...chat },
    sender: { id: body.from.userid, displayName: body.from.userid },
    text,
    mentionsBot: true,
    at,
    attachments: [],
  };
  return { kind: 'message', message, downloads };
}

/** A template-card button press as the text its button stands for, from the presser, in the chat of the card. */
export function pressToIncoming(body: WcEvent, text: string, receivedAt: Date): Translation {
  if (!body.msgid || !body.from?.userid) return { kind: 'skip', reason: 'no event id or presser' };
  const chat = chatOf(body);
  return {
    kind: 'message',
    message: {
      id: body.msgid,
      chat: { platform: 'wecom', ...chat },
      sender: { id: body.from.userid, displayName: body.from.userid },
      text,
      mentionsBot: true,
      at: timeOf(body.create_time) ?? receivedAt,
      attachments: [],
    },
    downloads: [],
  };
}

/**
 * A button key carries the text the core receives when it is pressed, up to this many bytes; a longer text goes by a short
 * key remembered in the store. (The key's limit is not in the pages we could read; 1024 is a cautious choice.)
 */
export const MAX_KEY_BYTES = 1024;
/** At most six buttons on a card (the core offers three at most). */
export const MAX_BUTTONS = 6;
/** The card's title is kept to one short line; the full text goes before it as its own message. */
export const TITLE_CHARS = 26;

export interface ButtonCard {
  card_type: 'button_interaction';
  main_title: { title: string };
  button_list: Array<{ text: string; key: string; style?: number }>;
  task_id: string;
}

/**
 * Quick replies as a button_interaction card. `keyOf` gives each button's key (the text itself, or a stored short key
 * when the text is too long). The title is the text's first line, cut short: the text itself is sent before the card.
 */
export function buttonCard(text: string, quickReplies: QuickReply[], taskId: string, keyOf: (q: QuickReply) => string): ButtonCard {
  const firstLine = text.split('\n').find((l) => l.trim())?.trim() ?? '请选择';
  const chars = Array.from(firstLine);
  const title = chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS - 1).join('')}…` : firstLine;
  return {
    card_type: 'button_interaction',
    main_title: { title },
    button_list: quickReplies.slice(0, MAX_BUTTONS).map((q, i) => ({ text: q.label, key: keyOf(q), ...(i === 0 && { style: 1 }) })),
    task_id: taskId,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
