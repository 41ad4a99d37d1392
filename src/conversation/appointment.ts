import type { Category } from '../domain/category.ts';
import type { IntakeWords } from './intake-words.ts';
import { type ParsedTime, parseTime } from './parse-time.ts';

/**
 * Issue 16 §2, no invented deadlines. A time is an appointment only when the owner proposes when someone should come
 * ("明天下午来修", "周六上午在家", a bare "明天上午"), never a time word inside the story ("今天进门的时候还凶我",
 * "晚上黑乎乎的"), and never for a complaint or a question: their clock is policy 5.2's promise, not an appointment
 * the owner never made. The words that decide are data (rules/conversation/intake.yaml).
 */
export interface Proposal {
  time: ParsedTime;
  /** The clause that proposed it, as written: taken out of the description as a whole. */
  clause: string;
  /** What the clause says besides the time and the proposing words (e.g. "修空调" in "明天下午来修空调"). */
  rest: string;
}

/** Repairs are done within the owner's appointment (4.2.1.1); paid services are arranged for a time (4.2.2). */
export function takesAppointment(category: Category): boolean {
  return category === 'repair' || category === 'paid_service';
}

/**
 * The appointment fields a time gives. "明天早上8点前" is a time the work must be done by, not a visit at 08:00: it is
 * kept as a window that ends where it starts (the deadline), read back as "12月7日 08:00 前" (field trial: it was read
 * back as 08:00, a visit time). Before a part of the day ("明天中午前") is before that part begins; within a day
 * ("今天之内") is by its end (parse-time.ts `by`).
 */
export function visitFields(time: ParsedTime): { appointmentAt: string; appointmentEnd?: string } {
  if (time.before) {
    const by = (time.by ?? time.start).toISOString();
    return { appointmentAt: by, appointmentEnd: by };
  }
  const at = time.start.toISOString();
  return { appointmentAt: at, ...(time.end && { appointmentEnd: time.end.toISOString() }) };
}

const CLAUSE = /[^,,。.!!??;;、\n\s]+/g;

export function findProposal(text: string, category: Category, words: IntakeWords['appointment'], now: Date, timezone: string): Proposal | undefined {
  return takesAppointment(category) ? proposalIn(text, words, now, timezone) : undefined;
}

/**
 * A time said as when someone should come or can be reached ("明天上午在家", "改到明天下午"), whatever the category: an
 * assist matter (4.3.2) takes no appointment, but the owner who says one must be understood (seen in play: "明天上午"
 * at its read-back got the generic 请回复「确认」, and "明天上午在家" in the request was read back as its 内容).
 */
export function proposalIn(text: string, words: IntakeWords['appointment'], now: Date, timezone: string): Proposal | undefined {
  for (const m of text.normalize('NFKC').matchAll(CLAUSE)) {
    const clause = m[0];
    const time = parseTime(clause, now, timezone);
    if (!time) continue;
    if (words.story.some((w) => clause.includes(w))) continue;
    const rest = strip(clause.replace(time.text, ' '), [...words.propose, ...words.filler]);
    if (words.propose.some((w) => clause.includes(w)) || rest === '') return { time, clause, rest };
  }
  return undefined;
}

/**
 * Takes out every listed word, longest first so 可以来 goes before 来. A word the text does not hold is passed over
 * (splitting on it changes nothing): findProposal strips ~60 words from each clause that holds a time, and sorting the
 * list and splitting on every word cost ~17 µs a clause (issue 17 item 5, bench:engine).
 */
export function strip(text: string, list: readonly string[]): string {
  let out = text;
  // Longest first, words of one length in the list's order (as the stable sort by length this replaces), without
  // copying and sorting the list at every call.
  let longest = 0;
  for (const w of list) longest = Math.max(longest, w.length);
  for (let length = longest; length >= 0; length -= 1) {
    for (const w of list) if (w.length === length && out.includes(w)) out = out.split(w).join(' ');
  }
  return out.replace(/\s+/g, '').trim();
}
