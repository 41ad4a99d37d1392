/**
 * The real bot as a separate process (`node bin/huiyin.js start`) against the fake Bot API on 127.0.0.1, and owners
 * who use it from outside the way people do: each reports a leak in a private chat, waits for the read-back, answers
 * 确认 and waits for the ticket number. Used by the SIGTERM and SIGKILL tests (issue 17), which stop the process in
 * the middle of that traffic and start it again on the same data directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { FakeBotApi, FakeChat, FakeUser, SentMessage } from '../telegram/fake-bot-api.ts';
import { ENGINEERING, TOKEN, telegramConfig } from '../telegram/harness.ts';

const ROOT = join(import.meta.dirname, '../..');
export const WEBHOOK_SECRET = 'stop_test-secret';

export type Transport = { kind: 'polling' } | { kind: 'webhook'; port: number };

export interface BotProcess {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code, or the signal's name when killed by one. */
  exited: Promise<number | NodeJS.Signals>;
}

/** Writes the sample estate on Telegram ids with its data in `dir/data`; returns the config file. */
export async function writeConfig(dir: string): Promise<string> {
  const config = await telegramConfig(dir);
  const file = join(dir, 'huiyin.yaml');
  await writeFile(file, stringify({ ...config, dataDir: join(dir, 'data') }));
  return file;
}

/** A free port on 127.0.0.1 for the bot's webhook server. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the bot and resolves once it takes updates (polling, or the webhook server listening). */
export async function startBot(dir: string, file: string, fake: FakeBotApi, transport: Transport, timeoutMs = 30_000): Promise<BotProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, HUIYIN_WEB_PORT: '0' };
  for (const name of ['WECHATY_PUPPET', 'HUIYIN_DATA', 'HUIYIN_CONFIG', 'ALERT_WEBHOOK_URL', 'WECOM_BOT_ID']) delete env[name];
  if (transport.kind === 'webhook') {
    Object.assign(env, {
      TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${transport.port}/tg/hook`,
      TELEGRAM_WEBHOOK_PORT: String(transport.port),
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
  }
  const child = spawn(process.execPath, [join(ROOT, 'bin/huiyin.js'), 'start', '--config', file], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  const ready = transport.kind === 'webhook' ? /telegram: webhook .* listening on/ : /telegram: signed in as/;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (ready.test(stderr)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the bot ended (${how}) before it started:\n${stderr}`));
    });
  });
  return { child, stderr: () => stderr, exited };
}

/**
 * Telegram's side of delivery. Polling: the update waits in the fake server until a getUpdates confirms it.
 * Webhook: the update is POSTed until the bot answers 200, as Telegram retries; `acknowledged` lists those answered.
 */
export class Delivery {
  readonly acknowledged = new Set<number>();
  private readonly posting = new Set<Promise<void>>();

  constructor(
    private readonly fake: FakeBotApi,
    private readonly transport: Transport,
  ) {}

  send(update: { update_id: number } & Record<string, unknown>): void {
    const transport = this.transport;
    if (transport.kind === 'polling') {
      this.fake.queue(update);
      return;
    }
    const posting = (async () => {
      for (;;) {
        const status = await fetch(`http://127.0.0.1:${transport.port}/tg/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET, connection: 'close' },
          body: JSON.stringify(update),
        }).then(
          async (res) => (await res.arrayBuffer(), res.status),
          () => 0,
        );
        if (status === 200) {
          this.acknowledged.add(update.update_id);
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    this.posting.add(posting);
    void posting.then(() => this.posting.delete(posting));
  }
}

/** Owners in their private chats with the bot, each going through one report: report → read-back → 确认 → number. */
export class Owners {
  readonly people: Array<{ user: FakeUser; chat: FakeChat; phone: string }>;
  /** Per owner: 0 nothing said, 1 reported, 2 confirmed. */
  private readonly stage: number[];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly fake: FakeBotApi,
    private readonly delivery: Delivery,
    count: number,
  ) {
    this.people = Array.from({ length: count }, (_, i) => {
      const user: FakeUser = { id: 8001 + i, first_name: `业主${i + 1}` };
      return { user, chat: { id: user.id, type: 'private' as const, first_name: user.first_name }, phone: `1391234${String(1000 + i).padStart(4, '0')}` };
    });
    this.stage = this.people.map(() => 0);
    // Each owner answers the read-back as soon as it arrives, whichever process sent it.
    this.timer = setInterval(() => this.answer(), 20);
  }

  /** Owner `i` reports a leak (the first message of the burst). */
  report(i: number): void {
    const { user, chat, phone } = this.people[i]!;
    this.stage[i] = 1;
    this.delivery.send(this.fake.update({ message: this.fake.message(user, chat, `报修 ${1 + (i % 9)}栋1单元${101 + i} 厨房水管漏水 ${phone} 随时`) }));
  }

  /** How many owners have sent their report so far. */
  reported(): number {
    return this.stage.filter((s) => s > 0).length;
  }

  private answer(): void {
    for (const [i, { user, chat }] of this.people.entries()) {
      if (this.stage[i] !== 1 || !this.fake.sentTo(chat.id).some((m) => m.text.includes('请核对'))) continue;
      this.stage[i] = 2;
      this.delivery.send(this.fake.update({ message: this.fake.message(user, chat, '确认') }));
    }
  }

  /** The ticket numbers announced to each owner so far (every 已登记 message, repeats included). */
  announced(): string[][] {
    return this.people.map(({ chat }) => this.fake.sentTo(chat.id).flatMap((m) => [...m.text.matchAll(/已登记,编号 ([RCS]\d{4,})/g)].map((x) => x[1]!)));
  }

  /** True once every owner has a number and the engineering group has heard of each. */
  done(): boolean {
    const numbers = this.announced();
    if (numbers.some((n) => n.length === 0)) return false;
    const notices = this.fake.sentTo(ENGINEERING.id).map((m) => m.text);
    return numbers.every(([n]) => notices.some((t) => t.includes(`【新报修】${n}`)));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Messages the bot delivered more than once (same chat, same text, same reply target): the extra copies. */
export function duplicates(sent: SentMessage[]): Array<{ chat: number; text: string }> {
  const seen = new Set<string>();
  const extra: Array<{ chat: number; text: string }> = [];
  for (const m of sent) {
    const key = JSON.stringify([m.chat.id, m.text, m.reply_to ?? null]);
    if (seen.has(key)) extra.push({ chat: m.chat.id, text: m.text.slice(0, 60) });
    seen.add(key);
  }
  return extra;
}
