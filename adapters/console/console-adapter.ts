import { createInterface } from 'node:readline';
import type { Clock } from '../../src/clock.ts';
import type { Config } from '../../src/config/schema.ts';
import type { Adapter, ChatRef, IncomingMessage, OutgoingMessage } from '../../src/messages.ts';

/**
 * The terminal as a chat platform (like Bottender's ConsoleConnector): a person plays owners, staff and managers
 * in the configured `console` chats and sees every reply each chat gets. It speaks the same core message types as
 * Telegram and WeChat, so what works here works there.
 */
export interface ConsoleOptions {
  config: Config;
  clock: Clock;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Print a prompt before each line (a person typing) or echo each line (a script being replayed). */
  mode: 'interactive' | 'script';
}

interface Person {
  id: string;
  name: string;
  staff: boolean;
}

export class ConsoleAdapter implements Adapter {
  readonly platform = 'console' as const;
  private handler: ((message: IncomingMessage) => Promise<void>) | undefined;
  private speaker: Person = { id: 'owner-王女士', name: '王女士', staff: false };
  private chat: ChatRef;
  private sequence = 0;
  private closed: Promise<void> | undefined;
  private readonly chats: ChatRef[];
  private timeTravel: ((arg: string) => Promise<string>) | undefined;

  constructor(private readonly options: ConsoleOptions) {
    this.chats = options.config.chats
      .filter((c) => c.platform === 'console')
      .map((c) => ({ platform: 'console' as const, id: c.id, kind: 'group' as const, title: c.title ?? c.id }));
    this.chat = this.chats.find((c) => options.config.chats.find((k) => k.id === c.id)?.role === 'owners') ?? this.privateChat();
  }

  async start(handler: (message: IncomingMessage) => Promise<void>): Promise<void> {
    this.handler = handler;
    this.write(this.banner());
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.closed = (async () => {
      if (this.options.mode === 'interactive') this.prompt();
      for await (const line of rl) {
        if (!(await this.processLine(line))) break;
        if (this.options.mode === 'interactive') this.prompt();
      }
      rl.close();
    })();
  }

  /**
   * `/time +2h`: the command line's way to move the bot's clock on and run the jobs that fall due (app/console-time.ts),
   * so a person trying the bot sees reminders, escalation and the digest. The handler returns the line to show.
   */
  onTime(handler: (arg: string) => Promise<string>): void {
    this.timeTravel = handler;
  }

  /** Resolves when the person typed /quit or the input ended. */
  finished(): Promise<void> {
    return this.closed ?? Promise.resolve();
  }

  async send(message: OutgoingMessage): Promise<void> {
    const title = this.titleOf(message.chat.id);
    const body = message.text.split('\n').join('\n      ');
    // The console has no buttons: show them with the text that pressing one would send.
    const buttons = message.quickReplies?.length ? `\n      [按钮] ${message.quickReplies.map((q) => `「${q.text}」`).join(' ')}` : '';
    // The terminal cannot show a picture: it shows where the file is.
    const picture = message.image ? `\n      [图片] ${message.image.path}` : '';
    this.write(`  ⤷ [${title}] ${this.options.config.botName}: ${body}${picture}${buttons}`);
  }

  async stop(): Promise<void> {}

  /** One typed line: a console command (/as, /in, …) or a chat message. Returns false to stop. */
  async processLine(raw: string): Promise<boolean> {
    const line = raw.trim();
    if (this.options.mode === 'script' && line) {
      this.write(line.startsWith('#') ? `\n${line}` : line.startsWith('/') ? line : `[${this.chat.title}] ${this.speaker.name}: ${line}`);
    }
    if (!line || line.startsWith('#')) return true;
    const time = /^\/time(?:\s+(.*))?$/.exec(line);
    if (time) {
      this.write(this.timeTravel ? await this.timeTravel(time[1] ?? '') : '(这个控制台不能调时间)');
      return true;
    }
    if (line.startsWith('/') && !/^\/[a-z]+(@\S+)?\s+[RCSrcs]?\d/.test(line)) {
      const handled = this.consoleCommand(line);
      if (handled !== undefined) return handled;
    }
    const mention = new RegExp(`^@(${escape(this.options.config.botName)}|bot)\\s*`, 'i');
    const mentionsBot = mention.test(line);
    const message: IncomingMessage = {
      id: `c${++this.sequence}`,
      chat: this.chat,
      sender: { id: this.speaker.id, displayName: this.speaker.name },
      text: line.replace(mention, ''),
      mentionsBot,
      at: this.options.clock.now(),
      attachments: [],
    };
    await this.handler?.(message);
    return true;
  }

  private consoleCommand(line: string): boolean | undefined {
    const [cmd, ...rest] = line.slice(1).split(/\s+/);
    const arg = rest.join(' ').trim();
    switch (cmd) {
      case 'quit':
      case 'exit':
        return false;
      case 'help':
        this.write(this.help());
        return true;
      case 'who':
        this.write(this.people());
        return true;
      case 'chats':
        this.write(this.chatList());
        return true;
      case 'as':
        this.switchSpeaker(arg);
        return true;
      case 'in':
        this.switchChat(arg);
        return true;
      default:
        // Not a console command: let the core see it (Telegram-style /query R0001 and the like).
        return undefined;
    }
  }

  private switchSpeaker(name: string): void {
    if (!name) return this.write('用法:/as 名字   例如 /as 张工(工作人员)或 /as 王女士(业主,任意名字都行)');
    const staff = this.options.config.staff.find((s) => s.platform === 'console' && (s.name === name || s.id === name));
    this.speaker = staff ? { id: staff.id, name: staff.name, staff: true } : { id: `owner-${name}`, name, staff: false };
    if (this.chat.kind === 'private') this.chat = this.privateChat();
    this.write(`(现在以 ${this.speaker.name}${this.speaker.staff ? '〔工作人员〕' : '〔业主〕'} 的身份发言)`);
  }

  private switchChat(name: string): void {
    if (['私聊', 'dm', 'private'].includes(name)) {
      this.chat = this.privateChat();
    } else {
      const found = this.chats.find((c) => c.id === name || c.title === name || this.roleOf(c.id) === name);
      if (!found) return this.write(`没有这个群:${name}。可用:${this.chats.map((c) => `${c.id}(${c.title})`).join('、')}、私聊`);
      this.chat = found;
    }
    this.write(`(现在在 ${this.chat.title})`);
  }

  private privateChat(): ChatRef {
    return { platform: 'console', id: `dm-${this.speaker.id}`, kind: 'private', title: `与${this.options.config.botName}私聊(${this.speaker.name})` };
  }

  private roleOf(chatId: string): string | undefined {
    return this.options.config.chats.find((c) => c.platform === 'console' && c.id === chatId)?.role;
  }

  private titleOf(chatId: string): string {
    if (chatId.startsWith('dm-')) {
      // The same title the speaker's own line shows (与回音私聊(张工)), so a reply reads as the same chat.
      const id = chatId.slice(3);
      const name = this.options.config.staff.find((s) => s.platform === 'console' && s.id === id)?.name ?? id.replace(/^owner-/, '');
      return `与${this.options.config.botName}私聊(${name})`;
    }
    return this.chats.find((c) => c.id === chatId)?.title ?? chatId;
  }

  private prompt(): void {
    this.options.output.write(`[${this.chat.title}] ${this.speaker.name} > `);
  }

  private write(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  private banner(): string {
    return [
      `回音 Huiyin 控制台 · ${this.options.config.estates.map((e) => e.name).join('、')}`,
      '没有配置 Telegram / 微信令牌,所以在终端里模拟聊天。',
      this.help(),
    ].join('\n');
  }

  private help(): string {
    return [
      `控制台指令:/as 名字 切换发言人 · /in 群 切换聊天(${[...this.options.config.chats.filter((c) => c.platform === 'console').map((c) => c.id), '私聊'].join(' / ')}) · /who 人员 · /chats 聊天 · /time +2h 调快时间(提醒、超时、日报到点照发) · /quit 退出`,
      '群里 @回音 开头表示@机器人。试试:报修 5栋2单元502 厨房水管漏水 13800138000',
    ].join('\n');
  }

  private people(): string {
    const staff = this.options.config.staff.filter((s) => s.platform === 'console');
    return [`工作人员:${staff.map((s) => `${s.name}(${s.unit})`).join('、') || '无'}`, '业主:/as 任意名字'].join('\n');
  }

  private chatList(): string {
    return this.chats.map((c) => `${c.id}:${c.title}(${this.roleOf(c.id)})`).join('\n');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
