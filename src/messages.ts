import { z } from 'zod';
import { PlatformSchema } from './domain/people.ts';

/**
 * The core's own message types. Adapters translate platform events into IncomingMessage and OutgoingMessage into
 * platform calls; nothing else about a platform reaches the core.
 */

export const ChatKindSchema = z.enum(['group', 'private']);
export type ChatKind = z.infer<typeof ChatKindSchema>;

export const ChatRefSchema = z.object({
  platform: PlatformSchema,
  id: z.string().min(1),
  kind: ChatKindSchema,
  /** The chat's title where the platform has one, for logs and the console. */
  title: z.string().optional(),
});
export type ChatRef = z.infer<typeof ChatRefSchema>;

export const SenderSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().min(1),
});
export type Sender = z.infer<typeof SenderSchema>;

export const AttachmentSchema = z.object({
  kind: z.enum(['image', 'audio', 'video', 'file', 'location', 'other']),
  /** A platform reference the adapter can resolve later (file id, url); never the bytes. */
  ref: z.string().min(1),
  name: z.string().optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

export const IncomingMessageSchema = z.object({
  /** The platform's message id, unique within the chat; used to drop duplicates and to reply in thread. */
  id: z.string().min(1),
  chat: ChatRefSchema,
  sender: SenderSchema,
  text: z.string(),
  /** True when the message @-mentions the bot (or is a command addressed to it). */
  mentionsBot: z.boolean(),
  at: z.date(),
  attachments: z.array(AttachmentSchema).default([]),
  /** The message this one replies to, where the platform says so. */
  replyTo: z.string().optional(),
});
export type IncomingMessage = z.infer<typeof IncomingMessageSchema>;

/** A choice the platform may show as a button; on platforms without buttons the text is listed and typed. */
export interface QuickReply {
  label: string;
  /** What the core receives when the button is pressed: the same text a person would type. */
  text: string;
}

export interface OutgoingMessage {
  chat: Pick<ChatRef, 'platform' | 'id'>;
  text: string;
  /** Reply threaded under this incoming message id, where the platform supports it. */
  replyTo?: string;
  quickReplies?: QuickReply[];
  /**
   * In a group, the person this message is for. The text already starts with "@name " so every platform shows it;
   * a platform that can notify (WeChat's real @-mention) uses this field rather than reading the text back.
   */
  mention?: { id?: string; name: string };
  /**
   * Several people one group message is for (the owners who reported one outage): the text starts with "@A @B ",
   * `mention` is the first of them; a platform that can notify each uses this list.
   */
  mentions?: Array<{ id?: string; name: string }>;
  /**
   * A picture sent before the text (the monthly chart): a PNG file the platform uploads. The outbox keeps the path,
   * not the bytes; Telegram sends a photo, WeChat an image, the console prints the path.
   */
  image?: { path: string };
}

/**
 * What the core asks of a platform. Like a bolt-js Receiver or a Bottender Connector: it delivers incoming
 * messages to one `onMessage` callback and sends what the core returns.
 */
export interface Adapter {
  readonly platform: z.infer<typeof PlatformSchema>;
  start(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  send(message: OutgoingMessage): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the adapter is done by itself (end of console input); rejects if the platform gave up. */
  finished?(): Promise<void>;
}
