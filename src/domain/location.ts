import { z } from 'zod';

/**
 * Where the work is: an owner's room or a public-area place (policy 4.2.1.1 covers both indoor and public-area
 * repairs). `text` keeps what the person wrote, so a read-back never loses their wording.
 */
export const RoomLocationSchema = z.object({
  kind: z.literal('room'),
  building: z.string().min(1),
  unit: z.string().min(1).optional(),
  room: z.string().min(1),
  text: z.string().min(1),
});

export const PublicLocationSchema = z.object({
  kind: z.literal('public'),
  place: z.string().min(1),
  text: z.string().min(1),
});

export const LocationSchema = z.discriminatedUnion('kind', [RoomLocationSchema, PublicLocationSchema]);
export type Location = z.infer<typeof LocationSchema>;
export type RoomLocation = z.infer<typeof RoomLocationSchema>;
export type PublicLocation = z.infer<typeof PublicLocationSchema>;

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A building as the records keep it: 十二 → 12, b → B. */
function buildingName(text: string): string {
  return /^[A-Za-z]$/.test(text) ? text.toUpperCase() : chineseNumeral(text);
}

/** 十二 → 12, 三 → 3; building and unit numbers are small, so tens are enough. */
function chineseNumeral(text: string): string {
  if (/^\d+$/.test(text)) return String(Number(text));
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch in CN_DIGITS) {
      current = CN_DIGITS[ch]!;
    } else {
      return text;
    }
  }
  return String(total + current);
}

const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
/** A building named by a figure or by one letter: towers are often A座, B栋 (seen in play: "B座1502" was asked 哪个房间). */
const BUILDING_NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3}|(?<![A-Za-z])[A-Za-z])';
/**
 * 12座3楼B室: a block, the floor and the flat's letter, as Hong Kong and many Guangdong estates number flats (seen in
 * play: asked 12座3楼哪一户 after the owner had said B室). The room is kept as said, floor and letter.
 */
const FLOOR_AND_LETTER = new RegExp(`${BUILDING_NUM}\\s*(?:号楼|栋|幢|座)\\s*(\\d{1,2})\\s*(?:楼|层)\\s*([A-Za-z])(?![A-Za-z])\\s*(?:室|座|房)?`);
const ROOM_PATTERNS: RegExp[] = [
  // 5栋2单元502, 12号楼3单元601, 5幢502, 3座1单元1203室; 动 is how 栋 (dòng) comes out of a pinyin keyboard in a hurry
  // (seen in play: "包修 6动1单元1102" was no room), and so are 懂 (dǒng: "5懂2单元502", seen in play) and 东 (dōng: "6东3单元402"
  // was read back as a public place, so no visit time was asked and the one said was dropped); 8# and 8#楼 are
  // how building numbers are painted and written on notices ("8#2单元301" was no room)
  // A room is 3–4 digits and no more: "4栋 13822223333" is a building and a phone, not room 1382 (seen in play: the read-back
  // said 地点 4栋1382 and kept 2223333 in the description, which put the whole number before the owners' group).
  new RegExp(`${BUILDING_NUM}\\s*(?:号楼|#楼|栋|幢|座|号|动|懂|东|#)\\s*(?:${NUM}\\s*单元)?\\s*-?\\s*(\\d{3,4})(?!\\d)\\s*(?:室|房|号)?`),
  // 5栋2单元6楼602: the floor said before the room
  new RegExp(`${BUILDING_NUM}\\s*(?:号楼|#楼|栋|幢|座|动|懂|东|#)\\s*(?:${NUM}\\s*单元)?\\s*(?:\\d{1,2}|[一二两三四五六七八九十]{1,3})\\s*(?:楼|层)\\s*(\\d{3,4})(?!\\d)\\s*(?:室|房|号)?`),
  // 7-2-301 (building-unit-room) and 7-301 (building-room)
  /(?<![\d-])(\d{1,3})\s*-\s*(?:(\d{1,2})\s*-\s*)?(\d{3,4})(?![\d-])/,
];

/**
 * Finds a room address in free text: `5栋2单元502`, `7-2-301`, `12号楼3单元601`, `五栋502`.
 * Returns undefined when there is none; public-area places are left to the conversation to ask about.
 */
export function parseRoom(text: string): RoomLocation | undefined {
  const normalised = text.normalize('NFKC');
  const lettered = FLOOR_AND_LETTER.exec(normalised);
  if (lettered) {
    const [whole, building, floor, letter] = lettered;
    return { kind: 'room', building: buildingName(building!), room: `${floor}楼${letter!.toUpperCase()}室`, text: whole!.trim() };
  }
  for (const pattern of ROOM_PATTERNS) {
    const m = pattern.exec(normalised);
    if (!m) continue;
    const [whole, building, unit, room] = m;
    const location: RoomLocation = {
      kind: 'room',
      building: buildingName(building!),
      room: room!,
      text: whole!.trim(),
    };
    if (unit) location.unit = chineseNumeral(unit);
    return location;
  }
  return undefined;
}

/**
 * The zone or level of a car park, said right after it ("地下车库B区", "停车场负一层", "车库B2层"): seen in play, 地点
 * kept only 地下车库, and the engineer had a whole basement to search for "灯坏了好几个".
 */
const PARK_ZONE = '(?:\\s*(?:[A-Za-z]\\d{0,2}|负[一二三123]|[一二三四五六七八九十])\\s*(?:区|层))?';
const PLACE_WORDS =
  `大堂|门厅|电梯厅|电梯|楼道|楼梯间|楼梯|走廊|天台|(?:地下车库|车库|停车场)${PARK_ZONE}|门岗|北门|南门|东门|西门|大门|小区门口|花园|绿地|草坪|游泳池|泳池|会所|消防通道|垃圾房|垃圾站|单元门|信报箱|快递柜|儿童乐园|健身区|路灯|井盖|道闸|人行道|围墙|车棚|充电桩|化粪池|篮球场`;
const PUBLIC_PLACE = new RegExp(`((?:\\d{1,3}|[一二两三四五六七八九十]{1,3})\\s*(?:号楼|栋|幢|座)\\s*(?:\\d{1,2}\\s*单元)?)?\\s*(${PLACE_WORDS})`);

/**
 * Outside a building, by where ("7栋门口的路灯坏了", "3号楼楼下", "5栋后面"): the place is that spot, with the thing
 * named right after it. Seen in play: "7栋门口的路灯坏了好几天了" was asked 哪个房间.
 */
const NEAR_THINGS = '路灯|井盖|道闸|人行道|围墙|车棚|充电桩|绿地|草坪|花园|垃圾桶|垃圾房|地面|路面|台阶|下水道|雨水井';
const NEAR_BUILDING = new RegExp(
  `(?:\\d{1,3}|[一二两三四五六七八九十]{1,3})\\s*(?:号楼|栋|幢|座)\\s*(?:\\d{1,2}\\s*单元)?\\s*(?:门口|门前|楼下|楼前|楼后|旁边|边上|附近|后面|前面|对面|侧面|外面|东侧|西侧|南侧|北侧|东边|西边|南边|北边|楼顶|屋顶|外墙)(?:的?(?:${NEAR_THINGS}))?`,
);

/** The thing or area a public place ends in ("2号楼电梯" → 电梯, "7栋门口的路灯" → 路灯, a floor's 楼道). */
const LAST_PLACE_WORD = new RegExp(`(?:${PLACE_WORDS}|${NEAR_THINGS}|电梯口|楼梯口|平台)$`);

/**
 * What a public place adds to the thing it names: "2号楼" of 2号楼电梯, "7栋门口的" of 7栋门口的路灯, all of 2栋楼下 or
 * 5栋2单元6楼 (no thing in them); empty for a place that is only its thing (电梯, 地下车库).
 */
export function wherePart(place: PublicLocation): string {
  const thing = LAST_PLACE_WORD.exec(place.text);
  return thing ? place.text.slice(0, thing.index) : place.text;
}

/**
 * Finds a public-area place (policy 4.2.1.1 covers public-area facilities): 3栋大堂, 地下车库, 2号楼电梯.
 * Used when no room is given, so a report about the lobby is not asked "which room?".
 */
export function parsePublicPlace(text: string): PublicLocation | undefined {
  const found = publicPlaceIn(text);
  return found && { ...found, place: buildingInFigures(found.place) };
}

/**
 * "三栋电梯" is recorded as 3栋电梯, as rooms are (parseRoom): seen in play, 地点:三栋电梯 beside 3栋电梯 in the ledger, two
 * places for 月报's 集中地点. 一栋 and 两栋 alone stay as said: "两栋之间的路灯" is between two buildings.
 */
function buildingInFigures(place: string): string {
  return place.replace(/(?<![一二两三四五六七八九十\d])([一二三四五六七八九十]{1,3})(?=\s*(?:号楼|栋|幢|座))/, (numeral) =>
    numeral === '一' || numeral === '两' ? numeral : chineseNumeral(numeral),
  );
}

function publicPlaceIn(text: string): PublicLocation | undefined {
  const normalised = text.normalize('NFKC');
  // A floor of a building ("5栋2单元6楼", "3号楼十二层楼道"): the landing, its lights and doors (seen in play: "我家门口的
  // 声控灯坏了 5栋2单元6楼" was asked "哪个房间?" until the owner gave up). Tried first, so the floor is not lost when a
  // place word follows it.
  const floor = FLOOR.exec(normalised);
  if (floor) {
    // 动 for 栋 (a pinyin keyboard in a hurry, as for rooms): "5动2单元6楼" is recorded as 5栋2单元6楼.
    const place = floor[0].replace(/\s+/g, '').replace(/(\d|[一二两三四五六七八九十])动/, '$1栋');
    return { kind: 'public', place, text: floor[0].trim() };
  }
  const near = NEAR_BUILDING.exec(normalised);
  if (near) return { kind: 'public', place: near[0].replace(/\s+/g, ''), text: near[0].trim() };
  const m = PUBLIC_PLACE.exec(normalised);
  if (!m) return undefined;
  const place = m[0].replace(/\s+/g, '');
  // The building said elsewhere in the message ("电梯门一直开不了 2号楼") belongs to the place: an engineer sent to
  // "电梯" does not know which of the estate's lifts (field trial).
  const building = m[1] ? undefined : BUILDING.exec(normalised)?.[0].replace(/\s+/g, '');
  return building ? { kind: 'public', place: `${building}${place}`, text: `${building}${m[0].trim()}` } : { kind: 'public', place, text: m[0].trim() };
}

const BUILDING = /(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座)(?:\s*\d{1,2}\s*单元)?/;

/** Where a building is said in a text ("电梯门一直开不了 2号楼" → 2号楼 at 9), as written. */
export function buildingSaid(text: string): { index: number; text: string; place: string } | undefined {
  const m = BUILDING.exec(text);
  return m ? { index: m.index, text: m[0], place: m[0].replace(/\s+/g, '') } : undefined;
}

/**
 * A building (or a unit of one) as the place of what affects it whole: "5栋停水了" is place enough for the office to
 * call the water company (policy 4.3.2.4), where a repair would need the flat.
 */
export function parseBuilding(text: string): PublicLocation | undefined {
  const m = BUILDING.exec(text.normalize('NFKC'));
  return m ? { kind: 'public', place: m[0].replace(/\s+/g, ''), text: m[0].trim() } : undefined;
}
const FLOOR =
  /(?:\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座|动)\s*(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*单元)?\s*(?:\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:楼|层)(?![\d号])(?:\s*(?:楼道|走廊|电梯厅|电梯口|楼梯间|楼梯口|平台))?/;

/**
 * A floor said alone, without its building ("2单元5楼到6楼之间", "6楼楼梯间", "五层"): the detail of a public place whose
 * building was said before (open-conversation.ts, an answer to the offer). The whole text must be the floor.
 */
export function isFloorAlone(text: string): boolean {
  return FLOOR_ALONE.test(text.normalize('NFKC').replace(/[\s,,。.!!~]+/g, ''));
}
const FLOOR_NUMBER = '(?:\\d{1,2}|[一二两三四五六七八九十]{1,3})';
const FLOOR_ALONE = new RegExp(
  `^(?:(?:\\d{1,2}|[一二三四五六七八九十]{1,2})单元)?(?:在)?${FLOOR_NUMBER}(?:楼|层)(?:(?:到|和|至|跟|与|-|~)${FLOOR_NUMBER}(?:楼|层)?)?(?:之间|中间)?(?:的)?(?:楼道|走廊|电梯厅|电梯口|楼梯间|楼梯口|平台|那里|那儿)?$`,
);

/** The building a place is in, as a number ("3栋东边那部电梯" → 3, a room's own building); undefined when none is said. */
export function buildingOf(location: Location): string | undefined {
  return location.kind === 'room' ? location.building : buildingIn(location.place);
}

/** The building named in words ("7栋着火了" → 7), where no place word made it a location. */
export function buildingIn(text: string): string | undefined {
  const m = /(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:号楼|栋|幢|座)/.exec(text.normalize('NFKC'));
  return m ? chineseNumeral(m[1]!) : undefined;
}

/** The canonical way a room is written back to people: 5栋2单元502. */
export function formatLocation(location: Location): string {
  if (location.kind === 'public') return location.place;
  return `${location.building}栋${location.unit ? `${location.unit}单元` : ''}${location.room}`;
}

/**
 * A room as the read-back wrote it and the person confirmed it (6栋301 for a typed 6动301); a public place as said. Records
 * keep this, so reminders and ledgers read what was confirmed (policy 4.1.1 记清楚).
 */
export function asWrittenBack(location: Location): Location {
  return location.kind === 'room' ? { ...location, text: formatLocation(location) } : location;
}

/** A building, floor or number in words that name no room (6栋 门口, 3楼, 2栋1单元 东边那部): a place all the same. */
const NAMES_A_PLACE = /(\d|[一二两三四五六七八九十])\s*(栋|号楼|幢|座|单元|楼|层|号|区|期)/;

export function namesAPlace(text: string): boolean {
  return NAMES_A_PLACE.test(text.normalize('NFKC'));
}
