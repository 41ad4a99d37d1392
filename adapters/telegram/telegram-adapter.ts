import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegraf } from 'telegraf';
import { type Clock, systemClock } from '../../src/clock.ts';
import type { Adapter, IncomingMessage, OutgoingMessage, QuickReply } from '../../src/messages.ts';
import { InFlight, within } from '../../src/platform/in-flight.ts';
import type { PlatformParts } from '../../src/platform/module.ts';
import type { Store } from '../../src/store/store.ts';
import { menuCommands, WHOAMI } from './commands.ts';
import { describeStartupError, toSendError } from './errors.ts';
import {
  type BotIdentity,
  callbackToIncoming,
  chatKindOf,
  decodeCallbackData,
  displayNameOf,
  encodeDirect,
  encodeKey,
  keyboardRows,
  mentionEntities,
  readAddressing,
  type TgCallbackQuery,
  type TgChat,
  type TgMessage,
  type TgUser,
  toIncoming,
} from './translate.ts';

/** Telegram's limit is 4096 characters (UTF-16 units); a margin keeps emoji and surrogate pairs under it. */
export const TELEGRAM_MAX_TEXT = 4000;
const DEFAULT_API_ROOT = 'https://api.telegram.org';
const BUTTONS = 'telegram-buttons';
const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface TelegramWebhookOptions {
  /** The public HTTPS address Telegram posts to (setWebhook url). */
  url: string;
  /** Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; a request without it gets 403. */
  secretToken: string;
  /** Where the local HTTP server listens; a reverse proxy usually terminates TLS in front of it. */
  port: number;
  host?: string;
  /** The local path (default: the path of `url`). */
  path?: string;
}

export interface TelegramAdapterOptions {
  token: string;
  /** Another Bot API server (self-hosted telegram-bot-api, or a fake one in tests). Default api.telegram.org. */
  apiRoot?: string;
  store: Store;
  /** Telegram's one outbox and inbound guard, built by the composition root (`platformParts` in app/compose.ts). */
  parts: PlatformParts;
  log: (line: string) => void;
  /** The config's botName (回音): typed `@回音` at the start addresses the bot as a real mention does. */
  botName: string;
  /** Webhook mode; without it, long polling. */
  webhook?: TelegramWebhookOptions;
  /**
   * Telegraf answers some calls (answerCallbackQuery) in the webhook's HTTP response instead of calling the API.
   * Default true (Telegraf's); tests that watch the API server set false.
   */
  webhookReply?: boolean;
  clock?: Clock;
  /** How long getMe may take at start before the server counts as unreachable. */
  startupTimeoutMs?: number;
  /** A 409 Conflict right after a restart is usually the previous poll still open: retried this many times. */
  conflictRetries?: number;
  conflictRetryMs?: number;
  /** At a stop, how long the updates being handled may take to finish (default 5 s). */
  stopHandlersMs?: number;
  /** At a stop, how long the outbox may go on sending what is ready (default 2 s); the rest stays stored. */
  stopDrainMs?: number;
}

/** Start-up failed in a way the operator must fix (bad token, unreachable server, webhook port in use). */
export class TelegramStartupError extends Error {
  override readonly name = 'TelegramStartupError';
}

/**
 * Telegram through Telegraf. It only translates: updates become IncomingMessage for the core, OutgoingMessage
 * becomes sendMessage with an inline keyboard for quick replies. Every send goes through the platform's Outbox
 * (durable, paced, chunked, 429-aware); every update passes the inbound guard first (handled once, not stale). Both
 * are built by the composition root. `/whoami` is answered here, since
 * Telegram ids are this platform's business.
 */
export class TelegramAdapter implements Adapter {
  readonly platform = 'telegram' as const;
  readonly bot: Telegraf;
  private readonly outbox: PlatformParts['outbox'];
  private readonly guard: PlatformParts['guard'];
  private readonly clock: Clock;
  private readonly apiRoot: string;
  private identity: BotIdentity | undefined;
  private handler: ((message: IncomingMessage) => Promise<void>) | undefined;
  private server: Server | undefined;
  private polling: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  /** Updates being handled now, which a stop lets finish. */
  private readonly inFlight = new InFlight();
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private readonly done: Promise<void>;

  constructor(private readonly options: TelegramAdapterOptions) {
    this.apiRoot = options.apiRoot ?? DEFAULT_API_ROOT;
    this.clock = options.clock ?? systemClock;
    this.bot = new Telegraf(options.token, { telegram: { apiRoot: this.apiRoot, ...(options.webhookReply !== undefined && { webhookReply: options.webhookReply }) } });
    // Telegraf's default rethrows, which ends polling: one boundary per update instead (style notes, errors).
    this.bot.catch((error, ctx) => options.log(`telegram: error in update ${ctx.update.update_id}: ${(error as Error).stack ?? error}`));
    this.bot.use(async (ctx) => this.inFlight.track(() => this.onUpdate(ctx.update as unknown as RawUpdate, (text) => ctx.answerCbQuery(text).then(() => undefined))));
    this.outbox = options.parts.outbox;
    this.guard = options.parts.guard;
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    // Nobody has to wait on `finished()`; a fatal error is logged either way.
    this.done.catch(() => {});
  }

  /** The bot's username and id from getMe, once started. */
  get me(): BotIdentity | undefined {
    return this.identity;
  }

  /** Where the webhook server listens (webhook mode, once started). */
  webhookAddress(): { host: string; port: number } | undefined {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address ? { host: address.address, port: address.port } : undefined;
  }

  /** Resolves when stopped; rejects when polling ends on its own (token revoked, another instance polling). */
  finished(): Promise<void> {
    return this.done;
  }

  /** Messages accepted by `send` and not yet delivered. */
  get pending(): number {
    return this.outbox.pending;
  }

  /** Resolves when the outbox has nothing left to send now (tests, orderly shutdown). */
  drained(): Promise<void> {
    return this.outbox.drained();
  }

  async start(handler: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.handler = handler;
    const me = await this.checkToken();
    this.identity = { id: me.id, username: me.username, displayName: this.options.botName };
    this.bot.botInfo = me;
    this.guard.rememberIdsAs(`telegram-${me.id}`);
    this.options.log(`telegram: signed in as @${me.username} (${me.id}) at ${this.apiRoot}`);
    if (me.can_read_all_group_messages === false) {
      this.options.log(
        'telegram: privacy mode is on, so in groups the bot sees only commands, mentions and replies to it. ' +
          'Turn it off (@BotFather → /mybots → Bot Settings → Group Privacy → Turn off, then remove and re-add the bot) or make the bot a group admin.',
      );
    }
    await this.outbox.start(
      (message) => this.sendNow(message),
      (message, reason) => this.options.log(`telegram: gave up on a message to chat ${message.chat.id}: ${reason}`),
    );
    try {
      await this.bot.telegram.setMyCommands(menuCommands());
    } catch (error) {
      this.options.log(`telegram: setMyCommands failed (${(error as Error).message}); the command menu may be out of date`);
    }
    if (this.options.webhook) await this.startWebhook(this.options.webhook);
    else this.polling = this.poll();
  }

  /** Accepted once stored; the outbox delivers in order, paced, and retries until Telegram takes it. */
  async send(message: OutgoingMessage): Promise<void> {
    await this.outbox.enqueue(message);
  }

  /**
   * An orderly stop (issue 17): no new updates (the long poll is aborted, the webhook server takes no new connection);
   * the updates being handled finish, so their replies are in the outbox and their ids marked seen; what can be sent
   * now is sent; then the outbox stops after the send in progress. Every wait is bounded: an update still running at
   * the bound is not confirmed to Telegram, which delivers it again at the next start.
   */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      if (this.polling) {
        try {
          this.bot.stop('stop');
        } catch {
          // Polling had already ended.
        }
      }
      const server = this.server;
      server?.close();
      server?.closeIdleConnections();
      const deadline = Date.now() + (this.options.stopHandlersMs ?? 5000);
      let left = await this.inFlight.settled(deadline - Date.now());
      // Polling ends by confirming the handled batch to Telegram (getUpdates with the next offset); a batch that
      // arrived just as the poll was aborted is handled first.
      if (this.polling && left === 0) {
        await within(this.polling, 1000);
        left = await this.inFlight.settled(Math.max(0, deadline - Date.now()));
      }
      if (left > 0) {
        this.options.log(`telegram: ${left} update(s) still being handled at stop; Telegram delivers them again at the next start`);
        // Telegraf confirms the batch it holds once its handlers end; these may end only after the store is closed.
        const polling = (this.bot as unknown as { polling?: { skipOffsetSync: boolean } }).polling;
        if (polling) polling.skipOffsetSync = true;
      }
      server?.closeAllConnections();
      if (!(await within(this.outbox.drained(), this.options.stopDrainMs ?? 2000))) {
        this.options.log(`telegram: ${this.outbox.pending} message(s) left in the outbox at stop; sent at the next start`);
      }
      await this.outbox.stop();
      this.settle.resolve();
    })();
    return this.stopped;
  }

  // ── start-up ─────────────────────────────────────────────────────────────────────────────────────────────────────

  private async checkToken(): Promise<Awaited<ReturnType<Telegraf['telegram']['getMe']>>> {
    const timeoutMs = this.options.startupTimeoutMs ?? 15_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const e = new Error(`no answer to getMe within ${timeoutMs / 1000} s`);
        e.name = 'TimeoutError';
        reject(e);
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.bot.telegram.getMe(), timeout]);
    } catch (error) {
      throw new TelegramStartupError(describeStartupError(error, this.apiRoot));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Long polling; a 409 right after a restart is retried, anything else that ends polling is fatal and said so. */
  private async poll(): Promise<void> {
    let conflicts = 0;
    const retries = this.options.conflictRetries ?? 5;
    while (!this.stopping) {
      try {
        // launch() resolves only when polling stops; getMe is skipped because botInfo is set.
        await this.bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] });
        return;
      } catch (error) {
        if (this.stopping) return;
        const code = (error as { code?: unknown }).code;
        if (code === 409 && conflicts < retries) {
          conflicts += 1;
          const wait = (this.options.conflictRetryMs ?? 5000) * conflicts;
          this.options.log(`telegram: 409 conflict on getUpdates (${(error as Error).message}); retrying in ${wait} ms`);
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        const why =
          code === 409
            ? 'another process is polling with this token, or a webhook is set: run one instance per token'
            : code === 401
              ? 'the token was revoked or changed (@BotFather)'
              : (error as Error).message;
        const fatal = new TelegramStartupError(`telegram polling stopped: ${why}`);
        this.options.log(fatal.message);
        this.settle.reject(fatal);
        return;
      }
    }
  }

  private async startWebhook(webhook: TelegramWebhookOptions): Promise<void> {
    const path = webhook.path ?? (new URL(webhook.url).pathname || '/');
    const callback = this.bot.webhookCallback(path, { secretToken: webhook.secretToken });
    const server = createServer((req, res) => {
      void callback(req, res).catch((error: unknown) => {
        this.options.log(`telegram: webhook request failed: ${(error as Error).message}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new TelegramStartupError(`telegram webhook: cannot listen on port ${webhook.port}: ${error.message}`)));
      server.listen(webhook.port, webhook.host, () => resolve());
    });
    server.on('error', (error) => this.options.log(`telegram webhook server: ${error.message}`));
    this.server = server;
    try {
      await this.bot.telegram.setWebhook(webhook.url, { secret_token: webhook.secretToken, allowed_updates: [...ALLOWED_UPDATES] });
    } catch (error) {
      server.close();
      throw new TelegramStartupError(`telegram: setWebhook ${webhook.url} failed: ${(error as Error).message}`);
    }
    const address = this.webhookAddress();
    this.options.log(`telegram: webhook ${webhook.url} → listening on ${address?.host}:${address?.port}${path}`);
  }

  // ── incoming ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /** One update, once and fresh (the inbound guard), then translated: a message, a button press, a membership change. */
  private async onUpdate(update: RawUpdate, answerCallback: (text?: string) => Promise<void>): Promise<void> {
    const sentAt = update.message ? new Date(update.message.date * 1000) : undefined;
    // Marked seen only once handled, with its replies already in the outbox (issue 17).
    await this.guard.run({ id: String(update.update_id), what: `update ${update.update_id}`, ...(sentAt && { sentAt }) }, async () => {
      if (update.message) await this.onMessage(update.message);
      else if (update.callback_query) await this.onCallback(update.callback_query, answerCallback);
      else if (update.my_chat_member) this.onMembership(update.my_chat_member);
    });
  }

  private async onMessage(message: TgMessage): Promise<void> {
    const me = this.identity!;
    if (message.migrate_to_chat_id !== undefined) {
      this.options.log(`telegram: group ${message.chat.id} became supergroup ${message.migrate_to_chat_id}: change its id in the config to "${message.migrate_to_chat_id}"`);
      return;
    }
    if (isWhoami(message, me)) return this.whoami(message);
    const translated = toIncoming(message, me);
    if (translated.kind === 'skip') return;
    await this.handler?.(translated.message);
  }

  private async onCallback(query: TgCallbackQuery, answer: (text?: string) => Promise<void>): Promise<void> {
    const decoded = query.data ? decodeCallbackData(query.data) : undefined;
    const text = decoded && ('text' in decoded ? decoded.text : (await this.options.store.getRecord<{ text: string }>(BUTTONS, decoded.key))?.text);
    // Answer first, so the button stops spinning even if the core takes a moment.
    await answer(text ? undefined : '这个按钮已失效,请直接输入文字').catch((error: unknown) =>
      this.options.log(`telegram: answerCallbackQuery failed: ${(error as Error).message}`),
    );
    if (!text) return;
    const translated = callbackToIncoming(query, text, this.clock.now());
    if (translated.kind === 'skip') return;
    await this.handler?.(translated.message);
  }

  private onMembership(change: { chat: TgChat; from: TgUser; new_chat_member: { status: string } }): void {
    const status = change.new_chat_member.status;
    const where = `${change.chat.title ?? change.chat.type} (id ${change.chat.id})`;
    if (status === 'member' || status === 'administrator') {
      this.options.log(`telegram: added to ${where} by ${displayNameOf(change.from)} as ${status}; put id "${change.chat.id}" in the config's chats to give it a part`);
    } else if (status === 'left' || status === 'kicked') {
      this.options.log(`telegram: removed from ${where} (${status})`);
    }
  }

  /** Ids for the config: this chat's id and type, and the sender's user id, with the lines to paste. */
  private async whoami(message: TgMessage): Promise<void> {
    const chat = message.chat;
    const kind = chatKindOf(chat);
    const from = message.from;
    const lines = [
      `本聊天 chat id:${chat.id}(${chat.type}${chat.title ? `,${chat.title}` : ''})`,
      ...(from ? [`您的 user id:${from.id}(${displayNameOf(from)})`] : []),
      '',
      '配置示例 / config:',
      ...(kind === 'group' ? [`chats:\n  - { platform: telegram, id: "${chat.id}", estate: …, role: owners }`] : []),
      ...(from ? [`staff:\n  - { platform: telegram, id: "${from.id}", name: ${displayNameOf(from)}, estate: …, unit: engineering }`] : []),
    ];
    await this.outbox.enqueue({ chat: { platform: 'telegram', id: String(chat.id) }, text: lines.join('\n'), replyTo: String(message.message_id) });
  }

  // ── outgoing ─────────────────────────────────────────────────────────────────────────────────────────────────────

  /** The platform call behind the outbox: plain text (nothing in user text is interpreted as markup). */
  private async sendNow(message: OutgoingMessage): Promise<void> {
    const replyTo = /^\d+/.exec(message.replyTo ?? '')?.[0];
    const keyboard = message.quickReplies?.length ? await this.keyboard(message.quickReplies) : undefined;
    try {
      if (message.image) {
        await this.bot.telegram.sendPhoto(message.chat.id, { source: message.image.path }, message.text ? { caption: message.text } : {});
        return;
      }
      const entities = mentionEntities(message);
      await this.bot.telegram.sendMessage(message.chat.id, message.text, {
        ...(replyTo && { reply_parameters: { message_id: Number(replyTo), allow_sending_without_reply: true } }),
        ...(entities.length > 0 && { entities }),
        ...(keyboard && { reply_markup: { inline_keyboard: keyboard } }),
      });
    } catch (error) {
      throw toSendError(error, message.chat.id);
    }
  }

  private async keyboard(quickReplies: QuickReply[]): Promise<Array<Array<{ text: string; callback_data: string }>>> {
    const data = new Map<string, string>();
    for (const q of quickReplies) {
      const direct = encodeDirect(q.text);
      if (direct) {
        data.set(q.text, direct);
        continue;
      }
      // Too long for callback_data's 64 bytes: a stable short key, remembered in the store.
      const key = createHash('sha256').update(q.text).digest('base64url').slice(0, 16);
      await this.options.store.putRecord(BUTTONS, key, { text: q.text });
      data.set(q.text, encodeKey(key));
    }
    return keyboardRows(quickReplies, (q) => ({ text: q.label, callback_data: data.get(q.text)! }));
  }
}

interface RawUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: { chat: TgChat; from: TgUser; new_chat_member: { status: string } };
}

function isWhoami(message: TgMessage, me: BotIdentity): boolean {
  const text = message.text;
  if (!text?.startsWith('/')) return false;
  const { text: stripped, forOtherBot } = readAddressing(text, message.entities, me);
  return !forOtherBot && new RegExp(`^/${WHOAMI}(\\s|$)`, 'i').test(stripped);
}
