import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/clock.ts';
import { BUILTIN_RULES, parseConfig, type ResolvedConfig } from '../../src/config/load.ts';
import { loadIntakeWords } from '../../src/conversation/intake-words.ts';
import { loadUrgentRules, urgentMatcher } from '../../src/conversation/urgent.ts';
import { createClassifier } from '../../src/classifier/index.ts';
import { classifyWith } from '../../src/conversation/classify-fn.ts';
import { coreServices } from '../../app/compose.ts';
import { Bot, type ClassifyFn } from '../../src/core/bot.ts';
import type { IncomingMessage, OutgoingMessage } from '../../src/messages.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

export const SAMPLE_CONFIG = join(import.meta.dirname, '../../config/sample.yaml');

/**
 * A scripted conversation over the real core and the real store in a temporary directory, with a manual clock.
 * `say` returns what the bot sends, each line prefixed with the chat it goes to: "[owners] 已登记…".
 */
/**
 * The sample company with a second estate, 月亮湾 ('moon'), with its own owners' and engineers' chats ('moon-owners',
 * 'moon-engineering'): for what staff over several estates read.
 */
export function withSecondEstate(c: ResolvedConfig): ResolvedConfig {
  const owners = c.chats.find((x) => x.role === 'owners')!;
  const engineering = c.chats.find((x) => x.role === 'engineering')!;
  return {
    ...c,
    estates: [...c.estates, { id: 'moon', name: '月亮湾', serviceCard: c.estates[0]!.serviceCard, faq: [] }],
    chats: [...c.chats, { ...owners, id: 'moon-owners', estate: 'moon' }, { ...engineering, id: 'moon-engineering', estate: 'moon' }],
  };
}

export class Transcript {
  private seq = 0;
  private constructor(
    readonly bot: Bot,
    readonly store: Store,
    readonly clock: ManualClock,
    readonly config: ResolvedConfig,
    readonly dataDir: string,
    readonly logs: string[],
  ) {}

  static async open(
    options: { classify?: ClassifyFn | 'shipped'; dataDir?: string; start?: string; configure?: (config: ResolvedConfig) => ResolvedConfig } = {},
  ): Promise<Transcript> {
    const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'huiyin-transcript-')));
    const base = parseConfig(await readFile(SAMPLE_CONFIG, 'utf8'), SAMPLE_CONFIG, dataDir);
    const config = (options.configure ?? ((c) => c))({ ...base, dataDir });
    const clock = new ManualClock(options.start ?? '2026-11-27T09:00:00+08:00');
    const store = await openLowdbStore({ dataDir });
    const logs: string[] = [];
    const { kinds, sameEvent } = await loadUrgentRules(config.rulesDir, BUILTIN_RULES);
    const urgent = { match: urgentMatcher(kinds), kinds, sameEvent };
    const intakeWords = await loadIntakeWords(config.rulesDir, BUILTIN_RULES);
    const bot = new Bot({
      config,
      store,
      clock,
      urgent,
      intakeWords,
      log: (l) => logs.push(l),
      ...coreServices(config, store, clock),
      ...(options.classify && { classify: options.classify === 'shipped' ? await shippedClassify() : options.classify }),
    });
    return new Transcript(bot, store, clock, config, dataDir, logs);
  }

  /** `who` is a staff id from the sample config (zhang, li, chen, zhao) or any owner name. */
  async say(who: string, chat: string, text: string, opts: { mention?: boolean } = {}): Promise<string[]> {
    const staff = this.config.staff.find((s) => s.platform === 'console' && s.id === who);
    const senderId = staff ? staff.id : `owner-${who}`;
    const isPrivate = chat === 'dm';
    const message: IncomingMessage = {
      id: `m${++this.seq}`,
      chat: { platform: 'console', id: isPrivate ? `dm-${senderId}` : chat, kind: isPrivate ? 'private' : 'group' },
      sender: { id: senderId, displayName: staff?.name ?? who },
      text,
      mentionsBot: opts.mention ?? false,
      at: this.clock.now(),
      attachments: [],
    };
    this.last = message;
    return (await this.bot.handle(message)).map(render);
  }

  /** The last message again, same id and time, as a platform delivers it again after a crash (issue 17). */
  async redeliver(): Promise<string[]> {
    if (!this.last) throw new Error('nothing said yet');
    return (await this.bot.handle(this.last)).map(render);
  }

  private last: IncomingMessage | undefined;

  async close(remove = true): Promise<void> {
    await this.store.close();
    if (remove) await rm(this.dataDir, { recursive: true, force: true });
  }
}

let shipped: Promise<ClassifyFn> | undefined;

/** The classifier with the rules that ship in rules/, loaded once per test file (loading takes a second or two). */
export function shippedClassify(): Promise<ClassifyFn> {
  shipped ??= createClassifier(BUILTIN_RULES).then(classifyWith);
  return shipped;
}

export function render(out: OutgoingMessage): string {
  const chat = out.chat.id.startsWith('dm-') ? 'dm' : out.chat.id;
  return `[${chat}] ${out.text}`;
}
