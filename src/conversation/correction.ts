import { buildingIn, formatLocation, type Location, parsePublicPlace, parseRoom } from '../domain/location.ts';
import { PHONE_SOURCE } from '../domain/phone-mask.ts';
import { extractLocation, extractPhone, stripDetails } from './extract.ts';
import type { CorrectionField, IntakeWords } from './intake-words.ts';
import { longestFirst } from './longest-first.ts';
import { namesADay, type ParsedTime, parseTime, startOfDay } from './parse-time.ts';

/**
 * Issue 16 §3: a correction names the part it changes and keeps the rest. "地点改成9栋2单元3楼走廊",
 * "时间改成周六下午", "电话不用留了", or just the new value ("5栋2单元602", "周六上午", a phone number). The field and
 * change words are data (rules/conversation/intake.yaml). Used at the read-back and after recording.
 */
export interface Correction {
  field: CorrectionField;
  /** The new value as typed; empty when only the field was named ("改地点"), so the bot asks for it. */
  value: string;
}

export type CorrectedValue =
  | { field: 'location'; location: Location }
  | { field: 'time'; time: ParsedTime }
  | { field: 'time'; anytime: true }
  | { field: 'phone'; phone: string | undefined }
  /** A room or phone written inside the new description comes out of it, and is that field's value too. */
  | { field: 'description'; description: string; location?: Location; phone?: string };

/** Words saying something said before was wrong ("是6栋 不是6动", "写错了 是502"). */
export const SAYS_WRONG = /不是|不对|打错|写错|错了|应该是/;

/**
 * The words that say it was wrong, or a change said as one ("改成6栋", "换成502"): seen in play (field13), '改成6栋' at the
 * read-back got the generic 请回复「确认」, and 确认 then recorded 5栋.
 */
const CHANGES = /^\s*(?:那就|还是)?(?:改成|改为|改到|换成|换到)/;
function saysWrongOrChanges(answer: string): boolean {
  return SAYS_WRONG.test(answer) || CHANGES.test(answer.normalize('NFKC'));
}

/** A room number said alone ("802", "802室"); not a time (8点), an amount or a building. */
const BARE_ROOM = /(?<![\d.:-])(\d{3,4})(?![\d.:])(?!\s*(?:点|:|块|元|年|月|日|分|个|号楼|栋|幢|座|单元|楼|层))\s*(?:室|房|号)?/;
const UNIT = /(\d{1,2}|[一二三四五六七八九十]{1,2})\s*单元/;

/**
 * "是6栋 不是6动", "不对 是7栋", "不对 是802", "是802不是803", "不是803 是802": the part of the room said right (its
 * building, unit or number), the rest of the room kept (seen in play: "不对 是802" at the time question was read as a
 * time that could not be understood, and the ticket kept 803). The part before 不是 is the right one, or, when nothing
 * comes before it, what follows the wrong value's 是.
 */
export function buildingCorrection(answer: string, location: Location | undefined): CorrectedValue | undefined {
  if (location?.kind === 'public') return placeBuildingCorrection(answer, location);
  if (location?.kind !== 'room' || !saysWrongOrChanges(answer) || parseRoom(answer) || extractPhone(answer)) return undefined;
  const input = answer.normalize('NFKC');
  const [before, after] = input.split(/而不是|不是/);
  const said = (text: string) => buildingIn(text) ?? UNIT.exec(text)?.[1] ?? BARE_ROOM.exec(text)?.[1];
  const right = before && said(before) ? before : (after?.split(/而是|应该是|是/).slice(1).join(' ') ?? '');
  const building = buildingIn(right);
  const unitMatch = UNIT.exec(right);
  const rest = right.replace(/(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座|动)/, ' ').replace(UNIT, ' ');
  const number = BARE_ROOM.exec(rest)?.[1];
  if (!building && !unitMatch && !number) return undefined;
  const unit = unitMatch && parseRoom(`1栋${unitMatch[1]}单元101`)?.unit;
  const room = { ...location, ...(building && { building }), ...(unit && { unit }), ...(number && { room: String(Number(number)) }) };
  return { field: 'location', location: { ...room, text: formatLocation(room) } };
}

const BUILDING_WORD = /(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座|动)/;

/**
 * "不对 是6栋" about a public place in a building ("5栋门口的路灯", "2号楼电梯"): the same place in the building said
 * (6栋门口的路灯). Seen in play: it got the generic 请回复「确认」, and 确认 then recorded the wrong building. Only a
 * building said alone with the words that say it was wrong; anything more is read as a new place elsewhere.
 */
function placeBuildingCorrection(answer: string, location: Location & { kind: 'public' }): CorrectedValue | undefined {
  if (!saysWrongOrChanges(answer) || extractPhone(answer) || !BUILDING_WORD.test(location.place)) return undefined;
  const input = answer.normalize('NFKC');
  const [before, after] = input.split(/而不是|不是/);
  const right = before && BUILDING_WORD.test(before) ? before : (after?.split(/而是|应该是|是/).slice(1).join(' ') ?? '');
  const said = BUILDING_WORD.exec(right);
  if (!said || right.replace(said[0], '').replace(SAYS_WRONG, '').replace(CHANGES, '').replace(/[是的啊呀吧喔哦\s\p{P}]/gu, '') !== '') return undefined;
  const word = said[0].replace(/\s+/g, '').replace(/动$/, '栋');
  const place = location.place.replace(BUILDING_WORD, word);
  if (place === location.place) return undefined;
  return { field: 'location', location: { kind: 'public', place, text: place } };
}

/** "房号改成802": a room number alone is another flat in the same building and unit as the one it replaces. */
function sameEntrance(value: string, current: Location | undefined): Location | undefined {
  const m = /^(?:是)?(\d{3,4})\s*(?:室|房|号)?$/.exec(value.trim());
  if (!m || current?.kind !== 'room') return undefined;
  const room = { ...current, room: String(Number(m[1])) };
  return { ...room, text: formatLocation(room) };
}

const LEAD = /^(?:不对|错了|修改|改一下|更正|更改|改下|改|是|应该是)?[\s,,。:;;!!]*/;
const ANYTIME = /(随时|都可以|都行|什么时候都)/;

/** A correction that names its field: "<field word>[改成|是|:]<value>", "把<field>改成<value>", "改<field>". */
export function readCorrection(text: string, words: IntakeWords['correction']): Correction | undefined {
  const said = text.normalize('NFKC').trim().replace(/^把/, '').replace(LEAD, '').replace(/^把/, '');
  const { fields, changes } = sortedWords(words);
  const opened = withoutLead(said, words.lead ?? []);
  for (const { field, word } of fields) {
    // "对了 我电话是…": the opening words count only before a phone, a place or a time; "我问题是不是很严重" is a question.
    const input = said.startsWith(word) || field === 'description' ? said : opened;
    if (!input.startsWith(word)) continue;
    let rest = input.slice(word.length).trim();
    const change = changes.find((w) => rest.startsWith(w));
    if (change) rest = rest.slice(change.length);
    const value = rest.replace(/^[\s,,。:;;]+|[\s,,。!!;;]+$/g, '');
    // Without a change word ("时间周六下午", "电话不用留了") the rest must read as that field's value, so that a sentence
    // which merely starts with the word ("问题很严重", "位置不对") is not taken for a correction.
    if (change || value === '' || fitsField(field, value, words)) return { field, value };
  }
  return undefined;
}

/** The text after its opening words ("对了 我" in "对了 我电话是…"), each set aside once, longest first. */
function withoutLead(text: string, lead: readonly string[]): string {
  let rest = text;
  for (const word of longestFirst(lead)) {
    if (rest.startsWith(word)) rest = rest.slice(word.length).replace(/^[\s,,。:;;!!]+/, '');
  }
  return rest;
}

/** The words longest first, sorted once per word list: this runs on every owner message (bench:engine profile). */
const FIELDS = new WeakMap<IntakeWords['correction'], Array<{ field: CorrectionField; word: string }>>();

function sortedWords(words: IntakeWords['correction']): { fields: Array<{ field: CorrectionField; word: string }>; changes: readonly string[] } {
  let fields = FIELDS.get(words);
  if (!fields) {
    fields = (Object.entries(words.fields) as [CorrectionField, string[]][])
      .flatMap(([field, list]) => list.map((word) => ({ field, word })))
      .sort((a, b) => b.word.length - a.word.length);
    FIELDS.set(words, fields);
  }
  return { fields, changes: longestFirst(words.change) };
}

function fitsField(field: CorrectionField, value: string, words: IntakeWords['correction']): boolean {
  switch (field) {
    case 'location':
      return !!(parseRoom(value) ?? parsePublicPlace(value));
    case 'time':
      return !!parseTime(value, new Date(0), 'UTC') || ANYTIME.test(value);
    case 'phone':
      // A phone and a few words, not a whole request that opens with it: "@回音 电话13912345678 6栋801 洗衣机下水堵了
      // 周六" was taken for a correction of a ticket the owner did not have (seen in play: 没有找到您正在处理中的事项).
      if (extractPhone(value)) return chars(value.replace(PHONES, '')) <= BARE_PLACE_EXTRA;
      return words.none.some((w) => value.startsWith(w));
    case 'description':
      return false;
  }
}

const PHONES = new RegExp(PHONE_SOURCE, 'gi');

/** Characters beyond the place a bare place may hold ("不对 是…" is cut before: LEAD). */
const BARE_PLACE_EXTRA = 6;

function chars(text: string): number {
  return text.replace(/[\s\p{P}]/gu, '').length;
}

/** Reads a value typed without a field word: a room or public place, a phone, or (for appointments) a time. */
export function readBareValue(text: string, withTime: boolean, now: Date, timezone: string): Correction | undefined {
  const input = text.normalize('NFKC').trim().replace(LEAD, '');
  if (!input) return undefined;
  if (extractPhone(input)) return { field: 'phone', value: input };
  const place = parseRoom(input) ?? parsePublicPlace(input);
  // The place and a few words around it ("是3栋2单元201", "在地下车库B区"); a sentence that merely mentions a place is
  // something new ("停车场乱收费 收了我15块" at a read-back became its 地点, seen in play).
  if (place && chars(input) <= chars(place.text) + BARE_PLACE_EXTRA) return { field: 'location', value: input };
  if (withTime && (parseTime(input, now, timezone) || ANYTIME.test(input))) return { field: 'time', value: input };
  return undefined;
}

/** Turns the typed value into the field's new value; `undefined` when it cannot be read as one. */
export function correctedValue(
  c: Correction,
  words: IntakeWords['correction'],
  now: Date,
  timezone: string,
  current: { location?: Location; appointmentAt?: string } = {},
): CorrectedValue | undefined {
  const value = c.value.trim();
  switch (c.field) {
    case 'location': {
      const phone = extractPhone(value);
      const place = (phone ? stripDetails(value, undefined, phone) : value).slice(0, 60);
      const room = parseRoom(place) ?? sameEntrance(place, current.location);
      if (room) return { field: 'location', location: room };
      // Not a room: the whole answer is the place (9栋2单元3楼走廊), not just the one word a pattern knows (走廊).
      return place ? { field: 'location', location: { kind: 'public', place, text: place } } : undefined;
    }
    case 'time': {
      // "说错了 是下午" after 明天上午: the afternoon of the day already said, not this afternoon (seen in play).
      const day = current.appointmentAt && !namesADay(value) ? startOfDay(new Date(current.appointmentAt), timezone) : undefined;
      const time = (day && parseTime(value, day, timezone)) || parseTime(value, now, timezone);
      if (time) return { field: 'time', time };
      return ANYTIME.test(value) ? { field: 'time', anytime: true } : undefined;
    }
    case 'phone': {
      const phone = extractPhone(value);
      if (phone) return { field: 'phone', phone };
      return words.none.some((w) => value.includes(w)) ? { field: 'phone', phone: undefined } : undefined;
    }
    case 'description': {
      // Read as a request's words are (stripDetails): "内容:我家5栋502马桶堵了" kept "我家5栋502" in the record, and
      // a phone typed after it stayed in the description, while "报修 我家5栋502马桶堵了" records "马桶堵了" (seen in play).
      const location = extractLocation(value);
      const phone = extractPhone(value);
      const description = stripDetails(value, location, phone);
      if (description.length < 2) return undefined;
      return { field: 'description', description, ...(location?.kind === 'room' && { location }), ...(phone && { phone }) };
    }
  }
}
