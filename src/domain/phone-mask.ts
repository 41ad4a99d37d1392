/**
 * Phone numbers in every common form, masked before a message reaches a group or a staff chat (owner data is
 * personal data): mobiles (13800138000, 138-0013-8000, 138 0013 8000, 138.0013.8000, 138 001 38000, +86 138…, (+86)138…,
 * 0086 138…), landlines
 * (0755-12345678, 075512345678, (0755)12345678, 0755 1234 5678) and numbers written in Chinese digits
 * (一三八零零一三八零零零, 幺三八…). The company's own published numbers (the service card) stay as they are.
 */
const SEP = '[\\s.\\-‐–—]?';
// 0086 is the country code as dialled from abroad, as +86 is: "0086 139 1234 5678" was read as the landline 0086-1391234
// and 5678 was left in 内容 (seen in play).
// Grouped any way, not only 3-4-4 ("138 001 38000", "1380 013 8000"): one such number was neither the owner's phone nor
// masked, and stood whole in 内容 before the owners' group (seen in play).
const MOBILE = `(?:(?:\\(?(?:\\+|00)?86\\)?)${SEP})?1[3-9](?:${SEP}\\d){9}`;
const LANDLINE = `(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3})${SEP}\\d{3,4}${SEP}\\d{4}`;
/** A mobile or an area-coded landline, in any of the forms above (a pattern's source, for other patterns to embed). */
export const PHONE_SOURCE = `(?<![\\d])(?:${MOBILE}|${LANDLINE})(?![\\d])`;
const NUMBER = new RegExp(PHONE_SOURCE, 'g');

const CN_DIGIT: Record<string, string> = { 零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 拐: '7', 八: '8', 九: '9', 勾: '9' };
const CN_RUN = /[零〇洞一幺二两三四五六七拐八九勾][零〇洞一幺二两三四五六七拐八九勾\s\-]{8,}[零〇洞一幺二两三四五六七拐八九勾]/g;

function digitsOf(text: string): string {
  return text.replace(/\D/g, '').replace(/^(?:00)?86(?=1[3-9]\d{9}$)/, '');
}

function looksLikePhone(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits);
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
  out = out.replace(NUMBER, (m) => {
    const digits = digitsOf(m);
    return keep.has(digits) ? m : masked(digits);
  });
  return out.replace(CN_RUN, (m) => {
    const digits = [...m].map((c) => CN_DIGIT[c] ?? '').join('');
    return looksLikePhone(digits) && !keep.has(digits) ? masked(digits) : m;
  });
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
