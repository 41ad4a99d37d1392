import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { BUILTIN_RULES } from '../config/load.ts';
import { type Category, CategorySchema } from '../domain/category.ts';
import { simplified } from './simplified.ts';

/**
 * The words owners type in a conversation (trigger words, the read-back's confirmations, yes to an offer): a company's
 * data in `rules/vocabulary/conversation.yaml`, validated here like the rules (file and field named on any mistake).
 * What the words do stays in code: triggers.ts, intake.ts, offer.ts.
 */

/** A word typed as is: no spaces inside, since a message's words are compared whole. */
const Word = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .regex(/^\S+$/, 'one word, without spaces');
const Words = z.array(Word).min(1, 'at least one word');

export const ConversationVocabularySchema = z
  .object({
    triggers: z.array(z.object({ category: CategorySchema, words: Words }).strict()).min(1, 'at least one trigger'),
    confirm: Words,
    /**
     * In a group, once the read-back's hint was given and the owner talked on: only these confirm (intake.ts). A
     * neighbour-bound 好的好的 twenty minutes later recorded a ticket nobody wanted (bench:engine traffic). Optional for
     * an older file: then `confirm` keeps confirming.
     */
    confirm_after_talk: Words.optional(),
    /** Words opening a request that say nothing about it ("我想报个修啊"), left out of the description: extract.ts. */
    request_openers: Words.optional(),
    /** Dropping a request before it is recorded ("算了不用了"): intake.ts. */
    cancel: Words,
    accept_offer: Words,
    /** A greeting and nothing else ("早上好"): never a yes to an offer with a time (open-conversation.ts). Optional for an older file. */
    greetings: Words.optional(),
    answer_fillers: Words,
    calls_on_office: z.object({ names: Words, not_after: Words, asks: Words }).strict(),
    ticket_talk: z.object({ max_length: z.number().int().min(2).max(200), follow_on: Words.optional(), ask: Words, chase: Words, cancel: Words, reschedule: Words, reschedule_asks: Words, reschedule_reasons: Words.optional(), available: Words.optional(), available_not: Words.optional(), available_filler: Words.optional(), handover: Words.optional(), handover_asks: Words.optional() }).strict(),
    /** A whole answer saying yes to 需要取消 R0001 吗 besides the confirm words (取消, 取消吧): cancel-question.ts; optional for an older file. */
    cancel_yes: Words.optional(),
    /** A question for the office's numbers ("物业电话多少"): answered with the service card (policy 5.1). */
    asks_for_numbers: Words,
    /** Words that open a second matter in the same message ("…漏水,另外物业费多收了200"): offered as a record of its own. */
    another_matter: Words,
    /** Who a number belongs to when it is not the owner's ("他电话是…", "师傅的电话…"): extract.ts; optional for an older file. */
    others_phone: Words.optional(),
    /** Family words: 他/她 right after one is the household's own number ("我老婆 她电话…"); optional for an older file. */
    household: Words.optional(),
    /** An emergency's urging words (快来人啊, 救命, 急急急) and what may come with them (啊, 呀), left out of 内容: urgent.ts; optional for an older file. */
    urging: Words.optional(),
    /** Polite words before a ticket number ("帮我把R0001取消", "麻烦R0001改到后天下午"): ticket-number-said.ts; optional for an older file. */
    ticket_number_leads: Words.optional(),
    urging_fillers: Words.optional(),
    /** An emergency's words for "just now" (刚才, 现在), left out of its 内容: urgent.ts withoutNow; optional for an older file. */
    urgent_now: Words.optional(),
    /** The whole estate, answering which building an outage is in ("整个小区都停了"): intake.ts; optional for an older file. */
    whole_estate: Words.optional(),
    rating_words: z
      .object({ max_length: z.number().int().min(2).max(200), unhappy: Words, fair: Words, happy: Words, reservation: Words.default([]), not_fixed: Words.default([]) })
      .strict(),
    /**
     * Who runs a thing of the estate that is not the estate's (快递柜 → 快递柜运营公司), named to the owner of an assist
     * matter (4.3.2.4 "由其它单位管理的") instead of the generic 运营单位; optional for an older file.
     */
    operators: z.record(Word, Words).optional(),
    /** One outage reported by several owners (same-outage.ts): how long a report stays open to others, and each kind's words. */
    same_outage: z
      .object({
        hours: z.number().positive().max(72),
        kinds: z.record(Word, Words).refine((k) => Object.keys(k).length > 0, 'at least one kind'),
        /** A shared thing out of order (the estate's lift): a `things` word and a `faults` word in one message. */
        shared: z.record(Word, z.object({ things: Words, faults: Words, none: Words.optional() }).strict()).optional(),
        /** Who supplies each kind (停水 → 供水公司), named to the owner of an assist matter (4.3.2.4); optional for an older file. */
        suppliers: z.record(Word, Word).optional(),
      })
      .strict()
      .superRefine((o, ctx) => {
        for (const kind of Object.keys(o.suppliers ?? {})) {
          if (!(kind in o.kinds)) ctx.addIssue({ code: 'custom', path: ['suppliers', kind], message: `not one of the kinds (${Object.keys(o.kinds).join(', ')})` });
        }
      }),
  })
  .strict();
export type ConversationVocabulary = z.infer<typeof ConversationVocabularySchema>;

export const CONVERSATION_WORDS_FILE = join('vocabulary', 'conversation.yaml');

/** A vocabulary file (this one or commands.yaml) that cannot be read or is wrong; the message names file and field. */
export class VocabularyError extends Error {
  override readonly name = 'VocabularyError';
}

/** Parses and validates a vocabulary file's text against schema; the error names the file and the field (`confirm[3]`). */
export function parseVocabulary<T>(file: string, text: string, schema: z.ZodType<T>): T {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new VocabularyError(`${file}: invalid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
    throw new VocabularyError(`${file}: ${field || '(top level)'}: ${issue.message}`);
  }
  return result.data;
}

/** Reads and validates a vocabulary file against schema (`huiyin check`, start-up, tests). */
export function readVocabulary<T>(file: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new VocabularyError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  return parseVocabulary(file, text, schema);
}

export function readConversationVocabulary(file: string): ConversationVocabulary {
  return readVocabulary(file, ConversationVocabularySchema);
}

/** The file the running bot reads: the installation's `rules/vocabulary/conversation.yaml`. */
export const CONVERSATION_WORDS_PATH = join(BUILTIN_RULES, CONVERSATION_WORDS_FILE);

/** The words in force, read once when the conversation code loads (a broken file stops the start, file and field named). */
export const CONVERSATION_VOCABULARY: ConversationVocabulary = readConversationVocabulary(CONVERSATION_WORDS_PATH);

/**
 * An answer made only of these words and `fillers` (rules/vocabulary/conversation.yaml `answer_fillers`), between
 * spaces and punctuation, with at least one of the words: 好的谢谢, 对的,就是这样, 确认 辛苦了. Read from the start, the
 * longest word first, so 不对 is never read as 对.
 */
export function answerOf(words: readonly string[], fillers: readonly string[]): { test(text: string): boolean } {
  const byLength = (list: readonly string[]) => [...list].map((w) => w.toLowerCase()).sort((a, b) => b.length - a.length);
  const said = byLength(words);
  const extra = byLength(fillers);
  return {
    test(text: string): boolean {
      // 確認 / 好的謝謝 in traditional characters are the same answers.
      let rest = simplified(text.normalize('NFKC')).toLowerCase();
      let found = false;
      for (;;) {
        rest = rest.replace(/^[\s\p{P}~～]+/u, '');
        if (!rest) return found;
        const word = said.find((w) => rest.startsWith(w));
        if (word) {
          found = true;
          rest = rest.slice(word.length);
          continue;
        }
        const filler = extra.find((w) => rest.startsWith(w));
        if (!filler) return false;
        rest = rest.slice(filler.length);
      }
    },
  };
}

export function triggerTable(v: ConversationVocabulary): Array<{ words: string[]; category: Category }> {
  return v.triggers.map((t) => ({ words: t.words, category: t.category }));
}
