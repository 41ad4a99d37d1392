import { T2S_CODES } from '../classifier/t2s-table.ts';

/**
 * Traditional characters read as simplified, one character for one (the classifier's table), so what was read can be
 * cut from the words as written: "報修 …" is 报修, "明天早上8點前" a time (點), "聽日" (Cantonese) 明天.
 */
export function simplified(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += String.fromCharCode((T2S_CODES[code] as number | undefined) || code);
  }
  return out;
}
