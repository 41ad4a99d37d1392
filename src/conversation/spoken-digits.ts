import { SPOKEN_DIGIT, SPOKEN_DIGITS, withFigures } from '../domain/phone-mask.ts';

/**
 * Numbers as voice input writes them: "住在七栋二单元一零零三 电话幺三八幺二三四五六七八九", "六栋三单元的九零二". A room or
 * phone said this way was not found, and the owner was asked for what they had just said (seen in play). Digits are
 * turned one character for one, and 的 between the unit and the room into a space, so the text keeps its length and
 * what was read can still be cut from the words as written. Only where a number is meant: a run long enough to be a
 * phone, or three or four digits right after 栋 / 单元 (or before 室 / 房); "三四个人" stays as it is.
 */
const DIGIT = SPOKEN_DIGIT;
const D = SPOKEN_DIGITS;
const ROOM_AFTER = new RegExp(`(?<=(?:单元|栋|号楼|幢|座|动)(?:的|\\s)*)[${D}]{3,4}(?![${D}十百])`, 'g');
const ROOM_BEFORE = new RegExp(`(?<![${D}])[${D}]{3,4}(?=\\s*(?:室|房))`, 'g');
const OF_BEFORE_ROOM = /(单元|栋|号楼|幢|座|动)的(?=\s*\d)/g;

function digits(run: string): string {
  return [...run].map((c) => DIGIT[c] ?? c).join('');
}

export function spokenDigits(text: string): string {
  // A phone's run (financial and mixed digits too: 幺叁捌…, 138八零零…) as phone-mask.ts reads it when masking.
  return withFigures(text)
    .replace(ROOM_AFTER, digits)
    .replace(ROOM_BEFORE, digits)
    .replace(OF_BEFORE_ROOM, '$1 ');
}
