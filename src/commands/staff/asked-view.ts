import { escapeRegExp } from '../../conversation/escape-regexp.ts';
import { longestFirst } from '../../conversation/longest-first.ts';
import { COMMAND_VOCABULARY } from '../vocabulary.ts';

/**
 * A list or report asked for in a sentence: "这个月及时率多少" is 月报, "上个月的月报" is 月报 上个月, "我的任务" is 待办
 * (seen in play: each met silence, since a command word must stand at the start with nothing joined to it). Only a
 * message made of one view word, at most one period and filler words is read so: "及时率怎么这么低" is talk among staff.
 * The words are rules/vocabulary/commands.yaml `asked`.
 */
const ASKED = COMMAND_VOCABULARY.asked;
const NAME_OF = new Map(Object.entries(ASKED.words).flatMap(([name, words]) => words.map((w) => [w, name] as const)));
const alternatives = (words: readonly string[]) => longestFirst(words).map(escapeRegExp).join('|');
const FILLER = `(?:${alternatives(ASKED.filler)})*`;
const PERIOD = `(?:(${alternatives(ASKED.periods)})${FILLER})?`;
const PATTERN = new RegExp(`^${FILLER}${PERIOD}(${alternatives([...NAME_OF.keys()])})${FILLER}${PERIOD}$`);

/** Commands a period is passed to; the lists are of what is open now, whatever the period. */
const TAKES_PERIOD: ReadonlySet<string> = new Set(['daily', 'monthly', 'rate']);

/** Commands a person's or a unit's name is passed to: 张工的及时率 is 月报 张工, 张工的待办 is 待办 张工. */
const MONTH_ID = /(?<!\d)\d{4}-\d{1,2}(?!\d)/;

const TAKES_WHO: ReadonlySet<string> = new Set(['monthly', 'rate', 'todo']);

/**
 * The rate alone ("及时率多少") is 月报 told so by the word itself (reports.ts): the one figure, not the analysis. A
 * person's or unit's rate is their own short report either way.
 */
const asCommand = (name: string, word: string, args: string[]) =>
  name === 'rate' ? { name: 'monthly', args: [...args, word].filter(Boolean).join(' ') } : { name, args: args.filter(Boolean).join(' ') };

/**
 * `who`: the names a view may be asked about (staff names, unit words): "张工的及时率", "工程班这个月的及时率怎么样"
 * (seen in play: silence) pass the name on, before any period.
 */
export function askedView(text: string, who: readonly string[] = []): { name: string; args: string } | undefined {
  // A month as 月报 takes it ("及时率 2026-11"): 及时率 is no command word of its own, so it came here and met silence.
  const monthId = MONTH_ID.exec(text.normalize('NFKC'));
  if (monthId) {
    const view = askedView(text.normalize('NFKC').replace(MONTH_ID, ' '), who);
    return view && TAKES_PERIOD.has(view.name) && !view.args.split(' ').some((w) => ASKED.periods.includes(w))
      ? { name: view.name, args: [view.args, monthId[0].trim()].filter(Boolean).join(' ') }
      : undefined;
  }
  const said = text.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
  if (said.length > 24) return undefined;
  const m = PATTERN.exec(said);
  if (m) {
    const name = NAME_OF.get(m[2]!)!;
    const period = m[1] ?? m[3] ?? '';
    return asCommand(name, m[2]!, [TAKES_PERIOD.has(name) ? period : '']);
  }
  // A name at the start, or after the period ("上个月张工的及时率").
  for (const named of longestFirst(who)) {
    const at = said.indexOf(named);
    if (at < 0) continue;
    const rest = PATTERN.exec(said.slice(0, at) + said.slice(at + named.length));
    const name = rest && NAME_OF.get(rest[2]!)!;
    if (!rest || !name || !TAKES_WHO.has(name)) return undefined;
    const period = rest[1] ?? rest[3] ?? '';
    return asCommand(name, rest[2]!, [named, TAKES_PERIOD.has(name) ? period : '']);
  }
  return undefined;
}

const HELD = ASKED.held;
const HELD_PATTERN = HELD && new RegExp(`^(?:${alternatives(HELD.filler)})*(?:${alternatives(HELD.words)})(?:${alternatives(HELD.filler)})*$`);

/**
 * A staff member's name and then only words asking what they hold ("张工手上有几单", "张工的单子"): that name, for
 * 待办 张工. `names` are the staff of the configuration; undefined for anything else.
 */
export function askedHeld(text: string, names: readonly string[]): string | undefined {
  if (!HELD_PATTERN) return undefined;
  const said = text.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
  if (said.length > 16) return undefined;
  const name = longestFirst(names).find((n) => said.startsWith(n));
  return name && HELD_PATTERN.test(said.slice(name.length)) ? name : undefined;
}
