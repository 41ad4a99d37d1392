import { cleanText } from './text-hygiene.ts';
import { escapeRegExp } from './escape-regexp.ts';
import { simplified } from './simplified.ts';
import { parsePublicPlace, parseRoom, type Location } from '../domain/location.ts';
import { firstPhone, PHONE_SOURCE } from '../domain/phone-mask.ts';
import { spokenDigits } from './spoken-digits.ts';
import { CONVERSATION_VOCABULARY } from './vocabulary.ts';
import { longestFirst } from './longest-first.ts';

/** A mobile or an area-coded landline (elderly owners often give the flat's landline), as the record keeps it; said
 * in Chinese digits by voice input too (幺三八…). */
export function extractPhone(text: string): string | undefined {
  return firstPhone(withoutOthersPhones(spokenDigits(text.normalize('NFKC'))));
}

/**
 * Someone else's number ("他电话是0755 8322 1234", "师傅的电话13912345678", "物业经理电话是…"): one of
 * rules/vocabulary/conversation.yaml `others_phone` (with up to four characters, none of them 我, before the phone
 * word). Seen in play, it was taken as the owner's 电话 and cut out of 内容, leaving "他 你们自己打". Right after a family
 * word (`household`: 我老婆 她电话…) the pronoun is the household's own contact.
 */
const HOUSEHOLD = (CONVERSATION_VOCABULARY.household ?? []).map(escapeRegExp).join('|');
const OTHERS_PHONE = new RegExp(
  `(?<!其)${HOUSEHOLD ? `(?<!(?:${HOUSEHOLD})(?:在家|在|也)?[\\s,,、]{0,2})` : ''}(?:${longestFirst(CONVERSATION_VOCABULARY.others_phone ?? []).map(escapeRegExp).join('|') || '(?!)'})(?:(?![我打给拨])\\p{Script=Han}){0,4}?(?:联系电话|联系方式|手机号码|手机号|手机|座机|电话号码|电话|号码)(?:是|系|為|为)?[::\\s]*${PHONE_SOURCE}`,
  'giu',
);

/**
 * The text with someone else's numbers (OTHERS_PHONE) blanked out, one space for one character, so that what is found
 * in it can be cut from the text as written: the owner's number is looked for there, and someone else's stays in the
 * description as said (masked in groups as every number is).
 */
function withoutOthersPhones(text: string): string {
  const read = simplified(text);
  let out = text;
  for (const m of read.matchAll(OTHERS_PHONE)) out = `${out.slice(0, m.index)}${' '.repeat(m[0].length)}${out.slice(m.index + m[0].length)}`;
  return out;
}

/**
 * A room, or failing that a public-area place such as 3栋大堂. Traditional characters are read as simplified
 * ("5棟2單元502" is 5栋2单元502), and the words are kept as written, so they can be cut from the description.
 */
export function extractLocation(text: string): Location | undefined {
  const written = spokenDigits(text.normalize('NFKC'));
  const read = simplified(written);
  const location = parseRoom(read) ?? parsePublicPlace(read);
  if (!location || read === written) return location;
  const at = read.indexOf(location.text);
  return at < 0 ? location : { ...location, text: written.slice(at, at + location.text.length) };
}

/** A greeting before the matter ("你好 我家卫生间吊顶在滴水") is not part of it. */
// Said with no pause after it as well ("你好我家厨房的水龙头一直滴水" kept 你好 in the record, seen in play); 你好像 and
// 你好久 are not greetings.
// "喂 你好" is how a spoken message starts.
const GREETING = /^\s*(?:喂+[,,!!。.~\s]*)?(?:(?:你好|您好|你们好|大家好|在吗|在不在)(?![像久])|(?:hello|hi)(?![a-z]))[,,!!。.~\s]*|^\s*喂+[,,!!。.~\s]+/i;
/**
 * The office called by name before the matter ("物业你好 我家…马桶堵了" kept "物业你好" in the record and the engineers'
 * notice, seen in play; "管家, 楼道灯坏了"): the names are rules/vocabulary/conversation.yaml `calls_on_office.names`,
 * taken out only with a greeting or a pause after them, so "物业费…" and "物业的人…" stay as written.
 */
const CALLED_BY_NAME = new RegExp(
  `^\\s*(?:${longestFirst(CONVERSATION_VOCABULARY.calls_on_office.names).map(escapeRegExp).join('|')})\\s*(?:(?:你好|您好|你们好|在吗|在不在)[,,!!。.~\\s]*|[,,::!!\\s]+)`,
);

function withoutGreeting(text: string): string {
  return text.replace(GREETING, '').replace(CALLED_BY_NAME, '').replace(GREETING, '');
}
// "我家3栋1单元101 门锁坏了" left "我家" in the description (seen in play).
const OWN_ROOM_BEFORE = '(?:(?:我是|我家是|我家住|我家在|我住在|我住|住在|家住|我家)(?:那个|这个)?)?\\s*';
/**
 * The words that only say a number follows ("家里电话是 (0755)26651235", "座机 0755 2665 1234"): they go with the
 * number, out of the description, and out of what is classified (座机 alone is a telephone-line matter, 4.3.2.4).
 */
export const CONTACT_LEAD = '(?:(?:家里|家中|我的|我家|我)?(?:联系电话|联系方式|手机号码|手机号|手机|座机|固话|电话号码|电话|tel)(?:号码)?(?:是|系|係)?)?';
/** A phone number with its lead words: the pattern source every reader of "电话:138…" builds on. */
export const CONTACT_PHONE = `${CONTACT_LEAD}[::\\s]*${PHONE_SOURCE}`;
const CONTACT_PHONE_ONCE = new RegExp(CONTACT_PHONE, 'i');
const OWN_ROOM_AFTER = '的?';

/**
 * What follows the opening words of a request ("我想报个修啊 就是…", "我要投诉 你们…"; rules/vocabulary/conversation.yaml
 * request_openers) and their 啊 / 一下; undefined without them.
 */
export function afterOpener(text: string): string | undefined {
  const opener = longestFirst(CONVERSATION_VOCABULARY.request_openers ?? []).find((w) => text.startsWith(w));
  return opener === undefined ? undefined : text.slice(opener.length).replace(/^(?:一下)?[啊呀哈吧]?[\s,,::。.!!~]*(?:就是)?/, '');
}

function withoutOpener(text: string): string {
  const rest = afterOpener(text);
  return rest !== undefined && rest.length >= 2 ? rest : text;
}

/** What is left of a message once the room and phone are taken out: the description of the problem. */
export function stripDetails(text: string, location: Location | undefined, phone: string | undefined): string {
  let rest = withoutOpener(withoutGreeting(spokenDigits(text.normalize('NFKC'))));
  // A room is taken out of the description with the words that only said whose it is ("我是7栋2单元1502的" left
  // "我是 的" behind); a public place stays in it, since it is part of what is wrong.
  if (location?.kind === 'room') rest = rest.replace(new RegExp(`${OWN_ROOM_BEFORE}${escapeRegExp(location.text)}${OWN_ROOM_AFTER}`), ' ');
  if (phone) {
    // Matched on the text read as simplified, one character for one, and cut where it was written: "我電話係 +86 138…"
    // left "我電話係" in the description (seen in play).
    const m = CONTACT_PHONE_ONCE.exec(simplified(withoutOthersPhones(rest)));
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
  }
  return tidyLeft(rest);
}

/** What is left once words are cut out of a text: one space for a run, one mark for a run of marks, no loose ends. */
function tidyLeft(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/([,,、;;。])(?:\s*[,,、;;。])+/g, '$1')
    .replace(/^[\s,,。.、:;]+|[\s,,.、:;]+$/g, '')
    .trim();
}

/**
 * "电话13812345678 或者 0755-26012345": the record keeps one phone, and the second number was left in the description
 * with its 或者 ("内容:…, 或者 0755-****2345", the 待办 line cut at "或者 0755"). The other numbers come out with the
 * words that led to them, to be written after the description as numbers (nothing the owner gave is dropped).
 */
export function withoutOtherPhones(description: string): { text: string; phones: string[] } {
  const phones: string[] = [];
  const lead = new RegExp(`[\\s,,、;;/]*(?:(?:或者|或是|或|还有|以及|也可以打|备用)\\s*)?${CONTACT_PHONE}`, 'gi');
  const read = simplified(withoutOthersPhones(description));
  let text = '';
  let at = 0;
  for (const m of read.matchAll(lead)) {
    const phone = firstPhone(m[0]);
    if (!phone) continue;
    phones.push(phone);
    text += `${description.slice(at, m.index)} `;
    at = m.index + m[0].length;
  }
  if (phones.length === 0) return { text: description, phones };
  text += description.slice(at);
  return { text: tidyLeft(text), phones };
}

/** Control characters, escape codes, bidi overrides and invisible marks carry nothing a person typed on purpose. */
export const sanitizeText = cleanText;

/** A building (and unit) said without a room: "5栋2单元", "12号楼". */
const BUILDING_WITHOUT_ROOM = /(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座|动)\s*(?:(?:\d{1,2}|[一二两三四五六七八九十]{1,2})\s*单元)?(?!\s*\d)/;
const BARE_ROOM = /^\s*(\d{3,4})\s*(?:室|房|号)?\s*[。.!!]?\s*$/;

/**
 * The room number alone ("502"), sent when the room was asked of a request that named the building ("我家门口的灯坏了
 * 5栋2单元"): the room in that building, and the building words taken out of the description. Seen in play: "502" got
 * 记下了。还需要房号, and 确认 after it 还差房号.
 */
export function roomInBuildingSaid(description: string | undefined, answer: string): { location: Location; description: string } | undefined {
  const room = BARE_ROOM.exec(answer.normalize('NFKC'));
  const said = description?.normalize('NFKC');
  const building = said && BUILDING_WITHOUT_ROOM.exec(said);
  if (!room || !said || !building) return undefined;
  const location = parseRoom(`${building[0].replace(/\s+/g, '')}${room[1]}`);
  if (!location) return undefined;
  return { location, description: tidyLeft(`${said.slice(0, building.index)} ${said.slice(building.index + building[0].length)}`) || said };
}
