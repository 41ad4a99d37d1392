import { strip } from './appointment.ts';
import { longestFirst } from './longest-first.ts';
import { mayHoldTime, namesADay, type ParsedTime, parseTime } from './parse-time.ts';
import { simplified } from './simplified.ts';
import type { ConversationVocabulary } from './vocabulary.ts';
import { holdsAny } from './holds-any.ts';

/** What an owner says about their work in progress, in their own words (rules/vocabulary/conversation.yaml). */
export type TicketTalk = 'ask' | 'chase' | 'cancel' | 'reschedule';

/** "师傅什么时候到" → ask, "怎么还没来" → chase, "不用来了,已经好了" → cancel; undefined for anything else or too long. */
export function readTicketTalk(text: string, words: ConversationVocabulary['ticket_talk']): TicketTalk | undefined {
  // "幾時嚟呀" in traditional characters is 几时嚟 (the words are kept in simplified form).
  const input = simplified(text.normalize('NFKC')).trim();
  if (!input || input.length > words.max_length) return undefined;
  if (holdsAny(input, words.cancel)) return 'cancel';
  if (holdsAny(input, words.reschedule) || saysInstead(input, words)) return 'reschedule';
  if (holdsAny(input, words.chase)) return 'chase';
  if (holdsAny(input, words.ask)) return 'ask';
  return undefined;
}

/** Whether the owner asks why the work changed hands ("怎么又换人了", "为什么转给管理处了"): see ticket_talk.handover. */
export function asksAboutHandover(text: string, words: ConversationVocabulary['ticket_talk']): boolean {
  const input = simplified(text.normalize('NFKC')).trim();
  if (!input || input.length > words.max_length) return false;
  return holdsAny(input, words.handover ?? []) && holdsAny(input, words.handover_asks ?? []);
}

/** Clauses of a message: split at marks and spaces, and after a reason ("明天上午没空后天下午吧"). */
function clausesOf(input: string, reasons: readonly string[]): string[] {
  let marked = input;
  for (const w of longestFirst(reasons)) marked = marked.split(w).join(`${w},`);
  return marked.split(/[\s,,。.!!;;、]+/).filter((c) => c !== '');
}

/**
 * "明天上午没空 后天下午吧", "明天有事,周六上午来吧": a clause saying the time does not suit (reschedule_reasons: 没空, 有事,
 * 不在家 …) and another clause with a time is a move, though no moving word is said. Seen in play (field8): after a
 * repair was recorded, silence in the group, and the engineer came at the time the owner had said did not suit.
 */
function saysInstead(input: string, words: ConversationVocabulary['ticket_talk']): boolean {
  const reasons = words.reschedule_reasons ?? [];
  // Most messages hold no reason: one pattern scan instead of splitting the text at every reason word.
  if (!holdsAny(input, reasons)) return false;
  const clauses = clausesOf(input, reasons);
  return clauses.some((c) => holdsAny(c, reasons)) && clauses.some((c) => !holdsAny(c, reasons) && mayHoldTime(c));
}

/**
 * Whether the owner says when someone is home for the visit ("我下午3点后才在家"), not that nobody is or that they have
 * been waiting ("我明天不在家", "一直在家等着"). The time itself is read by readNewVisit.
 */
export function saysWhenHome(text: string, words: ConversationVocabulary['ticket_talk']): boolean {
  const input = simplified(text.normalize('NFKC')).trim();
  if (!input || input.length > words.max_length) return false;
  return holdsAny(input, words.available ?? []) && !holdsAny(input, words.available_not ?? []);
}

/**
 * The new visit time in a message that moves it ("能不能改到后天上午"): read after the moving word when it is there
 * (in "明天的改到后天上午" it is 后天), else anywhere. `onlyTheVisit` says whether the message is about the visit and
 * nothing else — once the time, the moving words, the asking words and the intake's proposing and filler words are
 * out, at most one character is left — so that in a group without @, "周末聚会推迟到周六晚上" from an owner with open
 * work does not move the engineer's visit.
 */
export function readNewVisit(
  text: string,
  now: Date,
  timezone: string,
  words: ConversationVocabulary['ticket_talk'],
  appointment: { propose: string[]; filler: string[] },
  /**
   * The start of the booked visit's day: a new time that names no day is on it, as a correction of the time is
   * (correction.ts). Seen in play: with the visit booked for tomorrow 10:00, '明天上午不在家 改到下午吧' moved it to
   * this afternoon, 12月8日 14:00–18:00, and the engineer was told so.
   */
  bookedDay?: Date,
): { time: ParsedTime; onlyTheVisit: boolean } | undefined {
  const input = text.normalize('NFKC');
  const moving = longestFirst(words.reschedule).find((w) => input.includes(w));
  const at = moving ? input.indexOf(moving) : -1;
  const after = at >= 0 ? input.slice(at + moving!.length) : input;
  const reasons = words.reschedule_reasons ?? [];
  // Without a moving word, the time is looked for outside the reason first: in "明天上午没空 后天下午吧" it is 后天下午.
  const outsideReasons = moving ? undefined : clausesOf(input, reasons).filter((clause) => !holdsAny(clause, reasons)).join(' ');
  const said = outsideReasons ?? after;
  const fromAfter = (bookedDay && !namesADay(said) && parseTime(said, bookedDay, timezone)) || parseTime(said, now, timezone);
  const time = fromAfter ?? parseTime(input, now, timezone);
  if (!time) return undefined;
  const cut = (text: string) => {
    const i = text.lastIndexOf(time.text);
    return i < 0 ? text : `${text.slice(0, i)} ${text.slice(i + time.text.length)}`;
  };
  let rest = fromAfter && moving ? `${input.slice(0, at)} ${cut(after)}` : cut(input);
  // "改到后天上午吧 明天临时有事": a clause giving the reason goes whole (rules/vocabulary/conversation.yaml reschedule_reasons).
  rest = clausesOf(rest, reasons)
    .filter((clause) => !reasons.some((w) => clause.includes(w)))
    .join(' ');
  rest = strip(rest, [...words.reschedule, ...words.reschedule_asks, ...appointment.propose, ...appointment.filler]);
  return { time, onlyTheVisit: rest.replace(/[\p{P}\p{S}]+/gu, '').length <= 1 };
}

/**
 * "明天上午没空", "周六我不在家": a time that does not suit (reschedule_reasons, available_not) and no other time said
 * (saysInstead reads that). The time is returned so the caller can see whether it is the booked visit's day. Only when
 * the message is that clause and nothing more: "周六上午没空 不去爬山了" is the neighbours' talk.
 */
export function timeNotSuiting(text: string, now: Date, timezone: string, words: ConversationVocabulary['ticket_talk']): ParsedTime | undefined {
  const input = simplified(text.normalize('NFKC')).trim();
  if (!input || input.length > words.max_length) return undefined;
  const nots = notSuitingWords(words);
  if (!holdsAny(input, nots)) return undefined;
  const clauses = clausesOf(input, nots);
  const notSuiting = clauses.filter((c) => holdsAny(c, nots));
  if (notSuiting.length === 0 || clauses.some((c) => !holdsAny(c, nots) && c.replace(/[啊呀哦了吧啦嘛呢]/g, '').length > 0)) return undefined;
  return parseTime(notSuiting.join(' '), now, timezone);
}

/**
 * reschedule_reasons and available_not together, made once per vocabulary: a list made anew at every message defeated
 * holdsAny's and longestFirst's caches, and building their pattern and order for every owner message cost ~8 % of
 * bench:engine's core CPU (profile of 810fb5a against 3bbb9ce).
 */
const NOT_SUITING = new WeakMap<ConversationVocabulary['ticket_talk'], readonly string[]>();

function notSuitingWords(words: ConversationVocabulary['ticket_talk']): readonly string[] {
  let nots = NOT_SUITING.get(words);
  if (!nots) NOT_SUITING.set(words, (nots = [...(words.reschedule_reasons ?? []), ...(words.available_not ?? [])]));
  return nots;
}
