import { toMandarin } from './dialect.ts';
import { T2S_CODES } from './t2s-table.ts';

/**
 * Bring an owner's message to one canonical form before matching (issue 3):
 * @mentions and chat placeholders ([图片], [动画表情]) removed, emoji removed, full-width digits, letters and
 * punctuation to half-width, traditional characters to simplified, Latin letters lower-cased, runs of spaces
 * collapsed to one; then written Cantonese forms to Mandarin (dialect.ts). Clause breaks (spaces, punctuation)
 * stay, because negation stops at them. One pass over the characters: this runs on every message.
 */
export function normalise(text: string): string {
  let s = text;
  if (s.includes('@')) s = s.replace(MENTION, ' ');
  if (s.includes('[') || s.includes('【')) s = s.replace(PLACEHOLDER, ' ');
  const n = s.length;
  if (buffer.length < n) buffer = new Uint16Array(n * 2);
  const out = buffer;
  let len = 0;
  let space = true; // drop leading spaces and collapse runs
  let changed = false;
  for (let i = 0; i < n; i++) {
    const original = s.charCodeAt(i);
    let code = original;
    if (code >= 0x4e00 && code <= 0x9fff) {
      // Most characters are common CJK ideographs, which none of the checks below concern: only traditional → simplified.
      const simplified = T2S_CODES[code] as number;
      if (simplified) {
        code = simplified;
        changed = true;
      }
      space = false;
      out[len++] = code;
      continue;
    }
    // CJK ideographs beyond the BMP (extension B on: U+20000–U+3FFFF, high surrogates D840–D8BF) are words, not emoji:
    // Cantonese 𨋢 (the lift) was dropped, and '3座𨋢困咗人' (someone trapped in a lift) met silence (seen in play).
    if (code >= 0xd840 && code <= 0xd8bf && i + 1 < n) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        space = false;
        out[len++] = code;
        out[len++] = low;
        i += 1;
        continue;
      }
    }
    if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0; // full-width ASCII → half-width
    if (code < 0x80) {
      if (code >= 0x41 && code <= 0x5a) code += 32;
      else if (code <= 0x20 || code === 0x7f) code = 0x20;
    } else if (isDropped(code)) {
      code = 0x20;
    } else if (code === 0x3000 || code === 0x2005 || code === 0xa0 || code === 0x2028 || code === 0x2029) {
      code = 0x20;
    } else {
      const simplified = T2S_CODES[code] as number;
      if (simplified) code = simplified;
    }
    if (code === 0x20) {
      if (space) continue;
      space = true;
    } else {
      space = false;
    }
    if (code !== original) changed = true;
    out[len++] = code;
  }
  if (len > 0 && out[len - 1] === 0x20) len--;
  // Most messages are already in canonical form: then the text itself is the result, with no new string to build.
  return toMandarin(!changed && len === n ? s : decode(out, len));
}

let buffer = new Uint16Array(1024);

function decode(codes: Uint16Array, len: number): string {
  let result = '';
  for (let i = 0; i < len; i += 4096) result += String.fromCharCode.apply(null, codes.subarray(i, Math.min(len, i + 4096)) as unknown as number[]);
  return result;
}

/**
 * Emoji and pictographs: every astral character (surrogates; nearly all emoji live there), the BMP symbol blocks
 * emoji use (☀ ✨ ❤ ⭐ ↗), variation selectors, the zero-width joiner and the keycap mark.
 */
function isDropped(code: number): boolean {
  return (
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0x2600 && code <= 0x27bf) ||
    (code >= 0x2b00 && code <= 0x2bff) ||
    (code >= 0x2190 && code <= 0x21ff) ||
    (code >= 0x2300 && code <= 0x23ff) ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0x200d ||
    code === 0x200b ||
    code === 0x20e3 ||
    code === 0x3030 ||
    code === 0x303d ||
    code === 0x3297 ||
    code === 0x3299
  );
}

/** `@物业`, `@工程部 ` … up to the next space or punctuation (WeChat ends a mention with U+2005). */
const MENTION = /@[^\s\u2005@,，。.!！?？:：;；]{1,12}\u2005?/g;
/** Chat clients' stand-ins for media: [图片] [动画表情] [链接] 【语音】. */
const PLACEHOLDER = /\[[^\[\]\s]{1,6}\]|【[^【】\s]{1,6}】/g;
