import type { Attachment, IncomingMessage, OutgoingMessage, QuickReply } from '../../src/messages.ts';
import { namedAtStart } from '../../src/platform/named-at-start.ts';

/**
 * Pure translation between Telegram's Bot API objects and the core's message types. Only the fields Huiyin reads
 * are typed here (structurally compatible with Telegraf's typegram types), so every rule can be tested with plain
 * objects and no network.
 */

export interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface TgChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  last_name?: string;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  user?: TgUser;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  photo?: Array<{ file_id: string; file_unique_id?: string; width?: number; height?: number; file_size?: number }>;
  document?: { file_id: string; file_name?: string; mime_type?: string };
  video?: { file_id: string; file_name?: string };
  voice?: { file_id: string };
  audio?: { file_id: string; file_name?: string };
  location?: { latitude: number; longitude: number };
  reply_to_message?: TgMessage;
  migrate_to_chat_id?: number;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  data?: string;
}

/** Who the bot is, from getMe: the username is what @-mentions and /cmd@name carry. */
export interface BotIdentity {
  id: number;
  username: string;
  /** The configured display name (config `botName`, e.g. 回音): `@回音` typed at the start also addresses the bot. */
  displayName?: string;
}

export type Translation = { kind: 'message'; message: IncomingMessage } | { kind: 'skip'; reason: string };

/** Telegram's user name for logs and notices: first + last name, else @username, else the id. */
export function displayNameOf(user: TgUser): string {
  const name = [user.first_name, user.last_name].filter((s) => s && s.trim()).join(' ').trim();
  return name || (user.username ? `@${user.username}` : String(user.id));
}

export function chatKindOf(chat: TgChat): 'group' | 'private' | undefined {
  if (chat.type === 'private') return 'private';
  if (chat.type === 'group' || chat.type === 'supergroup') return 'group';
  return undefined;
}

function chatTitleOf(chat: TgChat): string | undefined {
  return chat.title ?? ([chat.first_name, chat.last_name].filter(Boolean).join(' ') || undefined);
}

/**
 * The message's text with mentions of the bot removed, and whether the bot was addressed: an `@username` mention
 * entity, a text_mention of the bot, a `/command@username`, a reply to one of the bot's messages, or the configured
 * display name typed at the start (`@回音 …`). A command addressed to another bot (`/help@other_bot`) is not ours.
 */
export function readAddressing(
  text: string,
  entities: TgEntity[] | undefined,
  bot: BotIdentity,
  replyTo?: TgMessage,
): { text: string; mentionsBot: boolean; forOtherBot: boolean } {
  const username = bot.username.toLowerCase();
  let mentionsBot = replyTo?.from?.id === bot.id;
  let forOtherBot = false;
  // Cut from the end so earlier offsets (UTF-16 units, as JS strings count) stay valid.
  const cuts: Array<[number, number]> = [];
  for (const e of [...(entities ?? [])].sort((a, b) => a.offset - b.offset)) {
    const piece = text.slice(e.offset, e.offset + e.length);
    if (e.type === 'mention' && piece.slice(1).toLowerCase() === username) {
      mentionsBot = true;
      cuts.push([e.offset, e.offset + e.length]);
    } else if (e.type === 'text_mention' && e.user?.id === bot.id) {
      mentionsBot = true;
      cuts.push([e.offset, e.offset + e.length]);
    } else if (e.type === 'bot_command') {
      const at = piece.indexOf('@');
      if (at < 0) continue;
      if (piece.slice(at + 1).toLowerCase() === username) {
        mentionsBot = true;
        cuts.push([e.offset + at, e.offset + e.length]);
      } else if (e.offset === 0) {
        forOtherBot = true;
      }
    }
  }
  let out = text;
  for (const [from, to] of cuts.reverse()) out = out.slice(0, from) + out.slice(to);
  if (bot.displayName) {
    const typed = new RegExp(`^\\s*@${escapeRegExp(bot.displayName)}(?=\\s|$)`);
    if (typed.test(out)) {
      mentionsBot = true;
      out = out.replace(typed, '');
    }
  }
  return { text: out.replace(/[ \t\u00a0\u2005]{2,}/g, ' ').trim(), mentionsBot, forOtherBot };
}

/** Photos, files, voice, video and places as attachment references (file ids; the bytes stay with Telegram). */
export function attachmentsOf(message: TgMessage): Attachment[] {
  const out: Attachment[] = [];
  if (message.photo && message.photo.length > 0) {
    // Telegram lists the sizes smallest first: keep the largest.
    const largest = [...message.photo].sort((a, b) => (b.width ?? 0) * (b.height ?? 0) - (a.width ?? 0) * (a.height ?? 0))[0]!;
    out.push({ kind: 'image', ref: largest.file_id });
  }
  if (message.document) {
    const isImage = message.document.mime_type?.startsWith('image/') ?? false;
    out.push({ kind: isImage ? 'image' : 'file', ref: message.document.file_id, ...(message.document.file_name && { name: message.document.file_name }) });
  }
  if (message.video) out.push({ kind: 'video', ref: message.video.file_id, ...(message.video.file_name && { name: message.video.file_name }) });
  if (message.voice) out.push({ kind: 'audio', ref: message.voice.file_id });
  if (message.audio) out.push({ kind: 'audio', ref: message.audio.file_id, ...(message.audio.file_name && { name: message.audio.file_name }) });
  if (message.location) out.push({ kind: 'location', ref: `${message.location.latitude},${message.location.longitude}` });
  return out;
}

/** A Telegram message as the core's IncomingMessage, or why it is skipped. */
export function toIncoming(message: TgMessage, bot: BotIdentity): Translation {
  const kind = chatKindOf(message.chat);
  if (!kind) return { kind: 'skip', reason: `chat type ${message.chat.type}` };
  const from = message.from;
  if (!from) return { kind: 'skip', reason: 'no sender' };
  if (from.is_bot && from.id === bot.id) return { kind: 'skip', reason: 'own message' };
  if (from.is_bot) return { kind: 'skip', reason: 'from another bot' };
  const raw = message.text ?? message.caption ?? '';
  const entities = message.text !== undefined ? message.entities : message.caption_entities;
  const addressing = readAddressing(raw, entities, bot, message.reply_to_message);
  if (addressing.forOtherBot) return { kind: 'skip', reason: 'command for another bot' };
  const attachments = attachmentsOf(message);
  if (!addressing.text && attachments.length === 0) return { kind: 'skip', reason: 'nothing to read (service message or sticker)' };
  const title = chatTitleOf(message.chat);
  return {
    kind: 'message',
    message: {
      id: String(message.message_id),
      chat: { platform: 'telegram', id: String(message.chat.id), kind, ...(title && { title }) },
      sender: { id: String(from.id), displayName: displayNameOf(from) },
      text: addressing.text,
      mentionsBot: addressing.mentionsBot,
      at: new Date(message.date * 1000),
      attachments,
      ...(message.reply_to_message && { replyTo: String(message.reply_to_message.message_id) }),
    },
  };
}

/**
 * A button press as the message its button stands for: the presser "says" the button's text in the chat where the
 * buttons are. The id `<message id>#cb<callback id>` is unique per press and still starts with the id of the message
 * that carried the buttons, so the core's reply (replyTo = this id) threads under it.
 */
export function callbackToIncoming(query: TgCallbackQuery, text: string, now: Date): Translation {
  const message = query.message;
  if (!message) return { kind: 'skip', reason: 'button on an inline message' };
  const kind = chatKindOf(message.chat);
  if (!kind) return { kind: 'skip', reason: `chat type ${message.chat.type}` };
  if (query.from.is_bot) return { kind: 'skip', reason: 'pressed by a bot' };
  const title = chatTitleOf(message.chat);
  return {
    kind: 'message',
    message: {
      id: `${message.message_id}#cb${query.id}`,
      chat: { platform: 'telegram', id: String(message.chat.id), kind, ...(title && { title }) },
      sender: { id: String(query.from.id), displayName: displayNameOf(query.from) },
      text,
      // Pressing one of the bot's buttons is talking to the bot.
      mentionsBot: true,
      at: now,
      attachments: [],
      replyTo: String(message.message_id),
    },
  };
}

/** callback_data is at most 64 bytes: the button's text goes in directly when it fits, else a stored key. */
export const CALLBACK_DATA_LIMIT = 64;
const DIRECT = 't:';
const KEYED = 'k:';

export function encodeDirect(text: string): string | undefined {
  const data = `${DIRECT}${text}`;
  return Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_LIMIT ? data : undefined;
}

export function encodeKey(key: string): string {
  return `${KEYED}${key}`;
}

export function decodeCallbackData(data: string): { text: string } | { key: string } | undefined {
  if (data.startsWith(DIRECT)) return { text: data.slice(DIRECT.length) };
  if (data.startsWith(KEYED)) return { key: data.slice(KEYED.length) };
  return undefined;
}

/** Quick replies as an inline keyboard: up to three buttons a row, in the order the core gave them. */
export function keyboardRows<T>(quickReplies: QuickReply[], toButton: (q: QuickReply) => T, perRow = 3): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < quickReplies.length; i += perRow) rows.push(quickReplies.slice(i, i + perRow).map(toButton));
  return rows;
}

/** HTML special characters escaped, for any text sent with parse_mode HTML (Huiyin sends plain text by default). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The people a group message starts by naming ("@王女士 您的报修 R0001 已由 张工 受理"), as Telegram `text_mention`
 * entities: typed "@王女士" notifies nobody (owners have no username to match), so an owner told their work was accepted
 * or done only saw it if they looked. A name without a Telegram user id stays plain text.
 */
export function mentionEntities(message: Pick<OutgoingMessage, 'text' | 'mention' | 'mentions'>): Array<{ type: 'text_mention'; offset: number; length: number; user: { id: number; is_bot: false; first_name: string } }> {
  return namedAtStart(message)
    .filter(({ person }) => person.id !== undefined && /^\d+$/.test(person.id))
    .map(({ person, offset, length }) => ({ type: 'text_mention' as const, offset, length, user: { id: Number(person.id), is_bot: false as const, first_name: person.name } }));
}
