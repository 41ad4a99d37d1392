import { readTicketTalk } from '../../conversation/ticket-talk.ts';
import { ASPECT_CHARS } from '../parse.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { parseTicketNumber } from '../../domain/ticket-number.ts';
import { STAFF_COMMAND_TABLE } from './registry.ts';
import { COMMAND_VOCABULARY } from '../vocabulary.ts';
import { parseTime } from '../../conversation/parse-time.ts';
import { longestFirst } from '../../conversation/longest-first.ts';
import { staffT } from '../../templates.ts';
import { saysOnTheWay } from './arrival.ts';

/**
 * Issue 16 §4, staff never hit a dead end: a command typed inside a sentence ("人已经出来了,取消 R0006") is taken
 * from where it stands, and a message that looks like a command but is not one ("接 R0003", "完城 R0002 修好了",
 * "R0002 修好了") gets "您是想用「完成」吗?" with the command's form, instead of silence.
 */

const TICKET = /(?<![A-Za-z\d])#?([RCSrcs]-?\d{1,9})(?!\d)/;

/** The Chinese command words, longest first so 完工 is found before a shorter word it contains; worked out once. */
let CHINESE_WORDS: [string, string][] | undefined;
function chineseWords(): [string, string][] {
  CHINESE_WORDS ??= Object.entries(STAFF_COMMAND_TABLE)
    .flatMap(([name, { words }]) => words.filter((w) => /^[\u4e00-\u9fa5]+$/.test(w)).map((w) => [w, name] as [string, string]))
    .sort((a, b) => b[0].length - a[0].length);
  return CHINESE_WORDS;
}

/** Each command word followed by a ticket number, compiled once (this runs on every staff-chat message). */
let WORD_THEN_TICKET: RegExp[] | undefined;
function wordThenTicket(): RegExp[] {
  WORD_THEN_TICKET ??= chineseWords().map(([word]) => new RegExp(`${word}\\s*${TICKET.source}`, 'g'));
  return WORD_THEN_TICKET;
}

/**
 * A command word directly followed by a ticket number somewhere after the start: the command text from that word on
 * ("取消 R0006", "完成 R0002 修好了"). Only one such pair counts; two would be a guess.
 */
export function embeddedCommand(text: string): string | undefined {
  const input = text.normalize('NFKC');
  const found: number[] = [];
  for (const pattern of wordThenTicket()) {
    for (const m of input.matchAll(pattern)) if (m.index > 0 && !found.some((i) => i <= m.index && m.index < i + 4)) found.push(m.index);
  }
  if (found.length !== 1) return undefined;
  const command = input.slice(found[0]).trim();
  // "人已经出来了,取消 R0001": the words before are why, which 关闭 and 取消 of unfinished work must give (the owner
  // hears them; docs/timeliness.md J5).
  const word = chineseWords().find(([w]) => command.startsWith(w));
  const before = input.slice(0, found[0]).replace(/[\s,,。.;;::!!]+$/u, '').trim();
  if (word && REASON_BEFORE.has(word[1]) && before && !/\S\s+\S/.test(command.slice(word[0].length).trim())) return `${command} ${before}`;
  return command;
}

/** Commands whose words before the number, in a sentence, are their reason. */
const REASON_BEFORE: ReadonlySet<string> = new Set(['close', 'cancel']);

/**
 * One ticket number and question words about it, nothing else ("R0001怎么回事", "C0002 什么情况?"): the number, for
 * 查. The question words are the owners' `ticket_talk.ask` (rules/vocabulary/conversation.yaml).
 */
export function askedAbout(text: string): string | undefined {
  const input = text.normalize('NFKC').trim();
  const ticket = TICKET.exec(input);
  const number = ticket && parseTicketNumber(ticket[1]!);
  if (!ticket || !number || TICKET.test(input.slice(ticket.index + ticket[0].length))) return undefined;
  const rest = `${input.slice(0, ticket.index)} ${input.slice(ticket.index + ticket[0].length)}`.replace(/[\s\p{P}]+/gu, '');
  return rest && readTicketTalk(rest, CONVERSATION_VOCABULARY.ticket_talk) === 'ask' ? number : undefined;
}

/**
 * The number first, as engineers type on the spot: "r2 完成 换了灯泡" is 完成 R0002 换了灯泡; "R0001 我接了" is 接单;
 * "R0001 修好了 换了水龙头" is 完成 with those words as the result; "R0001 明天上午10点上门" is 预约. The words are
 * rules/vocabulary/commands.yaml `after_number`. Anything else after a number is left to the near miss below.
 */
export function numberFirst(text: string, now: Date, timezone: string): { name: string; args: string } | undefined {
  const input = text.normalize('NFKC').trim();
  const said = COMMAND_VOCABULARY.after_number;
  // "到了 R0001": arrival is said before the number as often as after it (seen in play: silence).
  const before = /^([^\sRCSrcs#]{1,6})[\s,,::]*#?([RCSrcs]-?\d{1,9})[\s。.!!]*$/.exec(input);
  const arrivedFirst = before && said.arrived.includes(before[1]!) && parseTicketNumber(before[2]!);
  if (arrivedFirst) return { name: 'reply', args: `${arrivedFirst} ${staffT.arrived}` };
  // "把C0001转给秩序部": 把 puts the ticket before what is done to it.
  const m = /^(?:把|将)?\s*#?([RCSrcs]-?\d{1,9})(?!\d)[\s,,::]*([\s\S]*)$/.exec(input);
  const number = m && parseTicketNumber(m[1]!);
  const rest = m?.[2]!.trim();
  if (!number || !rest) return undefined;
  const word = chineseWords().find(([w]) => rest.startsWith(w));
  // "R0001 完成了 换了阀芯": the 了 after the command word is not the result (the owner read 已处理完毕:了 换了阀芯).
  // Before other words too for 完成 and 接单 ("完成了换了阀芯"); "回复了解情况" keeps its 了.
  if (word) {
    const aspect = word[1] === 'done' || word[1] === 'accept' ? LEADING_ASPECT : LEADING_ASPECT_ALONE;
    return { name: word[1], args: `${number} ${rest.slice(word[0].length).replace(aspect, '').trim()}`.trim() };
  }
  const bare = rest.replace(/[\s\p{P}]+/gu, '');
  if (said.arrived.includes(bare)) return { name: 'reply', args: `${number} ${staffT.arrived}` };
  // "R0001 马上到", "R0001 在路上了 十分钟到": said to the owner, as 回复 (after_number.on_the_way).
  if (saysOnTheWay(rest)) return { name: 'reply', args: `${number} ${rest}` };
  if (said.accept.some((w) => bare === w || bare === `${w}吧` || bare === `${w}了`)) return { name: 'accept', args: number };
  if (said.done.some((w) => rest.startsWith(w))) return { name: 'done', args: `${number} ${rest}` };
  // "R0001 换了灯泡 好了": what was done, then the done word (seen in play: 没有看到指令). Not "还没修好", "快好了", nor a
  // plan with a time ("R0001 明天去弄好").
  const ending = longestFirst(said.done).find((w) => bare.endsWith(w));
  if (ending && bare.length > ending.length && !NOT_DONE_YET.test(bare.slice(0, -ending.length)) && !parseTime(rest, now, timezone)) {
    return { name: 'done', args: `${number} ${rest}` };
  }
  if (said.urge.some((w) => bare === w || rest.startsWith(w))) return { name: 'urge', args: `${number} ${rest.replace(new RegExp(`^(?:${said.urge.join('|')})[\\s,,。!!]*`), '')}`.trim() };
  if (said.visit.some((w) => rest.includes(w)) && parseTime(rest, now, timezone)) return { name: 'schedule', args: `${number} ${rest}` };
  return undefined;
}

/**
 * A ticket number inside a sentence and a command after it, as typed in the middle of work: "人出来了 R0001 完成 已救出"
 * is 完成 R0001 人出来了;已救出, "那个业主又打电话来了 R0002 催一下" is 督办 (seen in play: silence). What follows the
 * number is read as numberFirst reads it; the words before are kept where the command's last words are free text
 * (the result, the reason, the note the owner or the office reads). Not read: two numbers (which one?), someone else's
 * words quoted ("业主说 R0002 修好了又漏了"), and 预约 without its command word (a time said about a ticket is often the
 * owner's, "业主 R0002 明天上午在家").
 */
export function numberInside(text: string, now: Date, timezone: string): { name: string; args: string } | undefined {
  const input = text.normalize('NFKC').trim();
  const ticket = TICKET.exec(input);
  if (!ticket || ticket.index === 0 || TICKET.test(input.slice(ticket.index + ticket[0].length))) return undefined;
  const before = input.slice(0, ticket.index).replace(/[\s,,。.;;::!!、]+$/u, '').replace(/^[\s,,。.;;::!!、]+/u, '');
  if (!before || /^(?:把|将)$/.test(before) || QUOTED.test(before)) return undefined;
  // "完城 R0001 修好了": a command word mistyped is asked about (nearMiss), not taken as the words before.
  if (before.length <= 3 && chineseWords().some(([word]) => similar(before, word))) return undefined;
  const after = input.slice(ticket.index);
  const command = numberFirst(after, now, timezone);
  if (!command) return undefined;
  if (command.name === 'schedule' && !chineseWords().some(([w, name]) => name === 'schedule' && after.slice(ticket[0].length).trim().startsWith(w))) return undefined;
  if (!FREE_TEXT_LAST.has(command.name)) return command;
  const [number, ...words] = command.args.split(/\s+/);
  const said = words.join(' ').trim();
  return { name: command.name, args: `${number} ${said ? `${before};${said}` : before}` };
}

/** Before a number, someone else's words: 业主说, 他问, 师傅讲, 业主反映 (then the number is what was said, not done). */
const QUOTED = /(?:说|讲|问|反映|表示|称|听说)$/;

/** Commands whose last words are free text (result, reason, note), where the words before a number belong. */
const FREE_TEXT_LAST: ReadonlySet<string> = new Set(['done', 'close', 'cancel', 'escalate', 'reopen', 'urge', 'reply']);

/**
 * The desk sending work with no number, as typed under a notice: "派单给张工吧", "派给张工吧", "指派张工". An assign word
 * (rules/vocabulary/commands.yaml `staff.assign`) then 给/交给 and a name; a word of two characters or more may take the
 * name straight after. 派 alone without 给 is a sentence ("派人去看看"), and a message with a number is left to the
 * readers above. Returns 派单's words (the name and what follows), for the one ticket waiting to be sent.
 */
export function assignWithoutNumber(text: string): string | undefined {
  const input = text.normalize('NFKC').trim();
  if (TICKET.test(input)) return undefined;
  for (const [word, name] of chineseWords()) {
    if (name !== 'assign' || !input.startsWith(word)) continue;
    const after = input.slice(word.length);
    const to = /^\s*(?:交给|给)\s*/.exec(after);
    if (!to && word.length < 2) return undefined;
    const rest = after.slice(to ? to[0].length : 0).trim();
    // a name and a word after it, not a sentence
    if (!rest || rest.length > 12 || /^[\s\p{P}]/u.test(rest)) return undefined;
    return rest;
  }
  return undefined;
}

/** 了 / 咗 straight after a command word; alone: not before other words ("回复了解情况"). */
const LEADING_ASPECT = new RegExp(`^${ASPECT_CHARS}`);
const LEADING_ASPECT_ALONE = new RegExp(`^${ASPECT_CHARS}(?![\\p{Script=Han}])`, 'u');

/** Said just before a done word, it is not done yet: 还没修好, 修不好了, 快好了, 马上就好了, 等会弄好. */
const NOT_DONE_YET = /(?:没|没有|不|未|快|马上|就|还|要|会|能|等)$/;

/** "您是想用「完成」吗?" for a message with a ticket number whose first word is close to a command word, or none at all. */
export function nearMiss(text: string): { word?: string; form: string[] } | undefined {
  const input = text.normalize('NFKC').trim();
  const ticket = TICKET.exec(input);
  if (!ticket || !parseTicketNumber(ticket[1]!)) return undefined;
  const head = input.slice(0, ticket.index).replace(/[\s,,:]+$/, '');
  const number = parseTicketNumber(ticket[1]!)!;
  if (head === '') return { form: FORMS_WITHOUT_WORD.map((f) => f.replace('R0001', number)) };
  // Only a short first word can be a typo of a command: a sentence that mentions a number is not a near miss.
  if (head.length > 3) return undefined;
  const close = chineseWords().find(([word]) => similar(head, word));
  if (!close) return undefined;
  return { word: close[0], form: [FORMS[close[1]]?.replace('R0001', number) ?? `${close[0]} ${number}`] };
}

/** One character short of a command word (接 → 接单), or the same length with one character wrong (完城 → 完成). */
function similar(typed: string, word: string): boolean {
  if (typed === word) return false;
  if (word.length === typed.length + 1 && (word.startsWith(typed) || word.endsWith(typed))) return true;
  if (word.length !== typed.length || word.length < 2) return false;
  let diff = 0;
  for (let i = 0; i < word.length; i += 1) if (word[i] !== typed[i]) diff += 1;
  return diff === 1;
}

/** The form of each command as its usage line says it. */
const FORMS: Record<string, string> = {
  accept: '接单 R0001',
  assign: '派单 R0001 张工',
  schedule: '预约 R0001 明天下午两点',
  promise: '承诺 R0001 周五18点',
  reply: '回复 R0001 内容',
  done: '完成 R0001 处理结果',
  transfer: '转 R0001 工程班|管理处|主任|领导',
  reclassify: '定性 R0001 报修|有偿|投诉|协助|超范围|咨询',
  escalate: '升级 R0001 原因',
  visit: '回访 R0001 满意|不满意',
  close: '关闭 R0001 原因',
  cancel: '取消 R0001 原因',
  show: '查 R0001',
};

const FORMS_WITHOUT_WORD = [FORMS.done!, FORMS.reply!, FORMS.show!];
