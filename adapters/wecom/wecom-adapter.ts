import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { WSAuthFailureError, WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { alertText } from '../../src/alerts/offline-alert.ts';
import { formatDuration, OfflineLog } from '../../src/alerts/offline-periods.ts';
import { type Clock, systemClock } from '../../src/clock.ts';
import type { Adapter, Attachment, IncomingMessage, OutgoingMessage, QuickReply } from '../../src/messages.ts';
import type { PlatformParts } from '../../src/platform/module.ts';
import type { Store } from '../../src/store/store.ts';
import { toSendError } from './errors.ts';
import { WECOM } from './info.ts';
import { buttonCard, MAX_KEY_BYTES, pressToIncoming, timeOf, toIncoming, type WcDownload, type WcEvent, type WcMessage } from './translate.ts';

const BUTTONS = 'wecom-buttons';
/** `whoami` or `/whoami`, after the @-mention: the chat's and the sender's ids (see `whoami`). */
const WHOAMI = /^\/?whoami$/i;

export interface WecomAdapterOptions {
  botId: string;
  secret: string;
  /** The long-connection address; default the SDK's wss://openws.work.weixin.qq.com (tests: a fake on 127.0.0.1). */
  wsUrl?: string;
  /** The names people type after "@" in groups: the bot's name in WeCom and the config's botName. */
  botNames: string[];
  store: Store;
  /** WeCom's one outbox and inbound guard, built by the composition root. */
  parts: PlatformParts;
  log: (line: string) => void;
  /** Tells managers through a channel that still works when the connection stays down or is refused. */
  alert?: (text: string) => Promise<void>;
  clock?: Clock;
  timezone?: string;
  /** Where photos and files people send are saved; without it they are recorded by message id only. */
  attachmentsDir?: string;
  /** First reconnect delay; the SDK doubles it up to 30 s. Default 1000 ms. */
  reconnectBaseMs?: number;
  /** Heartbeat interval (the SDK's default 30 s); two unanswered pings count as a dead connection. */
  heartbeatMs?: number;
  /** How long start waits for the first successful sign-in. */
  startupTimeoutMs?: number;
  /** Down this long before managers are told (a few seconds' reconnect is not news). Default 2 minutes. */
  alertAfterMs?: number;
  /** A reply to a message within this window goes back on the message's own callback (a threaded passive reply). */
  replyWindowMs?: number;
  /** Card task ids; injectable so tests can predict them. */
  newId?: () => string;
}

/** Start-up failed in a way the operator must fix (credentials refused, server unreachable). */
export class WecomStartupError extends Error {
  override readonly name = 'WecomStartupError';
}

interface Callback {
  reqId: string;
  chatId: string;
  at: number;
}

/**
 * WeCom (企业微信) through its AI bot's official long connection (@wecom/aibot-node-sdk). It only translates: message
 * callbacks become IncomingMessage, OutgoingMessage becomes a markdown message (threaded as the passive reply to the
 * message it answers when that callback is fresh, otherwise pushed to the chat) and a button card for quick replies;
 * a card's button press comes back as the button's text. The SDK keeps the connection (heartbeat, reconnect with
 * exponential backoff, here without a limit); every event passes the inbound guard (once, fresh) and every send goes
 * through the outbox (durable, paced, retried while the socket is down).
 */
export class WecomAdapter implements Adapter {
  readonly platform = 'wecom' as const;
  readonly client: WSClient;
  private readonly outbox: PlatformParts['outbox'];
  private readonly guard: PlatformParts['guard'];
  private readonly clock: Clock;
  private readonly offline: OfflineLog;
  private readonly callbacks = new Map<string, Callback>();
  /** Messages whose text went out but whose card did not: a retry sends only the card. */
  private readonly textSent = new WeakSet<OutgoingMessage>();
  private handler: ((message: IncomingMessage) => Promise<void>) | undefined;
  private signedIn = false;
  private downSince: number | undefined;
  private downTimer: NodeJS.Timeout | undefined;
  private told = false;
  private stopping = false;
  /** The SDK client was already disconnected (a failed start). */
  private closed = false;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  private readonly done: Promise<void>;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly options: WecomAdapterOptions) {
    this.clock = options.clock ?? systemClock;
    this.outbox = options.parts.outbox;
    this.guard = options.parts.guard;
    this.offline = new OfflineLog(options.store);
    this.client = new WSClient({
      botId: options.botId,
      secret: options.secret,
      ...(options.wsUrl && { wsUrl: options.wsUrl }),
      reconnectInterval: options.reconnectBaseMs ?? 1000,
      // A property office's bot must come back however long the outage: never give up reconnecting.
      maxReconnectAttempts: -1,
      maxAuthFailureAttempts: 3,
      heartbeatInterval: options.heartbeatMs ?? 30_000,
      logger: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => options.log(`wecom sdk: ${message}`),
        error: (message: string, ...args: unknown[]) => options.log(`wecom sdk: ${message} ${args.map(String).join(' ')}`.trim()),
      },
    });
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
    });
    this.done.catch(() => {});
  }

  /** Resolves when stopped; rejects when WeCom refuses the credentials or another process took the connection over. */
  finished(): Promise<void> {
    return this.done;
  }

  get pending(): number {
    return this.outbox.pending;
  }

  /** Resolves when the outbox has nothing left to send now (tests, orderly shutdown). */
  drained(): Promise<void> {
    return this.outbox.drained();
  }

  async start(handler: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.handler = handler;
    this.guard.rememberIdsAs(`wecom-${this.options.botId}`);
    this.client.on('message', (frame) => this.track(this.onMessage(frame as WsFrame<WcMessage>)));
    this.client.on('event.template_card_event', (frame) => this.track(this.onPress(frame as unknown as WsFrame<WcEvent>)));
    this.client.on('event.disconnected_event', () => this.track(this.onReplaced()));
    this.client.on('disconnected', (reason) => this.onDown(reason));
    this.client.on('reconnecting', (attempt) => this.options.log(`wecom: reconnecting (attempt ${attempt})`));
    this.client.on('authenticated', () => this.track(this.onSignedIn()));
    await this.signIn();
    await this.outbox.start(
      (message) => this.sendNow(message),
      (message, reason) => this.options.log(`wecom: gave up on a message to chat ${message.chat.id}: ${reason}`),
    );
  }

  /** Accepted once stored; the outbox delivers in order, paced, and retries until WeCom takes it. */
  async send(message: OutgoingMessage): Promise<void> {
    await this.outbox.enqueue(message);
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    if (this.downTimer) clearTimeout(this.downTimer);
    await this.outbox.stop();
    this.client.removeAllListeners();
    if (!this.closed) this.client.disconnect();
    await Promise.allSettled([...this.inflight]);
    this.settle.resolve();
  }

  // ── connection ─────────────────────────────────────────────────────────────────────────────────────────────────

  /** The first sign-in: resolves on success; a refusal or no answer in time is a start-up error the operator must fix. */
  private signIn(): Promise<void> {
    const timeoutMs = this.options.startupTimeoutMs ?? 15_000;
    const where = this.options.wsUrl ?? 'wss://openws.work.weixin.qq.com';
    return new Promise<void>((resolve, reject) => {
      let lastError = '';
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.client.off('authenticated', onAuth);
        this.client.off('error', onError);
        if (!error) return resolve();
        this.client.disconnect();
        this.closed = true;
        reject(error);
      };
      const onAuth = () => finish();
      const onError = (error: Error) => {
        lastError = (error as Error & { code?: string }).code ?? error.message;
        if (/Authentication failed/.test(error.message)) {
          finish(new WecomStartupError(`WeCom at ${where} refused WECOM_BOT_ID/WECOM_BOT_SECRET (${error.message.replace(/^Authentication failed: /, '')}): copy both again from the bot's API settings (长连接) in the WeCom admin console`));
        }
      };
      const timer = setTimeout(() => finish(new WecomStartupError(`cannot reach WeCom at ${where} (no sign-in within ${timeoutMs / 1000} s${lastError ? `; last error: ${lastError}` : ''}): check the network or proxy, or WECOM_WS_URL`)), timeoutMs);
      this.client.on('authenticated', onAuth);
      this.client.on('error', onError);
      this.client.on('error', (error) => this.onError(error));
      this.client.connect();
    });
  }

  private async onSignedIn(): Promise<void> {
    // No "sent before this login" rule here (unlike WeChat puppets, which replay history): a message WeCom holds through a
    // short outage is a real one; the guard's age limit alone drops what is too old to act on.
    const now = this.clock.now();
    const first = !this.signedIn;
    this.signedIn = true;
    if (this.downTimer) clearTimeout(this.downTimer);
    this.downTimer = undefined;
    const since = this.downSince;
    this.downSince = undefined;
    if (first) {
      this.options.log(`wecom: signed in as bot ${this.options.botId}${this.options.wsUrl ? ` at ${this.options.wsUrl}` : ''}`);
      return;
    }
    this.options.log(`wecom: reconnected${since !== undefined ? ` after ${formatDuration(now.getTime() - since)}` : ''}${this.outbox.pending > 0 ? `; sending ${this.outbox.pending} message(s) kept meanwhile` : ''}`);
    const closed = await this.offline.cameOnline('wecom', now);
    if (closed && this.told) {
      this.told = false;
      await this.tell(alertText.backOnline(WECOM.displayName, this.options.botId, this.formatTime(now), formatDuration(now.getTime() - Date.parse(closed.from))));
    }
  }

  /** The socket closed: the SDK reconnects by itself; managers hear only when it stays down. */
  private onDown(reason: string): void {
    if (this.stopping || !this.signedIn) return;
    if (this.downSince !== undefined) return; // a failed reconnect attempt of the same outage
    this.downSince = this.clock.now().getTime();
    this.options.log(`wecom: connection closed (${reason}); reconnecting with backoff`);
    if (this.downTimer) return;
    this.downTimer = setTimeout(() => {
      this.downTimer = undefined;
      this.track(this.downTooLong(reason));
    }, this.options.alertAfterMs ?? 120_000);
    this.downTimer.unref?.();
  }

  private async downTooLong(reason: string): Promise<void> {
    if (this.downSince === undefined || this.stopping) return;
    const since = new Date(this.downSince);
    await this.offline.wentOffline('wecom', since, `connection lost: ${reason}`);
    this.told = true;
    await this.tell(alertText.loggedOut(WECOM.displayName, this.options.botId, this.formatTime(since), `长连接断开(${reason}),正在自动重连`));
  }

  private onError(error: Error): void {
    if (this.stopping) return;
    if (error instanceof WSAuthFailureError && this.signedIn) {
      // The secret was reset in the admin console while running: retrying cannot help.
      this.track(this.fatal(`WeCom refused the bot's credentials after ${error.message.match(/\d+/)?.[0] ?? 'several'} attempts`, 'WECOM_BOT_SECRET 已失效(管理后台重置过 Secret?)'));
      return;
    }
    // Socket errors are already logged by the SDK's logger ("wecom sdk: …"); the reconnect is its business.
  }

  /** WeCom keeps one long connection per bot: a newer one (another Huiyin with the same bot) closes this one. */
  private async onReplaced(): Promise<void> {
    await this.fatal('another process connected with this WECOM_BOT_ID, and WeCom closed this connection: run one Huiyin per bot', '另一个进程用同一个机器人 ID 建立了连接');
  }

  private async fatal(text: string, why: string): Promise<void> {
    if (this.stopping) return;
    const now = this.clock.now();
    this.options.log(`wecom: ${text}`);
    await this.offline.wentOffline('wecom', now, why);
    await this.tell(alertText.loggedOut(WECOM.displayName, this.options.botId, this.formatTime(now), why));
    this.settle.reject(new WecomStartupError(`wecom: ${text}`));
  }

  private async tell(text: string): Promise<void> {
    try {
      await this.options.alert?.(text);
    } catch (error) {
      this.options.log(`wecom: alert failed: ${(error as Error).message}`);
    }
  }

  // ── incoming ───────────────────────────────────────────────────────────────────────────────────────────────────

  private async onMessage(frame: WsFrame<WcMessage>): Promise<void> {
    const body = frame.body;
    if (!body?.msgid) return;
    const chatId = body.chattype === 'group' && body.chatid ? body.chatid : body.from?.userid;
    if (chatId) this.remember(body.msgid, { reqId: frame.headers.req_id, chatId, at: this.clock.now().getTime() });
    const sentAt = timeOf(body.create_time);
    await this.guard.pass({ id: body.msgid, what: `message ${body.msgid}`, ...(sentAt && { sentAt }) }, () => this.translate(body), this.handler);
  }

  private async translate(body: WcMessage): Promise<IncomingMessage | undefined> {
    const translated = toIncoming(body, this.options.botNames, this.clock.now());
    if (translated.kind === 'skip') {
      this.options.log(`wecom: message ${body.msgid} skipped: ${translated.reason}`);
      return undefined;
    }
    if (WHOAMI.test(translated.message.text)) {
      await this.whoami(translated.message);
      return undefined;
    }
    const attachments: Attachment[] = [];
    for (const [i, download] of translated.downloads.entries()) attachments.push(await this.save(body.msgid, i, download));
    return { ...translated.message, attachments };
  }

  /**
   * Ids for the config: WeCom shows no group chatid anywhere in its apps, so the bot says it, with the lines to paste
   * (answered here, since WeCom ids are this platform's business).
   */
  private async whoami(message: IncomingMessage): Promise<void> {
    const { chat, sender } = message;
    const lines = [
      chat.kind === 'group' ? `本群 chatid:${chat.id}` : '这是与机器人的单聊',
      `您的 userid:${sender.id}`,
      '',
      '配置示例 / config:',
      ...(chat.kind === 'group' ? [`chats:\n  - { platform: wecom, id: "${chat.id}", estate: …, role: owners }`] : []),
      `staff:\n  - { platform: wecom, id: "${sender.id}", name: …, estate: …, unit: engineering }`,
    ];
    await this.outbox.enqueue({ chat: { platform: 'wecom', id: chat.id }, text: lines.join('\n'), replyTo: message.id });
  }

  /** WeCom's file links expire in five minutes: the file is fetched and decrypted now, and kept with the data. */
  private async save(msgid: string, index: number, download: WcDownload): Promise<Attachment> {
    const ref = `${msgid}#${index}`;
    const dir = this.options.attachmentsDir;
    if (!dir) return { kind: download.kind, ref };
    try {
      const { buffer, filename } = await this.client.downloadFile(download.url, download.aeskey);
      const ext = extname(filename ?? '') || (download.kind === 'image' ? '.jpg' : download.kind === 'video' ? '.mp4' : '');
      const name = `${msgid.replace(/[^A-Za-z0-9_-]/g, '_')}-${index}${ext}`;
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), buffer);
      return { kind: download.kind, ref, name };
    } catch (error) {
      // The ticket still records the message id; staff can find the picture in the chat.
      this.options.log(`wecom: could not save ${download.kind} of message ${msgid}: ${(error as Error).message}`);
      return { kind: download.kind, ref };
    }
  }

  private async onPress(frame: WsFrame<WcEvent>): Promise<void> {
    const body = frame.body;
    if (!body?.msgid) return;
    const sentAt = timeOf(body.create_time);
    await this.guard.pass(
      { id: body.msgid, what: `button press ${body.msgid}`, ...(sentAt && { sentAt }) },
      async () => {
        const text = await this.textOfKey(body.event.event_key ?? '');
        if (text !== undefined) this.track(this.markPressed(frame, body, text));
        if (text === undefined) {
          const chat = body.chattype === 'group' && body.chatid ? body.chatid : body.from.userid;
          await this.outbox.enqueue({ chat: { platform: 'wecom', id: chat }, text: '这个按钮已失效,请直接输入文字' });
          return undefined;
        }
        const translated = pressToIncoming(body, text, this.clock.now());
        return translated.kind === 'message' ? translated.message : undefined;
      },
      this.handler,
    );
  }

  /**
   * The presser's copy of the card becomes a notice of what they chose, so a second press cannot send it twice. Only
   * theirs: in a group, a stranger's press must not take the 接单 button away from the engineers. WeCom accepts the
   * update only within five seconds of the event, so it goes out at once, beside the outbox.
   */
  private async markPressed(frame: WsFrame<WcEvent>, body: WcEvent, text: string): Promise<void> {
    if (!body.event.task_id) return;
    try {
      await this.client.updateTemplateCard(frame, { card_type: 'text_notice', main_title: { title: `已选择:${text}` }, task_id: body.event.task_id }, [body.from.userid]);
    } catch (error) {
      this.options.log(`wecom: could not update the card of ${body.msgid}: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
    }
  }

  private async textOfKey(key: string): Promise<string | undefined> {
    if (key.startsWith('t:')) return key.slice(2);
    if (key.startsWith('k:')) return (await this.options.store.getRecord<{ text: string }>(BUTTONS, key.slice(2)))?.text;
    return undefined;
  }

  private remember(msgid: string, callback: Callback): void {
    const window = this.options.replyWindowMs ?? 5 * 60_000;
    const cutoff = callback.at - window;
    for (const [id, c] of this.callbacks) if (c.at < cutoff) this.callbacks.delete(id);
    this.callbacks.set(msgid, callback);
  }

  // ── outgoing ───────────────────────────────────────────────────────────────────────────────────────────────────

  /** The platform call behind the outbox: a picture, the text, then the buttons card. */
  private async sendNow(message: OutgoingMessage): Promise<void> {
    const chatId = message.chat.id;
    try {
      if (message.image) {
        const buffer = await readFile(message.image.path);
        const uploaded = await this.client.uploadMedia(buffer, { type: 'image', filename: basename(message.image.path) });
        await this.client.sendMediaMessage(chatId, 'image', uploaded.media_id);
      }
      if (message.text.trim() && !this.textSent.has(message)) {
        await this.sendText(chatId, message.text, message.replyTo);
        this.textSent.add(message);
      }
      if (message.quickReplies?.length) await this.sendCard(chatId, message.text, message.quickReplies);
    } catch (error) {
      throw toSendError(error, chatId);
    }
  }

  /** The passive reply to a fresh callback of this chat (a finished stream message), else a pushed markdown message. */
  private async sendText(chatId: string, text: string, replyTo: string | undefined): Promise<void> {
    const callback = replyTo ? this.callbacks.get(replyTo) : undefined;
    const window = this.options.replyWindowMs ?? 5 * 60_000;
    if (callback && callback.chatId === chatId && this.clock.now().getTime() - callback.at <= window) {
      // One passive reply per callback: later parts and messages are pushed.
      this.callbacks.delete(replyTo!);
      await this.client.replyStream({ headers: { req_id: callback.reqId } }, `stream-${this.newId()}`, text, true);
      return;
    }
    await this.client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: text } });
  }

  private async sendCard(chatId: string, text: string, quickReplies: QuickReply[]): Promise<void> {
    const keys = new Map<QuickReply, string>();
    for (const q of quickReplies) keys.set(q, await this.keyOf(q.text));
    const card = buttonCard(text, quickReplies, `huiyin-${this.newId()}`, (q) => keys.get(q)!);
    await this.client.sendMessage(chatId, { msgtype: 'template_card', template_card: card });
  }

  /** The button's key: the text itself, or a short key remembered in the store when the text is too long for one. */
  private async keyOf(text: string): Promise<string> {
    const direct = `t:${text}`;
    if (Buffer.byteLength(direct, 'utf8') <= MAX_KEY_BYTES) return direct;
    const key = createHash('sha256').update(text).digest('base64url').slice(0, 16);
    await this.options.store.putRecord(BUTTONS, key, { text });
    return `k:${key}`;
  }

  private newId(): string {
    return this.options.newId?.() ?? randomUUID().replace(/-/g, '');
  }

  private formatTime(at: Date): string {
    return at.toLocaleString('zh-CN', { timeZone: this.options.timezone ?? 'Asia/Shanghai', hour12: false });
  }

  private track(work: Promise<unknown>): void {
    const guarded = work.catch((error: unknown) => this.options.log(`wecom: ${(error as Error).stack ?? error}`));
    this.inflight.add(guarded);
    void guarded.finally(() => this.inflight.delete(guarded));
  }
}
