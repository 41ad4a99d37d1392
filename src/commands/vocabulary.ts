import { join } from 'node:path';
import { z } from 'zod';
import { BUILTIN_RULES } from '../config/load.ts';
import { parseVocabulary, readVocabulary, VocabularyError } from '../conversation/vocabulary.ts';
import { CategorySchema, UnitSchema } from '../domain/category.ts';

/**
 * The words people type to give the bot a command, and the unit and category names staff type after 转, 定性 and 登记:
 * a company's data in `rules/vocabulary/commands.yaml`, validated here like the rules (file and field named on any
 * mistake). The commands themselves (what each name does) stay in code: `aliases.ts`, `staff/registry.ts`.
 */

/** What a command at the start of a message can be (parse.ts): 1–4 Chinese characters, or Latin letters. */
const CommandWord = z
  .string()
  .trim()
  .regex(/^([a-z]+|[\u4e00-\u9fa5]{1,4})$/, 'a command word is 1–4 Chinese characters or lower-case Latin letters');
const CommandWords = z.array(CommandWord).min(1, 'at least one word');

/** A name typed after a command: any word, Latin in lower case (the bot lower-cases what staff type first). */
const NameWord = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((w) => w === w.toLowerCase(), 'Latin words in lower case');
const NameWords = z.array(NameWord).min(1, 'at least one word');

export const OWNER_COMMAND_NAMES = ['card', 'help', 'query', 'cancel', 'chase', 'supplement'] as const;
export const STAFF_COMMAND_NAMES = [
  'accept',
  'assign',
  'schedule',
  'promise',
  'reply',
  'done',
  'transfer',
  'reclassify',
  'escalate',
  'urge',
  'visit',
  'reopen',
  'close',
  'cancel',
  'register',
  'show',
  'todo',
  'overdue',
  'daily',
  'monthly',
  'help',
  'web',
] as const;
export type StaffCommandName = (typeof STAFF_COMMAND_NAMES)[number];

const every = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.object(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>).strict();

/** A word may name only one thing within a list: which command would 取消 be otherwise? */
function oneMeaning(lists: Record<string, string[]>, ctx: z.RefinementCtx, ...section: string[]): void {
  const seen = new Map<string, string>();
  for (const [name, words] of Object.entries(lists)) {
    words.forEach((word, i) => {
      const before = seen.get(word);
      if (before !== undefined && before !== name) {
        ctx.addIssue({ code: 'custom', path: [...section, name, i], message: `"${word}" already means ${before}` });
      }
      seen.set(word, name);
    });
  }
}

export const CommandVocabularySchema = z
  .object({
    owner: every(OWNER_COMMAND_NAMES, CommandWords),
    staff: every(STAFF_COMMAND_NAMES, CommandWords),
    units: every(UnitSchema.options, NameWords),
    categories: every(CategorySchema.options, NameWords),
    /** Words said after a unit's name that are no part of it ("转给秩序部吧"): taken off before the name is looked up. */
    unit_particles: NameWords,
    /** What staff write after a ticket number instead of a command ("R0001 我接了", "R0002 修好了 换了灯泡"). */
    after_number: z.object({ accept: NameWords, done: NameWords, visit: NameWords, urge: NameWords, arrived: NameWords, on_the_way: NameWords.optional() }).strict(),
    /** How staff say they found a matter themselves (登记 巡逻发现 …): no caller; optional for an older file. */
    found_by_staff: NameWords.optional(),
    /** What an engineer types alone, no number, to take the one waiting ticket ("接了"). */
    alone: z.object({ accept: NameWords }).strict(),
    /** A list or report asked for in a sentence ("这个月及时率多少", "我的任务"): its words, periods and filler. */
    asked: z
      .object({
        words: z
          .object({
            monthly: NameWords,
            /** The month's rate alone ("及时率多少"): 月报's one figure; optional for an older file (its 及时率 is 月报). */
            rate: NameWords.optional(),
            daily: NameWords,
            todo: NameWords,
            overdue: NameWords,
          })
          .strict(),
        periods: NameWords,
        filler: NameWords,
        /** A person's work asked for by name ("张工手上有几单", "张工的单子"): 待办 张工. */
        held: z.object({ words: NameWords, filler: NameWords }).strict().optional(),
        /** The asker themself in place of a name ("我的及时率" is 月报 for the asker); optional for an older file. */
        self: NameWords.optional(),
        /** Whose figures an owner asks about ("你们的及时率是多少", "物业及时率多少"): owner-command.ts; optional for an older file. */
        owner_who: NameWords.optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const section of ['owner', 'staff', 'units', 'categories'] as const) oneMeaning(v[section], ctx, section);
    oneMeaning(v.asked.words, ctx, 'asked', 'words');
  });
export type CommandVocabulary = z.infer<typeof CommandVocabularySchema>;

export const COMMAND_WORDS_FILE = join('vocabulary', 'commands.yaml');

/** One error for both vocabulary files (conversation/vocabulary.ts). */
export { VocabularyError };

/** Parses and validates the file's text; the error names the file and the field (`staff.done[1]`). */
export function parseCommandVocabulary(file: string, text: string): CommandVocabulary {
  return parseVocabulary(file, text, CommandVocabularySchema);
}

/** Reads and validates a vocabulary file (`huiyin check`, tests). */
export function readCommandVocabulary(file: string): CommandVocabulary {
  return readVocabulary(file, CommandVocabularySchema);
}

/** The file the running bot reads: the installation's `rules/vocabulary/commands.yaml`. */
export const COMMAND_WORDS_PATH = join(BUILTIN_RULES, COMMAND_WORDS_FILE);

/**
 * The words in force, read once when the commands load (a broken file stops the start with the file and the field).
 * Read from the installation's rules, not the config's rulesDir: the command tables are module constants today.
 */
export const COMMAND_VOCABULARY: CommandVocabulary = readCommandVocabulary(COMMAND_WORDS_PATH);

/** word → name, in the file's order (what parseCommand takes). */
export function wordMap(lists: Record<string, readonly string[]>): Record<string, string> {
  return Object.fromEntries(Object.entries(lists).flatMap(([name, words]) => words.map((w) => [w, name])));
}
