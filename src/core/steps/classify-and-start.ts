import type { ClassifyFn } from '../../conversation/classify-fn.ts';
import type { Category } from '../../domain/category.ts';
import { splitMatters } from '../../conversation/another-matter.ts';
import { answerOf, CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { defaultVerdict, findTrigger, type Verdict } from '../../conversation/triggers.ts';
import { ownerT, t } from '../../templates.ts';
import { addressed, reply } from './replies.ts';
import { parseTime } from '../../conversation/parse-time.ts';
import type { MessageStep } from './turn.ts';

/**
 * A new request: a trigger word (报修 …) starts an intake; so does anything addressed to the bot that the classifier
 * places, and what it cannot place gets the help. Unaddressed group talk passes on, with the verdict, to the offer.
 */
export const classifyAndStart: MessageStep = {
  name: 'classify and start',
  async run(turn) {
    const { message, text, attachments, bot } = turn;
    const trigger = findTrigger(text);
    const about = trigger ? trigger.rest || text : text;
    const first = bot.deps.classify?.(about);
    // The visit time says when, not what: "@回音 5栋2单元502 卫生间漏水 今天晚上" was asked 报修、投诉
    // 还是咨询 (field13 notes: the gate reads 今天 as small talk), where 卫生间漏水 alone is a repair. Where nothing placed
    // the whole text, the matter alone is classified, as 登记 already does for staff (register-request.ts).
    const bare = placedVerdict(first, addressed(message)) ? undefined : matterAlone(about, bot.deps.clock.now(), bot.deps.config.timezone);
    const alone = bare ? bot.deps.classify?.(bare) : undefined;
    const classified = alone && placedVerdict(alone, addressed(message)) ? alone : first;
    const placed = placedVerdict(classified, addressed(message));
    const verdict = ownersWord(trigger?.category, placed) ?? (trigger ? defaultVerdict(trigger.category) : undefined);
    if (verdict && (trigger || addressed(message))) {
      const said = trigger ? trigger.rest : text;
      // "…厨房水管漏水,另外物业费怎么多收了200块": the first matter is taken in, the second offered once it is recorded.
      const two = bot.deps.classify && splitMatters(said, bot.deps.classify, CONVERSATION_VOCABULARY.another_matter);
      if (two) {
        const first = ownersWord(trigger?.category, two.first.verdict) ?? two.first.verdict;
        return bot.startFor(turn, first, two.first.text, attachments, two.second);
      }
      return bot.startFor(turn, verdict, said, attachments);
    }
    if (addressed(message)) {
      // Asked of the bot about something the estate's FAQ answers ("@回音 我要交物业费", seen in play: asked 报修、投诉
      // 还是咨询): a consultation, answered at once (policy 5.1).
      if (!trigger && bot.intakeEnv(turn.chat).faqAnswer?.(text)) return bot.startFor(turn, defaultVerdict('consult'), text, attachments);
      // Words enough to be a matter the classifier could not place: ask which kind rather than show the help (the field
      // trial's "@回音 物业能不能帮忙把楼道里的自行车清一下…" got the command list). A greeting still gets the help.
      // Short words the learned layer hears as a request ("卫生间漏水" in a private chat got the command list, seen in
      // play) are asked about too.
      if (meaningful(text) || (classified?.request ?? 0) >= REQUEST_HEARD) return bot.askKind(turn, text, attachments);
      // "@回音 谢谢" / "好的" is politeness, not a question: a word back, not the command list. Thanks get 不客气; a
      // yes-word with nothing asked ("@回音 好的" after 已登记, seen in play: 不客气 to an owner who had thanked nobody) is
      // taken as heard, naming the owner's work in progress as a clerk would.
      if (!POLITE.test(text)) return [reply(message, t.help(false))];
      if (THANKS.test(text)) return [reply(message, ownerT.welcome())];
      const ctx = bot.ownerContext(message);
      const open = turn.staff ? [] : await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id }, status: ['open', 'accepted'] });
      return [reply(message, ownerT.acknowledged(open.at(-1)?.number))];
    }
    if (verdict) turn.verdict = verdict;
    if (classified) turn.classified = classified;
    return undefined;
  },
};

/**
 * 有偿服务 and 咨询 are the owner's own choice (to pay for a service, to only ask): the classifier does not overrule them
 * (the field trial's "有偿服务 擦玻璃 …" was recorded as a free repair for the engineers). 报修 and 投诉 may still be
 * placed better by the classifier (报修 for an upstairs leak is an assist matter, 4.3.2.1).
 */
function ownersWord(said: Category | undefined, classified: Verdict | undefined): Verdict | undefined {
  if (!said || !classified || classified.category === said) return classified;
  if (said === 'paid_service' || said === 'consult') return defaultVerdict(said);
  // The owner still reads what they asked for: "报修 5栋停水了" was read back as 类别:投诉 (seen in play), a word the
  // owner never said; the record keeps the verdict (4.3.2.4) and the office still coordinates with the utility.
  return { ...classified, asked: said };
}

/**
 * What the classifier placed the words as, if anything. Addressed to the bot, words the rules placed are a matter even
 * where the learned gate heard neighbours' talk.
 */
export function placedVerdict(c: ReturnType<ClassifyFn> | undefined, addressedToBot: boolean): Verdict | undefined {
  return toVerdict(c) ?? (addressedToBot && c?.addressedAs ? toVerdict({ ...c, ...c.addressedAs }) : undefined);
}

function toVerdict(c: ReturnType<ClassifyFn> | undefined): Verdict | undefined {
  if (!c || c.label === 'other' || !c.unit || !c.clause) return undefined;
  return { category: c.label, clause: c.clause, unit: c.unit, major: c.major, ...(c.party && { party: c.party }) };
}

/**
 * The words without the visit time, if one was said and something of the matter is left. The room stays: the learned
 * gate hears a room as an owner's request ("5栋2单元502 卫生间漏水" is a repair, "卫生间漏水" alone is not placed).
 */
function matterAlone(text: string, now: Date, timezone: string): string | undefined {
  const time = parseTime(text, now, timezone);
  if (!time) return undefined;
  const rest = text.replace(time.text, ' ').replace(/\s+/g, ' ').trim();
  return meaningfulChars(rest) >= MATTER_LEFT ? rest : undefined;
}

/** What must be left of the words once the time is out (卫生间漏水). */
const MATTER_LEFT = 4;

function meaningfulChars(text: string): number {
  return text.replace(/[\s\p{P}\p{S}]/gu, '').length;
}

/** Thanks and yes-words alone (rules/vocabulary/conversation.yaml `accept_offer`, `answer_fillers`). */
const POLITE = answerOf([...CONVERSATION_VOCABULARY.answer_fillers, ...CONVERSATION_VOCABULARY.accept_offer], []);

/** Thanks among the polite words (谢谢, 多谢, 唔该, 辛苦了, 麻烦你了): answered with 不客气. */
const THANKS = /谢|唔该|辛苦|麻烦|thank|thx/i;

/** The learned layer's P(request to the office) from which a short message addressed to the bot is a matter. */
const REQUEST_HEARD = 0.5;

/** "你好", "在吗", "?" are no matter; a sentence of its own (8 characters or more, not counting marks) may be one. */
const MATTER_CHARS = 8;

function meaningful(text: string): boolean {
  return meaningfulChars(text) >= MATTER_CHARS;
}
