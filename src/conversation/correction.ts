import { buildingIn, formatLocation, type Location, parsePublicPlace, parseRoom } from '../domain/location.ts';
import { extractPhone, stripDetails } from './extract.ts';
import type { CorrectionField, IntakeWords } from './intake-words.ts';
import { longestFirst } from './longest-first.ts';
import { type ParsedTime, parseTime } from './parse-time.ts';

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
  | { field: 'description'; description: string };

/** Words saying something said before was wrong ("是6栋 不是6动", "写错了 是502"). */
export const SAYS_WRONG = /不是|不对|打错|写错|错了|应该是/;

/**
 * "是6栋 不是6动", "不对 是7栋": the building of the room said right, the rest of the room kept (seen in play: the
 * owner's fix of a slip was read as a time that could not be understood). The part before 不是 is the right one.
 */
export function buildingCorrection(answer: string, location: Location | undefined): CorrectedValue | undefined {
  if (location?.kind !== 'room' || !SAYS_WRONG.test(answer) || parseRoom(answer)) return undefined;
  const building = buildingIn(answer.split(/而不是|不是/)[0] ?? '');
  if (!building) return undefined;
  const room = { ...location, building };
  return { field: 'location', location: { ...room, text: formatLocation(room) } };
}

const LEAD = /^(?:不对|错了|修改|改一下|更正|更改|改下|改|是|应该是)?[\s,,。:;;!!]*/;
const ANYTIME = /(随时|都可以|都行|什么时候都)/;

/** A correction that names its field: "<field word>[改成|是|:]<value>", "把<field>改成<value>", "改<field>". */
export function readCorrection(text: string, words: IntakeWords['correction']): Correction | undefined {
  const input = text.normalize('NFKC').trim().replace(/^把/, '').replace(LEAD, '').replace(/^把/, '');
  const { fields, changes } = sortedWords(words);
  for (const { field, word } of fields) {
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
      return !!extractPhone(value) || words.none.some((w) => value.startsWith(w));
    case 'description':
      return false;
  }
}

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
export function correctedValue(c: Correction, words: IntakeWords['correction'], now: Date, timezone: string): CorrectedValue | undefined {
  const value = c.value.trim();
  switch (c.field) {
    case 'location': {
      const phone = extractPhone(value);
      const place = (phone ? stripDetails(value, undefined, phone) : value).slice(0, 60);
      const room = parseRoom(place);
      if (room) return { field: 'location', location: room };
      // Not a room: the whole answer is the place (9栋2单元3楼走廊), not just the one word a pattern knows (走廊).
      return place ? { field: 'location', location: { kind: 'public', place, text: place } } : undefined;
    }
    case 'time': {
      const time = parseTime(value, now, timezone);
      if (time) return { field: 'time', time };
      return ANYTIME.test(value) ? { field: 'time', anytime: true } : undefined;
    }
    case 'phone': {
      const phone = extractPhone(value);
      if (phone) return { field: 'phone', phone };
      return words.none.some((w) => value.includes(w)) ? { field: 'phone', phone: undefined } : undefined;
    }
    case 'description':
      return value.length >= 2 ? { field: 'description', description: value } : undefined;
  }
}
