import { chmod, mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { FileBox } from 'file-box';
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import { ScanStatus, types } from 'wechaty';
import { type AlertImage, alertText } from '../../src/alerts/offline-alert.ts';
import { formatDuration, OfflineLog } from '../../src/alerts/offline-periods.ts';
import { type Clock, systemClock } from '../../src/clock.ts';
import type { Config } from '../../src/config/schema.ts';
import type { Adapter, Attachment, ChatRef, IncomingMessage, OutgoingMessage } from '../../src/messages.ts';
import { SendError } from '../../src/outbox/outbox.ts';
import type { PlatformParts } from '../../src/platform/module.ts';
import type { Store } from '../../src/store/store.ts';
import { BINDING_TEXT, BindingCodes, parseBindingCommand } from './binding.ts';
import { type ContactFacts, WechatPeople } from './people.ts';
import { printQr, qrPng } from './qr.ts';
import { RoomNames } from './room-names.ts';
import { WECHAT } from './info.ts';
import { RestartPacer } from './restart-pacer.ts';
import { DEFAULT_SEND_BUDGET, RATE_LIMIT_NOTICE, SendBudget, type SendBudgetLimits } from './send-budget.ts';
import { leadingMention, looksLikeRoomId, PRIVATE_CHAT_GONE, stripTypedMention, topicOf, TOPIC_PREFIX, withTypedChoices } from './wechat-text.ts';
import { afterNames, namedAtStart } from '../../src/platform/named-at-start.ts';

/**
 * WeChat through Wechaty (issue 8). Only translates: Wechaty messages → IncomingMessage (after the inbound guard
 * dropped the bot's own, stale replays and ids already seen), OutgoingMessage → room.say / contact.say through the
 * outbox the composition root built for WeChat, which paces sends
 * under WeChat's risk control and keeps them on disk while the session is down. Login, logout and scans are logged;
 * a drop or a needed scan is told to managers through `onOffline` and recorded as an offline period.
 */
export interface WechatAdapterOptions {
  /** A built, not yet started Wechaty (any puppet; tests pass wechaty-puppet-mock). */
  wechaty: Wechaty;
  store: Store;
  /** WeChat's one outbox and inbound guard, built by the composition root (`platformParts` in app/compose.ts). */
  parts: PlatformParts;
  config: Config;
  log: (line: string) => void;
  /** Tells managers through another channel (webhook, Telegram). Also told when the session is back. */
  onOffline: (text: string, image?: AlertImage) => Promise<void>;
  clock?: Clock;
  /** Up to this much random delay before each send (WeChat risk control). Default 0.8 s. */
  jitterMs?: number;
  /** Where photos are saved as `<message id>.<ext>`; not saved when undefined (the message id is still the ref). */
  attachmentsDir?: string;
  /** How a login QR code is shown locally; default: drawn in the terminal (stderr) with its content. */
  showQr?: (qrcode: string) => void;
  /**
   * A login QR code that changed is sent to managers (as a PNG where the channel shows pictures) at most this often,
   * and only while nobody is logged in; the newest one waiting goes out when the time is up. Default 60 s.
   */
  qrAlertIntervalMs?: number;
  /** Managers are told when there is no login this long after start (no scan may ever come). Default 5 min; 0: off. */
  loginTimeoutMs?: number;
  /** A short answer to voice in the same group at most this often per person. Default 10 minutes. */
  typeItIntervalMs?: number;
  /** Puppet restarts: backoff from this (default 5 s, with jitter) up to `restartMaxMs` (default 5 min). */
  restartBaseMs?: number;
  restartMaxMs?: number;
  /** After this many failed starts in a row the adapter gives up (`finished()` rejects; systemd restarts). Default 30. */
  maxStartAttempts?: number;
  /** A start that shows neither a QR code nor a login this long is a failed start. Default 60 s. */
  startProgressMs?: number;
  /** Called before the puppet is stopped (wechat4u: detach its self-restart on logout, see wechat4u-pacing.ts). */
  beforePuppetStop?: (wechaty: Wechaty) => void;
  /** The puppet's session file (it logs in as the bot): kept at mode 600 after each login. */
  sessionFile?: string;
  /**
   * After a login, wait this long at most for the puppet's `ready` (or for every configured group to be found) before
   * mapping groups by name and sending what was kept: wechat4u logs in before its rooms are loaded. Default 60 s.
   */
  readyTimeoutMs?: number;
  /** For this long after a login, "no such group" is retried, not given up: rooms keep arriving. Default 5 min. */
  roomGraceMs?: number;
  /** Hourly, burst and after-login caps on sending (send-budget.ts). */
  sendBudget?: Partial<SendBudgetLimits>;
  /** After WeChat says 操作过于频繁, nothing is sent for this long, then slowly. Default 30 min. */
  rateLimitPauseMs?: number;
  /** Injected for tests: the backoff's jitter. */
  random?: () => number;
  /**
   * Give people who write privately, and staff who bind themselves, a remark name (备注) in the bot's WeChat when they
   * have neither a WeChat id nor a remark: the one thing a web puppet keeps across logins (people.ts). Default on.
   */
  setRemarks?: boolean;
}

/** What the outbox keeps for WeChat: the core's message plus whom a leading "@name " stands for. */
/** What the outbox stores for WeChat: the mention's id is this login's contact id, where it is known. */
type WechatOutgoing = OutgoingMessage;

interface Speaker {
  chatId: string;
  contactId: string;
  name: string;
}

const TYPE_IT = {
  audio: '抱歉,我听不了语音,请打字告诉我。',
  video: '抱歉,我看不了视频,请打字告诉我;照片可以直接发。',
  other: '抱歉,我看不了链接和表情,请打字告诉我。',
};

const RECENT_LIMIT = 2000;

export class WechatAdapter implements Adapter {
  readonly platform = 'wechat' as const;
  private handler: ((message: IncomingMessage) => Promise<void>) | undefined;
  private readonly outbox: PlatformParts['outbox'];
  private readonly guard: PlatformParts['guard'];
  private readonly offline: OfflineLog;
  private readonly clock: Clock;
  /** Incoming message id → who said it, so a reply to it @-mentions them. */
  private readonly recent = new Map<string, Speaker>();
  /** chat id → display name → contact id, to turn the core's "@name " into a real mention. */
  private readonly names = new Map<string, Map<string, string>>();
  /** Chat ids seen as private chats (contact ids), where the id's form cannot tell. */
  private readonly privateChats = new Set<string>();
  /** Room id → config chat id, for groups configured as "topic:…"; rebuilt at each login. */
  private readonly roomToChat = new Map<string, string>();
  private readonly typeItAt = new Map<string, number>();
  private readonly introduced = new Set<string>();
  private selfName = '';
  /** The current offline episode: what managers were already told, so a refreshing QR code is not a new alert. */
  private episode: { toldLogout: boolean; toldScan: boolean } | undefined;
  private started = false;
  private loginTimer: NodeJS.Timeout | undefined;
  private lastError: { text: string; at: number; repeats: number } | undefined;
  /** Puppet starts, spaced by a backoff; wechat4u's own restart loop goes through it too (wechat4u-pacing.ts). */
  readonly restarts: RestartPacer;
  /** When the puppet last showed it is alive (a QR code, a login); a start without it is a failed start. */
  private progressAt = 0;
  private progressTimer: NodeJS.Timeout | undefined;
  private toldCannotStart = false;
  private attempts = 0;
  private gaveUp: ((error: Error) => void) | undefined;
  private readonly finishedPromise: Promise<void>;
  /** The puppet said `ready` (contacts and rooms loaded) since the last login; wechat4u says it after `login`. */
  private ready = false;
  private readyWaiters: Array<() => void> = [];
  private loginAt = 0;
  private readonly budget: SendBudget;
  /** Sending is paused until then because WeChat said 操作过于频繁. */
  private pausedUntil = 0;
  private pauseTimer: NodeJS.Timeout | undefined;
  /** Stable person ids across logins (people.ts), staff binding codes (binding.ts), names of groups configured by id. */
  private people!: WechatPeople;
  private codes!: BindingCodes;
  private roomNames!: RoomNames;
  private readonly wrongCodes = new Map<string, number>();
  /** The last login QR code sent to managers (and when), the newest one waiting for the throttle, and its timer. */
  private qrSent: { value: string; at: number } | undefined;
  private qrWaiting: string | undefined;
  private qrTimer: NodeJS.Timeout | undefined;
  private readonly remarkTried = new Set<string>();

  constructor(private readonly options: WechatAdapterOptions) {
    this.clock = options.clock ?? systemClock;
    this.restarts = new RestartPacer({
      baseMs: options.restartBaseMs ?? 5_000,
      maxMs: options.restartMaxMs ?? 5 * 60_000,
      log: options.log,
      ...(options.random && { random: options.random }),
    });
    this.finishedPromise = new Promise<void>((_, reject) => (this.gaveUp = reject));
    this.finishedPromise.catch(() => undefined); // observed by finished(); never an unhandled rejection
    this.offline = new OfflineLog(options.store);
    this.budget = new SendBudget({ ...DEFAULT_SEND_BUDGET, ...options.sendBudget });
    this.outbox = options.parts.outbox;
    this.guard = options.parts.guard;
  }

  /** Pending outgoing messages (kept while logged out). */
  get pending(): number {
    return this.outbox.pending;
  }

  get loggedIn(): boolean {
    try {
      return this.options.wechaty.isLoggedIn;
    } catch {
      return false; // Wechaty throws before start (no puppet yet)
    }
  }

  /** Resolves when the outbox has nothing to send now (tests, orderly shutdown). */
  drained(): Promise<void> {
    return this.outbox.drained();
  }

  async start(handler: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.handler = handler;
    const staffIds = new Set(this.wechatStaff().map((s) => s.id));
    // A staff member is never recognised by nickname in an owners' group: anyone there could take the nickname.
    this.people = await WechatPeople.open(this.options.store, this.options.log, (pid, chatId) => !(staffIds.has(pid) && this.chatConfig(chatId)?.role === 'owners'));
    this.codes = await BindingCodes.open(this.options.store);
    this.roomNames = await RoomNames.open(this.options.store);
    // Nothing goes out before login; what an earlier run left unsent waits on disk.
    this.outbox.pause();
    await this.outbox.start(
      (m) => this.deliver(m as WechatOutgoing),
      // A notice that can never arrive (group renamed or left, two groups with one name) is a duty that falls
      // through: managers hear it the same way as an outage.
      (message, reason) =>
        void Promise.resolve(this.options.onOffline(alertText.undelivered(WECHAT.displayName, message.chat.id, message.text, reason))).catch((e) => this.fail('alert', e)),
    );
    const bot = this.options.wechaty;
    bot.on('scan', (qrcode, status) => void this.onScan(qrcode, status).catch((e) => this.fail('scan', e)));
    bot.on('login', (user) => void this.onLogin(user).catch((e) => this.fail('login', e)));
    bot.on('logout', (user, reason) => void this.onLogout(user, reason).catch((e) => this.fail('logout', e)));
    bot.on('message', (message) => void this.onMessage(message).catch((e) => this.fail(`message ${message.id}`, e)));
    bot.on('error', (error) => this.logError(error.message));
    bot.on('ready', () => this.onReady());
    this.started = true;
    await this.protectSession([0]);
    // A puppet that cannot start must not take the bot down (Telegram, jobs, the outbox keep running): it is retried
    // with backoff and managers are told.
    await this.attemptStart();
    this.watchLogin();
  }

  /** Rejects when the puppet could not be started after `maxStartAttempts` tries in a row. */
  finished(): Promise<void> {
    return this.finishedPromise;
  }

  /** Starts of the puppet this adapter made (the first and each restart). */
  get startAttempts(): number {
    return this.attempts;
  }

  private async attemptStart(): Promise<void> {
    const bot = this.options.wechaty;
    this.attempts += 1;
    const since = Date.now();
    this.restarts.allowNext();
    try {
      await bot.start();
    } catch (error) {
      return this.startFailed(`start: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!this.started) return;
    // Wechaty's start() resolves even when the puppet gave up (a refused service endpoint leaves it stopped).
    if (this.puppetState() === 'stopped') return this.startFailed(this.lastError?.text ?? 'the puppet stopped during start');
    this.options.log(`wechat: started (${bot.puppet.name()}); waiting for login`);
    const ms = this.options.startProgressMs ?? 60_000;
    if (this.progressTimer) clearTimeout(this.progressTimer);
    this.progressTimer = setTimeout(() => {
      if (!this.started || this.loggedIn || this.progressAt >= since) return;
      // Only a puppet that is not running is restarted from outside; one that runs (wechat4u's login loop) retries
      // by itself, paced, and the no-login alert covers it.
      const state = this.puppetState();
      if (state === 'running') return;
      this.startFailed(`no QR code and no login within ${Math.round(ms / 1000)} s (${this.lastError?.text ?? state})`);
    }, ms);
    this.progressTimer.unref();
  }

  private puppetState(): 'running' | 'starting' | 'stopped' {
    try {
      const active = this.options.wechaty.puppet.state.active();
      return active === true ? 'running' : this.options.wechaty.puppet.state.inactive() === true ? 'stopped' : 'starting';
    } catch {
      return 'stopped';
    }
  }

  private startFailed(reason: string): void {
    if (!this.started) return;
    const failures = this.restarts.failures + 1;
    const max = this.options.maxStartAttempts ?? 30;
    this.options.log(`wechat: puppet start failed (${failures}/${max}): ${reason}`);
    if (failures >= max) {
      const why = `WeChat puppet could not start after ${failures} attempts: ${reason}`;
      void this.tell(alertText.cannotStart(WECHAT.displayName, reason, ''));
      this.gaveUp?.(new Error(why));
      return;
    }
    if (!this.toldCannotStart) {
      this.toldCannotStart = true;
      void this.tell(alertText.cannotStart(WECHAT.displayName, reason, '稍'));
    }
    this.restarts.later(() => void this.restart(), 'puppet start failed');
  }

  private async restart(): Promise<void> {
    if (!this.started) return;
    try {
      this.options.beforePuppetStop?.(this.options.wechaty);
      await this.options.wechaty.stop();
    } catch (error) {
      this.options.log(`wechat: stopping the puppet before a restart failed: ${(error as Error).message}`);
    }
    // Whatever the stopped puppet asked for on its way down is not a start we want.
    this.restarts.cancelWaiting();
    if (this.started) await this.attemptStart();
  }

  /** The puppet writes its session with the default mode (0644); it is a login, so only the bot's user may read it. */
  private async protectSession(delays = [0, 2_000]): Promise<void> {
    const file = this.options.sessionFile;
    if (!file) return;
    // The puppet saves right after its login event: look again a little later too.
    for (const delay of delays) {
      await new Promise((r) => setTimeout(r, delay).unref());
      await chmod(file, 0o600).catch((e: NodeJS.ErrnoException) => e.code === 'ENOENT' || this.options.log(`wechat: cannot chmod 600 ${file}: ${e.message}`));
    }
  }

  private async tell(text: string): Promise<void> {
    try {
      await this.options.onOffline(text);
    } catch (error) {
      this.fail('alert', error);
    }
  }

  /**
   * A puppet that cannot reach WeChat (network, expired token) may never ask for a scan: without this, nobody would
   * hear that the bot is not online. After `loginTimeoutMs` without a login, managers are told once.
   */
  private watchLogin(): void {
    const ms = this.options.loginTimeoutMs ?? 5 * 60_000;
    if (ms <= 0) return;
    this.loginTimer = setTimeout(() => {
      if (this.loggedIn || !this.started) return;
      void (async () => {
        const now = this.clock.now();
        await this.offline.wentOffline('wechat', now, 'no login after start');
        this.episode ??= { toldLogout: false, toldScan: false };
        if (this.episode.toldScan || this.episode.toldLogout) return;
        this.episode.toldLogout = true;
        await this.options.onOffline(alertText.noLogin(WECHAT.displayName, formatDuration(ms), this.lastError?.text ?? '无'));
      })().catch((e) => this.fail('login watch', e));
    }, ms);
    this.loginTimer.unref();
  }

  /** Puppets retry in loops: the same error is logged once a minute with a count, not hundreds of times. */
  private logError(text: string): void {
    const now = Date.now();
    const last = this.lastError;
    if (last && last.text === text && now - last.at < 60_000) {
      last.repeats++;
      return;
    }
    if (last && last.repeats > 0) this.options.log(`wechat: error (repeated ${last.repeats} more times): ${last.text}`);
    this.lastError = { text, at: now, repeats: 0 };
    this.options.log(`wechat: error: ${text}`);
  }

  async send(message: OutgoingMessage): Promise<void> {
    await this.outbox.enqueue(this.prepare(message));
  }

  async stop(): Promise<void> {
    if (this.loginTimer) clearTimeout(this.loginTimer);
    if (this.progressTimer) clearTimeout(this.progressTimer);
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    if (this.qrTimer) clearTimeout(this.qrTimer);
    this.restarts.close();
    await this.outbox.stop();
    const wasStarted = this.started;
    this.started = false;
    if (wasStarted) {
      this.options.beforePuppetStop?.(this.options.wechaty);
      await this.options.wechaty.stop();
    }
  }

  // ── session ────────────────────────────────────────────────────────────────────────────────────────────────────

  private async onScan(qrcode: string, status: ScanStatus): Promise<void> {
    this.progressAt = Date.now();
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) {
      this.options.log(`wechat: scan ${ScanStatus[status] ?? status}`);
      return;
    }
    // Drawn here, from the code's own content: no third-party site sees it.
    (this.options.showQr ?? printQr)(qrcode);
    this.options.log(`wechat: a login QR code is shown in the terminal${this.qrSent?.value === qrcode ? ' (the same as before)' : ''}; scan it with the bot's WeChat`);
    if (this.loggedIn) return;
    this.outbox.pause();
    await this.offline.wentOffline('wechat', this.clock.now(), 'needs scan');
    this.episode ??= { toldLogout: false, toldScan: false };
    await this.offerQr(qrcode);
  }

  /**
   * The QR code refreshes every minute or two while nobody scans: each new one goes to managers, at most once per
   * `qrAlertIntervalMs`; one that arrives sooner waits, and only the newest waiting one is sent when the time is up.
   */
  private async offerQr(qrcode: string): Promise<void> {
    if (this.qrSent?.value === qrcode) return;
    const wait = this.qrSent ? this.qrSent.at + (this.options.qrAlertIntervalMs ?? 60_000) - Date.now() : 0;
    if (wait <= 0) return this.sendQr(qrcode);
    this.qrWaiting = qrcode;
    this.qrTimer ??= setTimeout(() => {
      this.qrTimer = undefined;
      const newest = this.qrWaiting;
      this.qrWaiting = undefined;
      if (newest && this.started && !this.loggedIn) void this.offerQr(newest).catch((e) => this.fail('scan alert', e));
    }, wait);
    this.qrTimer.unref();
  }

  private async sendQr(qrcode: string): Promise<void> {
    this.qrSent = { value: qrcode, at: Date.now() };
    if (this.episode) this.episode.toldScan = true;
    const text = alertText.needsScan(WECHAT.displayName, this.formatTime(this.clock.now()));
    const fallback = alertText.scanFallback(qrcode);
    const png = await qrPng(qrcode).catch((e: Error) => void this.options.log(`wechat: cannot draw the QR code as PNG: ${e.message}`));
    await this.options.onOffline(png ? text : `${text}\n${fallback}`, png ? { png, fallback } : undefined);
  }

  private async onLogin(user: Contact): Promise<void> {
    // Contact ids of the last login mean nothing now (web puppets): people are recognised again (people.ts).
    this.people.newLogin();
    if (this.loginTimer) clearTimeout(this.loginTimer);
    // The next time a scan is needed is a new outage: its first code goes out at once.
    if (this.qrTimer) clearTimeout(this.qrTimer);
    this.qrTimer = undefined;
    this.qrWaiting = undefined;
    this.qrSent = undefined;
    this.progressAt = Date.now();
    this.restarts.reset();
    this.toldCannotStart = false;
    const now = this.clock.now();
    this.guard.loggedIn(now);
    this.selfName = user.name();
    this.roomToChat.clear();
    this.options.log(`wechat: logged in as ${user.name()} (${user.id})`);
    void this.protectSession();
    this.loginAt = Date.now();
    await this.untilReady();
    if (!this.loggedIn) return; // logged out while waiting: the next login does this
    await this.mapTopics();
    await this.tellUnboundStaff();
    const closed = await this.offline.cameOnline('wechat', now);
    const told = this.episode && (this.episode.toldLogout || this.episode.toldScan);
    this.episode = undefined;
    if (closed) this.options.log(`wechat: was offline ${formatDuration(now.getTime() - Date.parse(closed.from))} (${closed.reason})`);
    if (this.outbox.pending > 0) this.options.log(`wechat: sending ${this.outbox.pending} message(s) kept while offline`);
    // A fresh login with a backlog is when a burst would look like a spammer: slowly at first.
    this.budget.startSlow(Date.now());
    if (Date.now() >= this.pausedUntil) this.outbox.resume();
    if (closed && told) await this.options.onOffline(alertText.backOnline(WECHAT.displayName, user.name(), this.formatTime(now), formatDuration(now.getTime() - Date.parse(closed.from))));
  }

  private onReady(): void {
    this.ready = true;
    for (const wake of this.readyWaiters.splice(0)) wake();
  }

  /**
   * Waits for `ready`, or until every configured group can be found, or `readyTimeoutMs`, whichever comes first. Some
   * puppets never say `ready` (the mock, some pad protocols), which is what the other two are for.
   */
  private async untilReady(): Promise<void> {
    if (this.ready) return;
    const until = Date.now() + (this.options.readyTimeoutMs ?? 60_000);
    const readySignal = new Promise<void>((r) => this.readyWaiters.push(r));
    while (!this.ready && this.started && this.loggedIn) {
      if (await this.allGroupsVisible()) return;
      const left = until - Date.now();
      if (left <= 0) {
        this.options.log('wechat: no "ready" from the puppet and not every configured group found yet; going on (sends to a missing group are retried for a while)');
        return;
      }
      await Promise.race([readySignal, new Promise((r) => setTimeout(r, Math.min(1_000, left)).unref())]);
    }
  }

  /** Whether every WeChat group in the config can be found now (by id, or by its exact topic). */
  private async allGroupsVisible(): Promise<boolean> {
    for (const chat of this.options.config.chats) {
      if (chat.platform !== 'wechat') continue;
      const topic = topicOf(chat.id) ?? (this.roomNames.topicOf(chat.id) !== undefined && !(await this.roomById(chat.id)) ? this.roomNames.topicOf(chat.id) : undefined);
      try {
        const found = topic !== undefined ? (await this.options.wechaty.Room.findAll({ topic })).length > 0 : await this.roomById(chat.id);
        if (!found) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  private async onLogout(user: Contact, reason?: string): Promise<void> {
    this.ready = false;
    this.outbox.pause();
    const now = this.clock.now();
    const why = reason || 'unknown';
    this.options.log(`wechat: logged out ${user.name()} (${user.id}): ${why}`);
    await this.offline.wentOffline('wechat', now, `logout: ${why}`);
    this.episode ??= { toldLogout: false, toldScan: false };
    if (!this.episode.toldLogout) {
      this.episode.toldLogout = true;
      await this.options.onOffline(alertText.loggedOut(WECHAT.displayName, user.name(), this.formatTime(now), why));
    }
  }

  /**
   * Finds the rooms configured by topic ("topic:阳光家园业主群") among the rooms this account is in, and the rooms
   * configured by an id this login does not have (web puppets) by the name they had when last seen.
   */
  private async mapTopics(): Promise<void> {
    for (const chat of this.options.config.chats) {
      if (chat.platform !== 'wechat') continue;
      let topic = topicOf(chat.id);
      if (topic === undefined) {
        const room = await this.roomById(chat.id);
        if (room) {
          await this.roomNames.saw(chat.id, await room.topic());
          continue;
        }
        topic = this.roomNames.topicOf(chat.id);
        if (topic === undefined) {
          this.options.log(`wechat: config chat "${chat.id}": no group has this id (web puppets change ids at each login: "${TOPIC_PREFIX}<group name>" is steadier)`);
          continue;
        }
      }
      const rooms = await this.options.wechaty.Room.findAll({ topic });
      if (rooms.length === 1) {
        this.roomToChat.set(rooms[0]!.id, chat.id);
        if (!topicOf(chat.id)) this.options.log(`wechat: config chat "${chat.id}" is group ${rooms[0]!.id} in this login (found by its name "${topic}")`);
      } else this.options.log(`wechat: config chat "${chat.id}": ${rooms.length === 0 ? `no group has the exact name "${topic}"` : `${rooms.length} groups have the name "${topic}"; none is used until it is unique`}`);
    }
  }

  /**
   * A room by id, if this login has it. Asked of the puppet's list first: wechat4u waits about a minute for an id it
   * does not know (an id of an earlier login) before giving up.
   */
  private async roomById(id: string): Promise<Room | undefined> {
    if (topicOf(id) !== undefined) return undefined;
    try {
      if (!(await this.options.wechaty.puppet.roomList()).includes(id)) return undefined;
      return await this.options.wechaty.Room.find({ id });
    } catch {
      return undefined;
    }
  }

  /** A contact by id, if this login has it (see roomById). */
  private async contactById(id: string): Promise<Contact | undefined> {
    try {
      if (!(await this.options.wechaty.puppet.contactList()).includes(id)) return undefined;
      return await this.options.wechaty.Contact.find({ id });
    } catch {
      return undefined;
    }
  }

  // ── incoming ───────────────────────────────────────────────────────────────────────────────────────────────────

  private async onMessage(message: Message): Promise<void> {
    // WeChat's own system line (wechat4u: MsgType 10000, an Unknown message) saying we send too much.
    if (message.type() === types.Message.Unknown && RATE_LIMIT_NOTICE.test(message.text())) {
      await this.rateLimited(message.text());
      return;
    }
    const sentAt = message.date();
    await this.guard.pass({ id: message.id, what: `message ${message.id}`, own: message.self(), sentAt }, () => this.toIncoming(message, sentAt), this.handler);
  }

  /** A Wechaty message as the core's IncomingMessage; undefined for what the procedure cannot use. */
  private async toIncoming(message: Message, sentAt: Date): Promise<IncomingMessage | undefined> {
    const room = message.room();
    const talker = message.talker();
    const topic = room ? await room.topic() : '';
    const chatId = room ? await this.chatIdOf(room) : undefined;
    // The core sees a person id that survives a re-login (people.ts); people in groups outside the config are not
    // recorded (the core ignores those groups).
    const pid = chatId !== undefined && !this.chatConfig(chatId) ? talker.id : await this.people.personOf(factsOf(talker), chatId !== undefined ? { kind: 'group', chatId, topic } : { kind: 'private' });
    const chat: ChatRef = chatId !== undefined ? { platform: 'wechat', id: chatId, kind: 'group', title: topic } : { platform: 'wechat', id: pid, kind: 'private', title: talker.name() };
    if (!room) this.privateChats.add(pid);
    this.introduce(chat, talker, pid);
    const displayName = (room && (await room.alias(talker))) || talker.name() || talker.id;
    this.remember(message.id, { chatId: chat.id, contactId: talker.id, name: displayName });

    const base = { id: message.id, chat, sender: { id: pid, displayName }, at: sentAt };
    const type = message.type();
    let incoming: IncomingMessage;
    switch (type) {
      case types.Message.Text: {
        const { text, mentionsBot } = await this.textOf(message, room);
        if (await this.binding(text, chat, pid, talker, message.id)) return undefined;
        incoming = { ...base, text, mentionsBot, attachments: [] };
        break;
      }
      case types.Message.Image:
      case types.Message.Attachment: {
        const attachment = await this.attachmentOf(message, type === types.Message.Image ? 'image' : 'file');
        incoming = { ...base, text: '', mentionsBot: false, attachments: [attachment] };
        break;
      }
      case types.Message.Audio:
      case types.Message.Video:
      case types.Message.Url:
      case types.Message.Emoticon:
        await this.askToType(message, chat, talker, type);
        return undefined;
      default:
        return undefined; // contact cards, red envelopes, recalls, mini programs…: nothing the procedure can use
    }
    if (!room) void this.giveRemark(talker, pid).catch((e) => this.fail('remark', e));
    return incoming;
  }

  private async textOf(message: Message, room: Room | undefined): Promise<{ text: string; mentionsBot: boolean }> {
    const raw = message.text();
    if (!room) return { text: clean(raw), mentionsBot: false };
    // mentionSelf() reads the puppet's mention list; mentionText() strips "@name" followed by U+2005.
    if (await message.mentionSelf()) return { text: clean(await message.mentionText()), mentionsBot: true };
    // Some clients and puppets give no mention list: "@回音 报修…" typed at the start still addresses the bot.
    for (const name of [await this.selfAliasIn(room), this.selfName, this.options.config.botName]) {
      const rest = name ? stripTypedMention(raw, name) : undefined;
      if (rest !== undefined) return { text: clean(rest), mentionsBot: true };
    }
    return { text: clean(raw), mentionsBot: false };
  }

  /** The bot's group nickname in this room, which is what people type after "@". */
  private async selfAliasIn(room: Room): Promise<string | undefined> {
    try {
      return await room.alias(this.options.wechaty.currentUser);
    } catch {
      return undefined;
    }
  }

  private async attachmentOf(message: Message, kind: 'image' | 'file'): Promise<Attachment> {
    const attachment: Attachment = { kind, ref: message.id };
    const dir = this.options.attachmentsDir;
    if (!dir) return attachment;
    try {
      const box = await message.toFileBox();
      await mkdir(dir, { recursive: true });
      const name = `${message.id.replace(/[^A-Za-z0-9_-]/g, '_')}${extname(box.name) || (kind === 'image' ? '.jpg' : '')}`;
      await box.toFile(join(dir, name), true);
      attachment.name = name;
    } catch (error) {
      // The ticket still records the photo's message id; staff can find it in the chat.
      this.options.log(`wechat: could not save ${kind} ${message.id}: ${(error as Error).message}`);
    }
    return attachment;
  }

  /**
   * Voice, video, links and stickers: in a private chat always a short "please type it"; in a configured group only
   * for voice and video (people do speak requests there), at most once per person per interval, never for stickers.
   */
  private async askToType(message: Message, chat: ChatRef, talker: Contact, type: types.Message): Promise<void> {
    const text = type === types.Message.Audio ? TYPE_IT.audio : type === types.Message.Video ? TYPE_IT.video : TYPE_IT.other;
    if (chat.kind === 'group') {
      const configured = this.options.config.chats.some((c) => c.platform === 'wechat' && c.id === chat.id);
      if (!configured || (type !== types.Message.Audio && type !== types.Message.Video)) return;
      const key = `${chat.id}:${talker.id}`;
      const last = this.typeItAt.get(key) ?? 0;
      const now = this.clock.now().getTime();
      if (now - last < (this.options.typeItIntervalMs ?? 10 * 60_000)) return;
      this.typeItAt.set(key, now);
    }
    await this.send({ chat: { platform: 'wechat', id: chat.id }, text, replyTo: message.id });
  }

  private async chatIdOf(room: Room): Promise<string> {
    const mapped = this.roomToChat.get(room.id);
    if (mapped) return mapped;
    const topic = await room.topic();
    if (this.chatConfig(room.id)) {
      await this.roomNames.saw(room.id, topic);
      return room.id;
    }
    const byTopic = this.options.config.chats.find((c) => c.platform === 'wechat' && c.id === `${TOPIC_PREFIX}${topic}`);
    // A group configured by an id of an earlier login, with the name it had then (web puppets; room-names.ts).
    const unmapped = this.options.config.chats.filter((c) => c.platform === 'wechat' && topicOf(c.id) === undefined && ![...this.roomToChat.values()].includes(c.id)).map((c) => c.id);
    const chatId = byTopic?.id ?? this.roomNames.chatNamed(topic, unmapped);
    if (chatId && (byTopic || !(await this.roomById(chatId)))) {
      this.roomToChat.set(room.id, chatId);
      return chatId;
    }
    return room.id;
  }

  private chatConfig(chatId: string): Config['chats'][number] | undefined {
    return this.options.config.chats.find((c) => c.platform === 'wechat' && c.id === chatId);
  }

  private wechatStaff(): Config['staff'] {
    return this.options.config.staff.filter((s) => s.platform === 'wechat');
  }

  /**
   * `绑定 <code>` (private) and `绑定码 <name>` (private, or the office or managers' chat, from a head or a manager):
   * staff binding (binding.ts), answered here and not passed to the core. True when the text was one of them.
   */
  private async binding(text: string, chat: ChatRef, pid: string, talker: Contact, replyTo: string): Promise<boolean> {
    const command = parseBindingCommand(text);
    if (!command) return false;
    const reply = (t: string) => this.send({ chat: { platform: 'wechat', id: chat.id }, text: t, replyTo });
    const staff = this.wechatStaff();
    if (command.kind === 'bind') {
      if (chat.kind !== 'private') {
        // A code said in a group is known to everyone there: it is spent, and the person asked to get a new one.
        if (!(await this.codes.spend(command.code, staff))) return false;
        this.options.log(`wechat: a binding code was sent in a group (${chat.id}) by ${talker.name()}; it is spent`);
        await reply(BINDING_TEXT.saidInGroup);
        return true;
      }
      // Six digits are guessable by brute force only with many tries: a few per person, then no more.
      const tries = this.wrongCodes.get(pid) ?? 0;
      if (tries >= 5) {
        await reply(BINDING_TEXT.tooManyTries);
        return true;
      }
      const member = await this.codes.spend(command.code, staff);
      if (!member) {
        this.wrongCodes.set(pid, tries + 1);
        this.options.log(`wechat: a wrong binding code from ${talker.name()} (${pid})`);
        await reply(BINDING_TEXT.wrongCode);
        return true;
      }
      await this.people.adopt(factsOf(talker), member.id);
      this.privateChats.add(member.id);
      this.options.log(`wechat: ${talker.name()} bound themselves as staff ${member.name} (${member.id})`);
      await this.giveRemark(talker, member.id);
      await this.send({ chat: { platform: 'wechat', id: member.id }, text: BINDING_TEXT.bound(member.name) });
      return true;
    }
    const role = chat.kind === 'group' ? this.chatConfig(chat.id)?.role : undefined;
    if (chat.kind === 'group' && role !== 'office' && role !== 'office_head' && role !== 'managers') return false;
    const asker = staff.find((s) => s.id === pid);
    if (!asker || (asker.role !== 'head' && asker.role !== 'manager')) {
      await reply(BINDING_TEXT.notAllowed);
      return true;
    }
    const member = staff.find((s) => s.name === command.name);
    await reply(member ? BINDING_TEXT.code(member.name, await this.codes.codeFor(member.id)) : BINDING_TEXT.unknownName(staff.map((s) => s.name)));
    return true;
  }

  /** At each login, the log says which WeChat staff have never been seen or bound, with the code each can use. */
  private async tellUnboundStaff(): Promise<void> {
    for (const member of this.wechatStaff()) {
      if (this.people.get(member.id)) continue;
      this.options.log(`wechat: staff ${member.name} (${member.id}) is not bound to a WeChat contact yet: they send the bot privately "绑定 ${await this.codes.codeFor(member.id)}" (one-time; a head or manager gets a new one with "绑定码 ${member.name}")`);
    }
  }

  /**
   * A remark name (备注) is what a web puppet still knows of a person after a re-login: give one to whoever has
   * neither a WeChat id nor a remark (staff: their name; others: name·a few characters of their person id).
   */
  private async giveRemark(contact: Contact, pid: string): Promise<void> {
    if (this.options.setRemarks === false || this.remarkTried.has(pid)) return;
    const person = this.people.get(pid);
    if (!person || person.alias || person.handle) return;
    this.remarkTried.add(pid);
    const member = this.wechatStaff().find((s) => s.id === pid);
    const label = member ? member.name : `${contact.name() || '业主'}·${pid.replace(/[^A-Za-z0-9]/g, '').slice(-4)}`;
    await contact.alias(label); // Wechaty reports a refusal as an error event, not by throwing
    if ((await contact.alias()) === label) {
      await this.people.remarked(pid, label);
      this.options.log(`wechat: gave ${contact.name()} the remark name "${label}" (how they are recognised after a re-login)`);
    } else this.options.log(`wechat: could not give ${contact.name()} a remark name: after a re-login they are recognised only by nickname in a group`);
  }

  /**
   * Says once per run which groups and people the bot hears that the config does not name, with the line to add:
   * how a deployer finds a group's id or exact topic and a staff member's contact id (docs/wechat.md).
   */
  private introduce(chat: ChatRef, talker: Contact, pid: string): void {
    const key = chat.kind === 'group' ? `room:${chat.id}` : `contact:${pid}`;
    if (this.introduced.has(key)) return;
    this.introduced.add(key);
    const config = this.options.config;
    if (chat.kind === 'group' && !config.chats.some((c) => c.platform === 'wechat' && c.id === chat.id)) {
      this.options.log(`wechat: group not in the config (ignored): id "${chat.id}", topic "${chat.title}" — to use it: { platform: wechat, id: "${chat.id}", … } or id: "${TOPIC_PREFIX}${chat.title}"`);
    }
    if (chat.kind === 'private' && !config.staff.some((s) => s.platform === 'wechat' && s.id === pid)) {
      this.options.log(`wechat: private chat with ${talker.name()} — contact id "${pid}" (for staff: { platform: wechat, id: "${pid}", name: … }, or they bind themselves with 绑定)`);
    }
  }

  private remember(messageId: string, speaker: Speaker): void {
    this.recent.set(messageId, speaker);
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
    let names = this.names.get(speaker.chatId);
    if (!names) this.names.set(speaker.chatId, (names = new Map()));
    names.set(speaker.name, speaker.contactId);
  }

  // ── outgoing ───────────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Before the outbox stores it: buttons become a typed line; in a group, a reply to someone's message, or a text
   * starting "@name ", is marked so the send @-mentions that person for real (a mention notifies them; typed text
   * does not). The mention travels with the stored message, so it survives a restart.
   */
  private prepare(message: OutgoingMessage): WechatOutgoing {
    let text = withTypedChoices(message.text, message.quickReplies);
    const out: WechatOutgoing = { ...message, text };
    if (!this.isRoom(message.chat.id)) return out;
    const speaker = message.replyTo ? this.recent.get(message.replyTo) : undefined;
    if (speaker && speaker.chatId === message.chat.id) {
      if (!text.startsWith(`@${speaker.name}`)) text = `@${speaker.name} ${text}`;
      return { ...out, text, mention: { id: speaker.contactId, name: speaker.name } };
    }
    // The core says whom a group message is for; its person id is not always today's contact id (ids change at a
    // login), so the contact is found by the name last seen speaking in this group.
    const name = message.mention?.name ?? leadingMention(text)?.name;
    if (!name) return out;
    const known = (person: { id?: string; name: string }) => {
      const id = this.names.get(message.chat.id)?.get(person.name);
      return id ? { id, name: person.name } : { name: person.name };
    };
    // The owners who reported one outage, named at the start of one message: each is mentioned for real, not only
    // the first (the others read their typed name and were not notified).
    const mentions = message.mentions && message.mentions.length > 1 ? { mentions: message.mentions.map(known) } : {};
    return { ...out, mention: known({ name }), ...mentions };
  }

  /**
   * WeChat restricts the account when it sends too much: stop sending for `rateLimitPauseMs` (what is waiting stays in
   * the outbox), tell managers once, then go on at the slow pace.
   */
  private async rateLimited(notice: string): Promise<void> {
    const now = Date.now();
    if (now < this.pausedUntil) return;
    const ms = this.options.rateLimitPauseMs ?? 30 * 60_000;
    this.pausedUntil = now + ms;
    this.outbox.pause();
    this.options.log(`wechat: WeChat says "${notice.slice(0, 60)}"; sending paused for ${formatDuration(ms)}`);
    if (this.pauseTimer) clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => {
      this.budget.startSlow(Date.now());
      if (this.loggedIn) this.outbox.resume();
    }, ms);
    this.pauseTimer.unref();
    await this.tell(alertText.rateLimited(WECHAT.displayName, this.formatTime(this.clock.now()), notice.slice(0, 60), this.formatTime(new Date(this.clock.now().getTime() + ms))));
  }

  /** Longest wait for the send budget inside one send; longer waits pause the outbox instead. */
  private static readonly INLINE_WAIT_MS = 15_000;

  /** The outbox's platform call. Throws SendError so the outbox knows whether to retry. */
  private async deliver(message: WechatOutgoing): Promise<void> {
    if (!this.loggedIn) throw new SendError('WeChat is not logged in');
    const id = message.chat.id;
    const wait = this.budget.delayFor(id, Date.now());
    if (wait > WechatAdapter.INLINE_WAIT_MS) {
      this.options.log(`wechat: send cap reached; next send in ${formatDuration(wait)}`);
      throw new SendError('send cap reached', { retryAfterMs: wait });
    }
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const jitter = this.options.jitterMs ?? 800;
    if (jitter > 0) await new Promise((r) => setTimeout(r, Math.floor(Math.random() * jitter)));
    try {
      await this.say(message);
      // Only what reached WeChat counts against the caps (a group not found yet sent nothing).
      this.budget.record(id, Date.now());
    } catch (error) {
      const text = (error as Error).message;
      if (!(error instanceof SendError) && RATE_LIMIT_NOTICE.test(text)) {
        await this.rateLimited(text);
        throw new SendError(text, { retryAfterMs: this.pausedUntil - Date.now() });
      }
      throw error;
    }
  }

  private async say(message: WechatOutgoing): Promise<void> {
    const id = message.chat.id;
    if (!this.isRoom(id)) {
      const contact = await this.privateContact(id);
      if (contact) await contact.say(message.image ? FileBox.fromFile(message.image.path) : message.text);
      else await this.pointInGroup(id);
      return;
    }
    if (message.image) {
      await (await this.findRoom(id)).say(FileBox.fromFile(message.image.path));
      return;
    }
    const room = await this.findRoom(id);
    // The names the text starts with ("@李先生 @周姐 …"), each found in the room; Wechaty writes "@name" for each
    // contact it is given, so the found ones leave the text and the others stay typed.
    const named = namedAtStart(message);
    const found: Contact[] = [];
    const typed: string[] = [];
    for (const { person } of named) {
      const contact = await this.findMember(room, person);
      if (contact) found.push(contact);
      else typed.push(`@${person.name} `);
    }
    const rest = afterNames(message.text, named);
    if (found.length > 0) await room.say(`${typed.join('')}${rest}`, ...found);
    else await room.say(message.text);
  }

  /**
   * The contact of a person id in this login: seen in it, or found by WeChat id or remark name; by the id itself only
   * when there is nothing else (a web puppet waits seconds for an id it does not know).
   */
  private async privateContact(pid: string): Promise<Contact | undefined> {
    const Contact = this.options.wechaty.Contact;
    const person = this.people.get(pid);
    const now = this.people.contactIdNow(pid);
    if (now) return this.contactById(now);
    if (!person) return this.contactById(pid);
    if (person.handle) {
      const found = await Contact.find({ weixin: person.handle });
      if (found) return found;
    }
    if (person.alias) {
      const found = await Contact.findAll({ alias: person.alias });
      if (found.length === 1) return found[0];
    }
    return person.handle || person.alias ? undefined : this.contactById(person.contactIds[0] ?? pid);
  }

  /**
   * The private chat is gone (a new login, and nothing to recognise the person by): they are @-mentioned in the group
   * where they were last seen, with a pointer only — what was said privately stays private.
   */
  private async pointInGroup(pid: string): Promise<void> {
    const person = this.people.get(pid);
    const group = person?.groups[0];
    if (!person || !group) throw new SendError(`no WeChat contact ${pid}`, { permanent: true });
    const room = await this.findRoom(group);
    const member = await this.findMember(room, { name: person.name });
    if (!member) throw new SendError(`no WeChat contact ${pid}, and no "${person.name}" in ${group}`, { permanent: !this.inRoomGrace() });
    this.options.log(`wechat: ${person.name} (${pid}) cannot be reached privately since the new login; told in ${group} with an @-mention`);
    await room.say(PRIVATE_CHAT_GONE, member);
  }

  private async findRoom(chatId: string): Promise<Room> {
    const topic = topicOf(chatId);
    if (topic !== undefined) {
      const roomId = [...this.roomToChat].find(([, c]) => c === chatId)?.[0];
      const rooms = roomId ? [await this.roomById(roomId)].filter((r): r is Room => r !== undefined) : await this.options.wechaty.Room.findAll({ topic });
      if (rooms.length !== 1) {
        throw new SendError(`${rooms.length === 0 ? 'no' : rooms.length} WeChat group(s) named "${topic}"`, { permanent: rooms.length > 1 || !this.inRoomGrace() });
      }
      this.roomToChat.set(rooms[0]!.id, chatId);
      return rooms[0]!;
    }
    // A group configured by an id of an earlier login is reached through the room it is now (mapTopics, chatIdOf).
    const mapped = [...this.roomToChat].find(([, c]) => c === chatId)?.[0];
    const room = (mapped && (await this.roomById(mapped))) || (await this.roomById(chatId));
    if (!room) throw new SendError(`no WeChat group ${chatId} (is the bot still a member?)`, { permanent: !this.inRoomGrace() });
    return room;
  }

  /** Just after a login the puppet may still be loading rooms (Room.findAll sees only those it has loaded). */
  private inRoomGrace(): boolean {
    return Date.now() - this.loginAt < (this.options.roomGraceMs ?? 5 * 60_000);
  }

  private async findMember(room: Room, mention: { id?: string; name: string }): Promise<Contact | undefined> {
    if (mention.id) {
      const contact = await this.contactById(mention.id);
      if (contact && (await room.has(contact))) return contact;
    }
    return room.member(mention.name);
  }

  private isRoom(chatId: string): boolean {
    if (this.privateChats.has(chatId)) return false;
    return this.options.config.chats.some((c) => c.platform === 'wechat' && c.id === chatId) || [...this.roomToChat.keys()].includes(chatId) || looksLikeRoomId(chatId);
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────────────────

  private formatTime(at: Date): string {
    return at.toLocaleString('zh-CN', { timeZone: this.options.config.timezone, hour12: false });
  }

  private fail(what: string, error: unknown): void {
    this.options.log(`wechat: ${what} failed: ${(error as Error).stack ?? error}`);
  }
}

function factsOf(contact: Contact): ContactFacts {
  const payload = contact.payload;
  const handle = payload?.handle || payload?.weixin;
  return { id: contact.id, name: contact.name(), ...(handle && { handle }), ...(payload?.alias && { alias: payload.alias }) };
}

/** U+2005 left between words reads as a space to the core. */
function clean(text: string): string {
  return text.replace(/\u2005/g, ' ').trim();
}
