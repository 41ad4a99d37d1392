/**
 * Phone numbers in every common form, masked before a message reaches a group or a staff chat (owner data is
 * personal data): mobiles (13800138000, 138-0013-8000, 138 0013 8000, 138.0013.8000, 138 001 38000, +86 138…, (+86)138…,
 * 0086 138…), landlines
 * (0755-12345678, 075512345678, (0755)12345678, 0755 1234 5678) and numbers written in Chinese digits
 * (一三八零零一三八零零零, 幺三八…). The company's own published numbers (the service card) stay as they are.
 */
// Commas too ("电话:138,0013,8000", as amounts are grouped): such a number was neither read nor masked (seen in play).
const SEP = '[\\s.,，\\-‐–—]?';
// 0086 is the country code as dialled from abroad, as +86 is: "0086 139 1234 5678" was read as the landline 0086-1391234
// and 5678 was left in 内容 (seen in play).
// Grouped any way, not only 3-4-4 ("138 001 38000", "1380 013 8000"): one such number was neither the owner's phone nor
// masked, and stood whole in 内容 before the owners' group (seen in play).
const MOBILE = `(?:(?:\\(?(?:\\+|00)?86\\)?)${SEP})?1[3-9](?:${SEP}\\d){9}`;
const LANDLINE = `(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3})${SEP}\\d{3,4}${SEP}\\d{4}`;
/** A mobile or an area-coded landline, in any of the forms above (a pattern's source, for other patterns to embed). */
export const PHONE_SOURCE = `(?<![\\d])(?:${MOBILE}|${LANDLINE})(?![\\d])`;
const NUMBER = new RegExp(PHONE_SOURCE, 'g');

/**
 * Digits as voice input and careful writers give them: spoken (一三八, 幺, 洞, 拐, 勾) and the financial forms used on
 * cheques and receipts (壹贰叁肆伍陆柒捌玖, traditional 貳參陸). "幺叁捌零零一三八零零零" was neither read nor masked (seen in
 * play). One character for one digit.
 */
export const SPOKEN_DIGIT: Readonly<Record<string, string>> = {
  零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 壹: '1', 二: '2', 两: '2', 兩: '2', 贰: '2', 貳: '2', 三: '3', 叁: '3', 參: '3',
  四: '4', 肆: '4', 五: '5', 伍: '5', 六: '6', 陆: '6', 陸: '6', 七: '7', 拐: '7', 柒: '7', 八: '8', 捌: '8', 九: '9',
  勾: '9', 玖: '9',
};
/** The characters of SPOKEN_DIGIT, for a character class. */
export const SPOKEN_DIGITS = Object.keys(SPOKEN_DIGIT).join('');
/**
 * A run of digits that holds at least one written as a character, mixed with figures or not ("幺三八…",
 * "138八零零一三八零零零"), with single spaces, dashes or commas between them.
 */
const SPOKEN_RUN = new RegExp(`(?:[${SPOKEN_DIGITS}0-9](?:[\\s,，\\-](?=[${SPOKEN_DIGITS}0-9]))?)*[${SPOKEN_DIGITS}](?:[\\s,，\\-]?[${SPOKEN_DIGITS}0-9])*`, 'g');

/**
 * The text with every digit written as a character in a run turned into its figure, one character for one, so that
 * a number found in it is where it was written.
 */
export function withFigures(text: string): string {
  return text.replace(SPOKEN_RUN, (run) => {
    // Most runs are one character of a sentence (一, 三, 两): too short to be a phone, left before any counting.
    if (run.length < 10) return run;
    const chars = [...run];
    const written = chars.filter((c) => c in SPOKEN_DIGIT).length;
    const digits = chars.filter((c) => c in SPOKEN_DIGIT || /\d/.test(c)).length;
    // Long enough to be a phone (ten digits at the least), and three or more of them written: "周一13800138000" and
    // "三四个人" stay as they are.
    return digits >= 10 && written >= 3 ? chars.map((c) => SPOKEN_DIGIT[c] ?? c).join('') : run;
  });
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '').replace(/^(?:00)?86(?=1[3-9]\d{9}$)/, '');
}

/** 138****8000; landlines keep the area code and the last four: 0755-****5678. */
export function masked(digits: string): string {
  if (digits.startsWith('1')) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${digits.slice(0, areaLength(digits))}-****${digits.slice(-4)}`;
}

/**
 * The first phone number an owner wrote, as the record keeps it: a mobile as its 11 digits (13800138000), a landline
 * with its area code apart (0755-26651234, 010-12345678). A landline without its area code is not taken: eight
 * digits alone are as often an order or a meter number.
 */
export function firstPhone(text: string): string | undefined {
  const normalised = text.normalize('NFKC');
  NUMBER.lastIndex = 0;
  const m = NUMBER.exec(normalised);
  NUMBER.lastIndex = 0;
  if (!m) return undefined;
  const digits = digitsOf(m[0]);
  if (digits.startsWith('1')) return digits;
  const area = areaLength(digits);
  return `${digits.slice(0, area)}-${digits.slice(area)}`;
}

/** Beijing (010) and the 02x cities have three-digit area codes, the rest four. */
function areaLength(digits: string): number {
  return /^0(?:10|2\d)/.test(digits) ? 3 : 4;
}

/** The digits of numbers that may always be shown (the service card's). */
export function publicNumbers(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) for (const m of text.normalize('NFKC').matchAll(NUMBER)) out.add(digitsOf(m[0]));
  return out;
}

export function maskPhones(text: string, keep: ReadonlySet<string> = new Set()): string {
  // Full-width digits and the signs around numbers are read as their ASCII forms; other characters stay as typed.
  let out = text.replace(/[０-９＋－（）]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  // Numbers are found in the text with its written digits as figures (same length) and masked in the text as typed.
  const read = withFigures(out);
  let shown = '';
  let at = 0;
  for (const m of read.matchAll(NUMBER)) {
    const digits = digitsOf(m[0]);
    if (keep.has(digits)) continue;
    shown += `${out.slice(at, m.index)}${masked(digits)}`;
    at = m.index + m[0].length;
  }
  return withoutMistypedPhones(shown + out.slice(at), keep);
}

/**
 * A number given as a phone that is none, one digit too many or too few ("电话138800138000", typed as
 * 138八零零一三八零零零): not the owner's phone, and shown whole in 内容 before the group (seen in play). After a
 * phone word, a run of ten to thirteen digits is masked all the same. Other long numbers (order numbers) stay.
 */
const MISTYPED = /((?:电话|手机|号码|联系方式)(?:号码?)?(?:是|为|為|係)?[::\s]*)(\d(?:[\s\-,，]?\d){9,12})(?!\d)/g;

/**
 * The number given as the owner's phone that is none (MISTYPED: "电话1381234567", one digit short), with where it stands
 * in `text` (the phone word included), to tell the owner instead of taking it silently; undefined when there is none.
 * Call it only when no phone was found.
 */
export function mistypedPhone(text: string): { digits: string; index: number; length: number } | undefined {
  const read = withFigures(text);
  for (const m of read.matchAll(new RegExp(MISTYPED.source, 'g'))) {
    const digits = digitsOf(m[2]!);
    // A whole phone here is someone else's ("他电话是0755 8322 1234", "师傅的电话139…"), not a mistake.
    if (firstPhone(digits)) continue;
    return { digits, index: m.index, length: m[0].length };
  }
  return undefined;
}

function withoutMistypedPhones(text: string, keep: ReadonlySet<string>): string {
  const read = withFigures(text);
  let shown = '';
  let at = 0;
  for (const m of read.matchAll(MISTYPED)) {
    const digits = digitsOf(m[2]!);
    // The company's own numbers stay (the service card's 电话 0755…).
    if (keep.has(digits)) continue;
    const start = m.index + m[1]!.length;
    shown += `${text.slice(at, start)}${masked(digits)}`;
    at = start + m[2]!.length;
  }
  return shown + text.slice(at);
}

/**
 * The first `length` characters of a text for a list line or an alert, phone numbers masked first: cut first, a number
 * loses the digits that made it look like a phone and would pass the group's masking half-shown ("0755-123456").
 */
export function excerpt(text: string, length: number): string {
  const masked = maskPhones(text);
  const cut = masked.slice(0, length);
  // A number cut in two ("另留电话 075") reads as a number: the line stops before it instead.
  return /[\d*]/.test(masked.charAt(length)) ? cut.replace(/[\d*+\-]+$/, '').trimEnd() : cut;
}
