import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small Bot API server for tests, on 127.0.0.1 at a random port. It speaks enough of the real protocol for the real
 * Telegraf client: getMe, long-polling getUpdates (offset, timeout, limit), sendMessage, sendPhoto, editMessageText,
 * answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook, getFile. Every call is recorded; a failure (429 with
 * retry_after, 403, …) can be injected for the next call of a method. Updates are queued by the test as people
 * would produce them (`say`, `press`), and sent to the bot by polling or, in webhook mode, posted by the test.
 */

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  is_bot?: boolean;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  first_name?: string;
}

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
}

export interface SentMessage {
  message_id: number;
  chat: FakeChat;
  text: string;
  date: number;
  from: FakeUser;
  reply_to?: number;
  /** The buttons as [label, callback_data] rows. */
  buttons: Array<Array<{ text: string; callback_data: string }>>;
}

interface Failure {
  error_code: number;
  description: string;
  parameters?: Record<string, unknown>;
}

interface Waiter {
  offset: number;
  limit: number;
  respond: (updates: unknown[]) => void;
}

export class FakeBotApi {
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  /** Photos the bot uploaded (sendPhoto), with their bytes. */
  readonly photos: Array<{ chatId: number; bytes: Buffer; caption?: string }> = [];
  private server: Server | undefined;
  private updates: Array<{ update_id: number } & Record<string, unknown>> = [];
  private nextUpdateId = 1000;
  private readonly nextMessageId = new Map<number, number>();
  private readonly failures = new Map<string, Failure[]>();
  private waiters: Waiter[] = [];
  private listeners: Array<() => void> = [];
  readonly me: FakeUser & { can_join_groups: boolean; can_read_all_group_messages: boolean; supports_inline_queries: boolean };

  constructor(
    readonly token: string,
    options: { username?: string; id?: number; now?: () => number; privacyOff?: boolean } = {},
  ) {
    this.me = {
      id: options.id ?? 900_001,
      is_bot: true,
      first_name: '回音',
      username: options.username ?? 'huiyin_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: options.privacyOff ?? true,
      supports_inline_queries: false,
    };
    this.now = options.now ?? Date.now;
  }

  private readonly now: () => number;

  get apiRoot(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    for (const w of this.waiters.splice(0)) w.respond([]);
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** The next `times` calls of `method` fail with this answer (e.g. 429 with retry_after). */
  failNext(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** What the bot sent to a chat, oldest first. */
  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat.id === chatId);
  }

  // ── people's side ────────────────────────────────────────────────────────────────────────────────────────────────

  /** A person writes in a chat: queues a message update (with mention and command entities as Telegram adds them). */
  say(from: FakeUser, chat: FakeChat, text: string, extra: Record<string, unknown> = {}): { update_id: number; message: Record<string, unknown> } {
    return this.queue({ message: this.message(from, chat, text, extra) }) as { update_id: number; message: Record<string, unknown> };
  }

  /** A person presses a button of a message the bot sent: queues a callback_query update. */
  press(from: FakeUser, sent: SentMessage, label: string): { update_id: number; callback_query: Record<string, unknown> } {
    return this.queue({ callback_query: this.callbackQuery(from, sent, label) }) as { update_id: number; callback_query: Record<string, unknown> };
  }

  /** The message object Telegram would build for a person's text (not queued). */
  message(from: FakeUser, chat: FakeChat, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const entities = entitiesOf(text);
    return {
      message_id: this.newMessageId(chat.id),
      date: Math.floor(this.now() / 1000),
      chat,
      from: { is_bot: false, ...from },
      text,
      ...(entities.length > 0 && { entities }),
      ...extra,
    };
  }

  /** The callback_query object for pressing a button of a message the bot sent (not queued). */
  callbackQuery(from: FakeUser, sent: SentMessage, label: string): Record<string, unknown> {
    const button = sent.buttons.flat().find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" on message ${sent.message_id}: ${JSON.stringify(sent.buttons)}`);
    return {
      id: String(Math.floor(Math.random() * 1e12)),
      from: { is_bot: false, ...from },
      chat_instance: String(sent.chat.id),
      data: button.callback_data,
      message: { message_id: sent.message_id, date: sent.date, chat: sent.chat, from: sent.from, text: sent.text, reply_markup: { inline_keyboard: sent.buttons } },
    };
  }

  /** Builds an update without queueing it (webhook tests post it themselves). */
  update(body: Record<string, unknown>): { update_id: number } & Record<string, unknown> {
    return { update_id: ++this.nextUpdateId, ...body };
  }

  /** Queues an update for getUpdates; `redeliver` puts an already-delivered update back, as Telegram may. */
  queue(body: Record<string, unknown>): { update_id: number } & Record<string, unknown> {
    const update = 'update_id' in body ? (body as { update_id: number } & Record<string, unknown>) : this.update(body);
    this.updates.push(update);
    this.updates.sort((a, b) => a.update_id - b.update_id);
    this.flushWaiters();
    return update;
  }

  /** Telegram re-sending an update it thinks was not handled: delivered again even below the confirmed offset. */
  redeliver(update: { update_id: number } & Record<string, unknown>): void {
    this.forced.add(update.update_id);
    this.queue(update);
  }

  private readonly forced = new Set<number>();

  /** Resolves when `check` passes (checked after every call and every 10 ms), or rejects after `timeoutMs`. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) {
        const last = this.calls.slice(-8).map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 160)}`);
        throw new Error(`timed out waiting for ${what}; last calls:\n${last.join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 10);
        const listeners = this.listeners;
        function done() {
          clearTimeout(timer);
          resolve();
        }
        listeners.push(done);
      });
    }
  }

  /** Waits for a message to `chatId` whose text matches. */
  waitForSent(chatId: number, match: RegExp | string, timeoutMs = 5000): Promise<SentMessage> {
    const test = (text: string) => (typeof match === 'string' ? text.includes(match) : match.test(text));
    return this.waitFor(() => this.sentTo(chatId).find((m) => test(m.text)), timeoutMs, `a message to ${chatId} matching ${match}`);
  }

  // ── the API ──────────────────────────────────────────────────────────────────────────────────────────────────────

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url?.split('?')[0] ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    let body = raw.toString('utf8');
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, method] = match as unknown as [string, string, string];
    if (token !== this.token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    let params: Record<string, unknown> = {};
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      // Uploads (sendPhoto with a local file): fields as text, files as their bytes.
      const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
      for (const [key, value] of form.entries()) params[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
      body = '';
    }
    try {
      if (body) params = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return send(res, 400, { ok: false, error_code: 400, description: 'Bad Request: body is not JSON' });
    }
    this.calls.push({ method, params, at: Date.now() });
    this.notify();
    const failure = this.failures.get(method)?.shift();
    if (failure) return send(res, failure.error_code, { ok: false, ...failure });
    if (method === 'getUpdates') return this.getUpdates(params, res);
    const result = this.answer(method, params);
    if (result === undefined) return send(res, 404, { ok: false, error_code: 404, description: `Not Found: method ${method}` });
    if (result instanceof Error) return send(res, 400, { ok: false, error_code: 400, description: result.message });
    send(res, 200, { ok: true, result });
  }

  private answer(method: string, params: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return this.me;
      case 'deleteWebhook':
      case 'setWebhook':
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return true;
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: this.updates.length };
      case 'getFile':
        return { file_id: params.file_id, file_unique_id: `u${String(params.file_id)}`, file_size: 1024, file_path: `photos/${String(params.file_id)}.jpg` };
      case 'sendMessage': {
        const text = String(params.text ?? '');
        if (!text) return new Error('Bad Request: message text is empty');
        if (text.length > 4096) return new Error('Bad Request: message is too long');
        // As the real server: an entity must lie inside the text (UTF-16 units) and a text_mention name a user id.
        const entities = (params.entities ?? []) as Array<{ type?: string; offset?: number; length?: number; user?: { id?: unknown } }>;
        for (const e of entities) {
          const inside = Number.isInteger(e.offset) && Number.isInteger(e.length) && e.offset! >= 0 && e.length! > 0 && e.offset! + e.length! <= text.length;
          if (!inside || (e.type === 'text_mention' && typeof e.user?.id !== 'number')) return new Error("Bad Request: can't parse entities");
        }
        const chatId = Number(params.chat_id);
        const chat: FakeChat = chatId > 0 ? { id: chatId, type: 'private', first_name: 'someone' } : { id: chatId, type: 'supergroup', title: `group ${chatId}` };
        const markup = params.reply_markup as { inline_keyboard?: SentMessage['buttons'] } | undefined;
        const replyTo = (params.reply_parameters as { message_id?: number } | undefined)?.message_id;
        const message: SentMessage = {
          message_id: this.newMessageId(chatId),
          chat,
          text,
          date: Math.floor(this.now() / 1000),
          from: { id: this.me.id, is_bot: true, first_name: this.me.first_name, username: this.me.username },
          buttons: markup?.inline_keyboard ?? [],
          ...(replyTo !== undefined && { reply_to: replyTo }),
        };
        this.sent.push(message);
        return { message_id: message.message_id, date: message.date, chat, from: message.from, text, ...(markup && { reply_markup: markup }) };
      }
      case 'sendPhoto': {
        const photo = params.photo;
        if (!Buffer.isBuffer(photo) || photo.length === 0) return new Error('Bad Request: there is no photo in the request');
        const chatId = Number(params.chat_id);
        this.photos.push({ chatId, bytes: photo, ...(typeof params.caption === 'string' && { caption: params.caption }) });
        return { message_id: this.newMessageId(chatId), date: Math.floor(this.now() / 1000), chat: { id: chatId, type: 'supergroup' }, photo: [{ file_id: 'p1', file_unique_id: 'u1', width: 1, height: 1 }] };
      }
      case 'editMessageText': {
        const found = this.sent.find((m) => m.chat.id === Number(params.chat_id) && m.message_id === Number(params.message_id));
        if (!found) return new Error('Bad Request: message to edit not found');
        found.text = String(params.text);
        found.buttons = (params.reply_markup as { inline_keyboard?: SentMessage['buttons'] } | undefined)?.inline_keyboard ?? [];
        return { message_id: found.message_id, date: found.date, chat: found.chat, text: found.text };
      }
      default:
        return undefined;
    }
  }

  private getUpdates(params: Record<string, unknown>, res: ServerResponse): void {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Number(params.limit ?? 100));
    const timeoutMs = Number(params.timeout ?? 0) * 1000;
    // Telegram forgets updates below the offset: they are confirmed.
    this.updates = this.updates.filter((u) => u.update_id >= offset || this.forced.has(u.update_id));
    const ready = this.take(offset, limit);
    if (ready.length > 0 || timeoutMs === 0) return send(res, 200, { ok: true, result: ready });
    const waiter: Waiter = {
      offset,
      limit,
      respond: (updates) => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        if (!res.writableEnded) send(res, 200, { ok: true, result: updates });
      },
    };
    const timer = setTimeout(() => waiter.respond([]), timeoutMs);
    // The client gave up (Telegraf aborts the long poll on stop).
    res.once('close', () => {
      clearTimeout(timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
    this.waiters.push(waiter);
  }

  private take(offset: number, limit: number): unknown[] {
    const ready = this.updates.filter((u) => u.update_id >= offset || this.forced.has(u.update_id)).slice(0, limit);
    for (const u of ready) {
      // A forced redelivery goes out once.
      if (u.update_id < offset) this.updates = this.updates.filter((x) => x !== u);
      this.forced.delete(u.update_id);
    }
    return ready;
  }

  private flushWaiters(): void {
    for (const waiter of [...this.waiters]) {
      const ready = this.take(waiter.offset, waiter.limit);
      if (ready.length > 0) waiter.respond(ready);
    }
  }

  private notify(): void {
    for (const listener of this.listeners.splice(0)) listener();
  }

  private newMessageId(chatId: number): number {
    const id = (this.nextMessageId.get(chatId) ?? 0) + 1;
    this.nextMessageId.set(chatId, id);
    return id;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Telegram marks /commands[@bot] and @mentions with entities; offsets and lengths in UTF-16 units. */
export function entitiesOf(text: string): Array<{ type: string; offset: number; length: number }> {
  const out: Array<{ type: string; offset: number; length: number }> = [];
  for (const m of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?)/g)) {
    if (m.index === undefined) continue;
    if (m.index + m[1]!.length === 0) out.push({ type: 'bot_command', offset: 0, length: m[2]!.length });
  }
  for (const m of text.matchAll(/@[A-Za-z0-9_]{5,32}/g)) {
    if (m.index === undefined) continue;
    if (out.some((e) => m.index! >= e.offset && m.index! < e.offset + e.length)) continue;
    out.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return out.sort((a, b) => a.offset - b.offset);
}
