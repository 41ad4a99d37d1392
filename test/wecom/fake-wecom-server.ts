import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake of WeCom's AI-bot long-connection server (developer.work.weixin.qq.com/document/path/101463), on 127.0.0.1
 * at a random port, speaking the frames @wecom/aibot-node-sdk 1.0.7 speaks (read from its source):
 *
 * - client → server: `aibot_subscribe` {bot_id, secret} (answered `{headers:{req_id}, errcode, errmsg}`), `ping`
 *   (answered the same way), `aibot_respond_msg` (a passive reply under a callback's req_id), `aibot_respond_update_msg` (a card update
 *   under a button event's req_id), `aibot_send_msg`
 *   {chatid, msgtype markdown|template_card|image…}, `aibot_upload_media_init|chunk|finish` (answered with upload_id,
 *   then media_id in the body). Every request is acknowledged with its own req_id and an errcode.
 * - server → client: `aibot_msg_callback` (a message) and `aibot_event_callback` (template_card_event, enter_chat,
 *   disconnected_event), each with a fresh req_id.
 *
 * Photos people send are served encrypted at http://127.0.0.1:PORT/files/ID with a per-file aeskey, AES-256-CBC with
 * PKCS#7 padding to 32 bytes, as the SDK's decryptFile expects. The error codes the fake answers with (40001 for a
 * wrong secret, 45009 for too many requests) are WeCom's global codes; what the real server sends in each case is not
 * documented, so tests only rely on "not 0".
 */

/**
 * How long a test waits for the bot by default: the first message of a run also loads the segmenter (lazily, issue 23),
 * which takes seconds on a loaded machine.
 */
export const WAIT_MS = 15_000;

export interface FakeUser {
  userid: string;
}

export interface FakeChat {
  /** A group's chatid, or the person's userid for a private chat. */
  id: string;
  type: 'group' | 'single';
}

export interface SentMessage {
  chatid: string;
  /** markdown, stream (a passive reply), template_card, image. */
  kind: string;
  text: string;
  /** The msgid of the callback a passive reply answers. */
  inReplyTo?: string;
  card?: { main_title?: { title?: string }; button_list?: Array<{ text: string; key: string }>; task_id?: string };
  mediaId?: string;
  at: number;
}

export interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
  errcode?: number;
  errmsg?: string;
}

interface Callback {
  msgid: string;
  chatid: string;
}

export class FakeWecomServer {
  readonly received: Array<Frame & { at: number }> = [];
  readonly sent: SentMessage[] = [];
  /** Successful sign-ins, in order. */
  readonly signIns: number[] = [];
  readonly uploads = new Map<string, Buffer>();
  /** Card updates answering a button press (aibot_respond_update_msg), for whom. */
  readonly cardUpdates: Array<{ chatid: string; inReplyTo: string; title: string; taskId: string; userids: string[] }> = [];
  private http: Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly sockets = new Set<WebSocket>();
  private readonly authed = new Set<WebSocket>();
  private readonly callbacks = new Map<string, Callback>();
  private readonly files = new Map<string, { bytes: Buffer; name: string }>();
  private readonly uploadParts = new Map<string, Buffer[]>();
  private failures: Array<{ cmd: string; errcode: number; errmsg: string }> = [];
  private answerPings = true;
  private nextId = 1;

  constructor(
    readonly botId: string,
    readonly secret: string,
    private readonly options: { now?: () => number } = {},
  ) {}

  async start(): Promise<void> {
    this.http = createServer((req, res) => {
      const id = /^\/files\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '')?.[1];
      const file = id ? this.files.get(id) : undefined;
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${file.name}"` });
      res.end(file.bytes);
    });
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.authed.delete(socket);
      });
      socket.on('message', (data) => this.onFrame(socket, JSON.parse(String(data)) as Frame));
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', () => resolve()));
  }

  get port(): number {
    return (this.http!.address() as AddressInfo).port;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** Open, signed-in connections. */
  get connections(): number {
    return this.authed.size;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()) ?? resolve());
    await new Promise<void>((resolve) => {
      if (!this.http?.listening) return resolve();
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
  }

  // ── what people do ─────────────────────────────────────────────────────────────────────────────────────────────

  /** A person writes in a chat (in a group, WeCom delivers only messages that @ the bot: write "@回音 …"). */
  say(user: FakeUser, chat: FakeChat, text: string, extra: Record<string, unknown> = {}): Frame {
    return this.deliver('aibot_msg_callback', user, chat, { msgtype: 'text', text: { content: text }, ...extra });
  }

  /** A file as WeCom hands it to the bot: an address serving it encrypted, and its aeskey. */
  file(bytes: Buffer, name = 'photo.png'): { url: string; aeskey: string } {
    const key = randomBytes(32);
    const id = `f${this.nextId++}`;
    this.files.set(id, { bytes: encrypt(bytes, key), name });
    return { url: `http://127.0.0.1:${this.port}/files/${id}`, aeskey: key.toString('base64') };
  }

  /** A person sends a photo (WeCom delivers photos alone only in private chats). */
  sendPhoto(user: FakeUser, bytes: Buffer, name = 'photo.png'): Frame {
    return this.deliver('aibot_msg_callback', user, { id: user.userid, type: 'single' }, { msgtype: 'image', image: this.file(bytes, name) });
  }

  /** Text and pictures in one message (图文混排), which WeCom delivers in groups too. */
  sayMixed(user: FakeUser, chat: FakeChat, text: string, pictures: Buffer[]): Frame {
    const items = [{ msgtype: 'text', text: { content: text } }, ...pictures.map((p, i) => ({ msgtype: 'image', image: this.file(p, `p${i}.png`) }))];
    return this.deliver('aibot_msg_callback', user, chat, { msgtype: 'mixed', mixed: { msg_item: items } });
  }

  /** A person presses a button of a card the bot sent. */
  press(user: FakeUser, card: SentMessage, label: string): Frame {
    const button = card.card?.button_list?.find((b) => b.text === label);
    if (!button) throw new Error(`no button "${label}" on the card to ${card.chatid}`);
    const chat: FakeChat = card.chatid === user.userid ? { id: user.userid, type: 'single' } : { id: card.chatid, type: 'group' };
    return this.deliver('aibot_event_callback', user, chat, {
      msgtype: 'event',
      event: { eventtype: 'template_card_event', event_key: button.key, task_id: card.card?.task_id },
    });
  }

  /** Any frame again, as it was (a re-delivery). */
  redeliver(frame: Frame): void {
    this.push(frame);
  }

  /** Drops every connection without a close handshake, as a network failure does. */
  dropConnections(): void {
    for (const s of this.sockets) s.terminate();
  }

  /** Tells the current connection that a newer one replaced it, then closes it (WeCom's disconnected_event). */
  replaceConnection(): void {
    this.deliver('aibot_event_callback', { userid: 'system' }, { id: 'system', type: 'single' }, { msgtype: 'event', event: { eventtype: 'disconnected_event' } });
  }

  /** The next request of this command is refused with this error code. */
  failNext(cmd: string, errcode: number, errmsg: string): void {
    this.failures.push({ cmd, errcode, errmsg });
  }

  /** Stop answering heartbeats: the client should count the connection dead and reconnect. */
  ignorePings(ignore = true): void {
    this.answerPings = !ignore;
  }

  // ── what the bot did ───────────────────────────────────────────────────────────────────────────────────────────

  sentTo(chatid: string): SentMessage[] {
    return this.sent.filter((m) => m.chatid === chatid);
  }

  /** Polls `find` until it returns something (a sent message, a log line), or fails after `timeoutMs`. */
  async waitFor<T>(find: () => T | undefined | false, timeoutMs = WAIT_MS, what = 'condition'): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      if (Date.now() > until) {
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; sent: ${JSON.stringify(this.sent.map((m) => [m.chatid, m.kind, m.text.slice(0, 40)]))}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The first message to the chat whose text contains `pattern` (or a card whose title does). */
  waitForSent(chatid: string, pattern: string | RegExp, timeoutMs = WAIT_MS, kind?: string): Promise<SentMessage> {
    const matches = (m: SentMessage) => (kind === undefined || m.kind === kind) && (typeof pattern === 'string' ? m.text.includes(pattern) : pattern.test(m.text));
    return this.waitFor(() => this.sentTo(chatid).find(matches), timeoutMs, `a message to ${chatid} matching ${pattern}`);
  }

  /** The buttons card sent to the chat after the text matching `pattern`. */
  waitForCard(chatid: string, title: string | RegExp, timeoutMs = WAIT_MS): Promise<SentMessage> {
    return this.waitForSent(chatid, title, timeoutMs, 'template_card');
  }

  // ── protocol ───────────────────────────────────────────────────────────────────────────────────────────────────

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  private deliver(cmd: string, user: FakeUser, chat: FakeChat, content: Record<string, unknown>): Frame {
    const msgid = `msg${this.nextId++}`;
    const body = {
      msgid,
      aibotid: this.botId,
      ...(chat.type === 'group' && { chatid: chat.id }),
      chattype: chat.type,
      from: { userid: user.userid },
      create_time: Math.floor(this.now() / 1000),
      ...content,
    };
    const frame: Frame = { cmd, headers: { req_id: `cb_${this.nextId++}` }, body };
    this.callbacks.set(frame.headers.req_id, { msgid, chatid: chat.id });
    this.push(frame);
    return frame;
  }

  private push(frame: Frame): void {
    const open = [...this.authed];
    if (open.length === 0) throw new Error('no signed-in connection to deliver to');
    for (const s of open) s.send(JSON.stringify(frame));
  }

  private onFrame(socket: WebSocket, frame: Frame): void {
    this.received.push({ ...frame, at: this.now() });
    const reqId = frame.headers?.req_id ?? '';
    const answer = (errcode = 0, errmsg = 'ok', body?: Record<string, unknown>) =>
      socket.send(JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg, ...(body && { body }) }));
    switch (frame.cmd) {
      case 'aibot_subscribe': {
        const good = frame.body?.bot_id === this.botId && frame.body?.secret === this.secret;
        if (!good) return answer(40001, 'invalid bot_id or secret');
        this.authed.add(socket);
        this.signIns.push(this.now());
        answer();
        break;
      }
      case 'ping':
        if (this.answerPings) answer();
        break;
      case 'aibot_upload_media_init': {
        const uploadId = `up${this.nextId++}`;
        this.uploadParts.set(uploadId, []);
        answer(0, 'ok', { upload_id: uploadId });
        break;
      }
      case 'aibot_upload_media_chunk': {
        const parts = this.uploadParts.get(String(frame.body?.upload_id));
        if (!parts) return answer(40001, 'unknown upload_id');
        parts[Number(frame.body?.chunk_index)] = Buffer.from(String(frame.body?.base64_data), 'base64');
        answer();
        break;
      }
      case 'aibot_upload_media_finish': {
        const parts = this.uploadParts.get(String(frame.body?.upload_id));
        if (!parts) return answer(40001, 'unknown upload_id');
        const mediaId = `media${this.nextId++}`;
        this.uploads.set(mediaId, Buffer.concat(parts));
        answer(0, 'ok', { type: 'image', media_id: mediaId, created_at: String(Math.floor(this.now() / 1000)) });
        break;
      }
      case 'aibot_respond_update_msg': {
        const callback = this.callbacks.get(reqId);
        if (!callback) return answer(40001, 'unknown req_id');
        const b = frame.body as { template_card?: SentMessage['card']; userids?: string[] };
        this.cardUpdates.push({ chatid: callback.chatid, inReplyTo: callback.msgid, title: b.template_card?.main_title?.title ?? '', taskId: b.template_card?.task_id ?? '', userids: b.userids ?? [] });
        answer();
        break;
      }
      case 'aibot_respond_msg':
      case 'aibot_send_msg': {
        const failure = this.takeFailure(frame.cmd);
        if (failure) return answer(failure.errcode, failure.errmsg);
        const passive = frame.cmd === 'aibot_respond_msg';
        const callback = passive ? this.callbacks.get(reqId) : undefined;
        if (passive && !callback) return answer(40001, 'unknown req_id');
        const chatid = passive ? callback!.chatid : String(frame.body?.chatid);
        this.record(chatid, frame.body ?? {}, callback?.msgid);
        answer();
        break;
      }
      default:
        answer(40001, `unknown cmd ${frame.cmd}`);
    }
  }

  private takeFailure(cmd: string): { errcode: number; errmsg: string } | undefined {
    const i = this.failures.findIndex((f) => f.cmd === cmd);
    return i < 0 ? undefined : this.failures.splice(i, 1)[0];
  }

  private record(chatid: string, body: Record<string, unknown>, inReplyTo: string | undefined): void {
    const kind = String(body.msgtype);
    const b = body as {
      markdown?: { content: string };
      stream?: { content: string };
      template_card?: SentMessage['card'];
      image?: { media_id: string };
    };
    const text = b.markdown?.content ?? b.stream?.content ?? b.template_card?.main_title?.title ?? '';
    this.sent.push({
      chatid,
      kind,
      text,
      ...(inReplyTo && { inReplyTo }),
      ...(b.template_card && { card: b.template_card }),
      ...(b.image && { mediaId: b.image.media_id }),
      at: this.now(),
    });
  }
}

/** AES-256-CBC, IV = the key's first 16 bytes, PKCS#7 padding to 32 bytes: how WeCom encrypts files for the bot. */
function encrypt(bytes: Buffer, key: Buffer): Buffer {
  const pad = 32 - (bytes.length % 32);
  const padded = Buffer.concat([bytes, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}
