import { parseRoom, type Location, type PublicLocation, type RoomLocation } from '../domain/location.ts';
import type { IntakeWords } from './intake-words.ts';
import { simplified } from './simplified.ts';

/**
 * Which flat on a floor (policy 4.1.1 问清楚, 4.2.1.1). "5栋2单元6楼" names the landing: enough for its light or the
 * stairwell, not for a kitchen pipe or a toilet, where the engineer needs the door (seen in play: "报修 5栋2单元6楼
 * 厨房水管漏水" was recorded with the floor as the place, and no visit time was asked, as for a public area).
 */
export interface Floor {
  /** The place as read back: 5栋2单元6楼. */
  place: string;
  building: string;
  unit?: string;
  /** The floor as a number: 6, 12. */
  level: number;
}

const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
const FLOOR_ONLY = new RegExp(`^${NUM}(?:号楼|栋|幢|座|动)(?:${NUM}单元)?${NUM}(?:楼|层)$`);
const CN: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 十二 → 12, 6 → 6: a floor is a small number. */
function level(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (CN[tens!] ?? 1) * 10 : 0) + (CN[ones!] ?? 0);
}

/** The floor a public place is, when it is a floor and nothing more ("5栋2单元6楼", not "5栋2单元6楼楼道"). */
export function floorOf(location: Location | undefined): Floor | undefined {
  if (location?.kind !== 'public') return undefined;
  const m = FLOOR_ONLY.exec(location.place);
  if (!m) return undefined;
  const n = level(m[3]!);
  if (!n) return undefined;
  // parseRoom reads the building and unit as a room does (五栋 → 5), so the flat found later matches.
  const room = parseRoom(`${m[1]}栋${m[2] ? `${m[2]}单元` : ''}${n}01`);
  if (!room) return undefined;
  return { place: location.place, building: room.building, ...(room.unit && { unit: room.unit }), level: n };
}

/** The shipped words when a company's intake.yaml predates them. */
type PlaceWords = NonNullable<IntakeWords['place']>;

/**
 * An indoor matter said with a floor only: an `indoor` word (厨房, 马桶, 家里) and no `common` word (楼道, 声控灯, 门口).
 * "我家门口的声控灯坏了" is the landing's light, whoever's door it is by.
 */
export function isIndoor(text: string, words: PlaceWords): boolean {
  const read = simplified(text.normalize('NFKC'));
  if (words.common.some((w) => read.includes(w))) return false;
  return words.indoor.some((w) => read.includes(w));
}

/** A `common` word in an answer: "公共区域", "是楼道的" — the floor is the place after all. */
export function saysCommon(text: string, words: PlaceWords): boolean {
  const read = simplified(text.normalize('NFKC'));
  return words.common.some((w) => read.includes(w));
}

/**
 * The flat named in an answer to "6楼哪一户?": "602", "602室", "是0602", or the door on the landing ("2号", "2户"),
 * which on the 6th floor is 602. A time ("3点") or an amount is not a flat. `said` is the words that named it.
 */
export function flatOnFloor(answer: string, floor: Floor): { room: RoomLocation; said: string } | undefined {
  const read = simplified(answer.normalize('NFKC'));
  const whole = /(?<![\d.:-])(\d{3,4})(?![\d.:])(?!\s*(?:点|:|块|元|年|分|个|号楼|栋|幢|座|单元|楼|层))\s*(?:室|房|号|户)?/.exec(read);
  const door = whole ? undefined : /(?<![\d.:-])(\d{1,2})\s*(?:号|户|室|房)(?!楼)/.exec(read);
  const m = whole ?? door;
  if (!m) return undefined;
  const room = whole ? String(Number(m[1])) : `${floor.level}${m[1]!.padStart(2, '0')}`;
  if (room.length < 3) return undefined;
  const text = `${floor.building}栋${floor.unit ? `${floor.unit}单元` : ''}${room}`;
  return { room: { kind: 'room', building: floor.building, ...(floor.unit && { unit: floor.unit }), room, text }, said: answer.normalize('NFKC').slice(m.index, m.index + m[0].length) };
}

/** "6楼2号" as the read-back's example: the first door of that floor. */
export function exampleFlat(floor: Floor): string {
  return `${floor.level}01`;
}

/** The floor words that stood in for the place, out of the description once the flat is known. */
export function withoutFloor(description: string | undefined, floor: PublicLocation): string | undefined {
  if (!description) return description;
  const rest = description
    .replace(floor.text, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,,。.、:;]+|[\s,,.、:;]+$/g, '')
    .trim();
  return rest.length >= 2 ? rest : description;
}
