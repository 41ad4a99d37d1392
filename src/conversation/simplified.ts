import { T2S_CODES } from '../classifier/t2s-table.ts';

/**
 * Traditional characters read as simplified, one character for one (the classifier's table), so what was read can be
 * cut from the words as written: "報修 …" is 报修, "明天早上8點前" a time (點), "聽日" (Cantonese) 明天.
 *
 * Text with nothing to change (most of it) is returned as it is, without building a copy: a dozen readers ask this of
 * every message, and the copy, built a character at a time, was most of what a chatter message allocated outside the
 * classifier (bench:engine heap profile).
 */
export function simplified(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const to = T2S_CODES[code] as number | undefined;
    if (to && to !== code) return simplifiedFrom(text, i);
  }
  return text;
}

/** The text with its characters from `first` on read as simplified (the ones before it need no change). */
function simplifiedFrom(text: string, first: number): string {
  let out = text.slice(0, first);
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += String.fromCharCode((T2S_CODES[code] as number | undefined) || code);
  }
  return out;
}
