/**
 * What people type reaches groups again (read-backs, notices, `@name` mentions) and the ledgers. Characters that
 * change how the rest of a line is shown, or that show nothing, are removed once, on the way in (issue 17):
 *
 * - terminal escape sequences (ESC [ … m) and what is left of them once the ESC is lost (`[31m`, `[0m`);
 * - control characters (C0 except tab and newline, DEL, C1);
 * - bidirectional overrides, embeddings, isolates and marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C): a
 *   U+202E in a name makes a notice read backwards;
 * - invisible operators and deprecated format characters (U+2060–2064, U+206A–206F), zero-width characters
 *   (U+200B–200D, U+FEFF) and interlinear annotation marks (U+FFF9–FFFB);
 * - non-characters (U+FDD0–FDEF and the last two code points of every plane: U+FFFE, U+FFFF, U+1FFFE …).
 *
 * U+2005 (WeChat's separator after an @-mention) becomes a plain space. Nothing else is touched: Chinese, emoji,
 * punctuation and line breaks stay as typed.
 */

/** Whole escape sequences: CSI (ESC [ params final) and OSC (ESC ] … BEL or ESC \), and the 8-bit CSI. */
const ESCAPE_SEQUENCES = /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u001B[@-Z\\-_]?/g;

/**
 * A colour or style code whose ESC was lost on the way (`[31m`, `[1;32m`, `[0m`, `[m`). Not when a `]` follows:
 * `[3m]` is more likely three metres in brackets than a remnant.
 */
const SGR_REMNANTS = /\[(?:\d{1,3}(?:;\d{1,3})*)?m(?!\])/g;

const INVISIBLE =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/g;

/** Message text as the core and the ledgers keep it. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPE_SEQUENCES, '')
    .replace(SGR_REMNANTS, '')
    .replace(INVISIBLE, '')
    .replace(/\u2005/g, ' ')
    .trim();
}

/** Longer names are cut: a name is shown in every notice about the person's tickets. */
export const MAX_NAME = 64;

/** A display name as the core shows and stores it: clean, on one line, at most MAX_NAME characters. */
export function cleanName(name: string): string {
  const one = cleanText(name).replace(/\s+/g, ' ');
  const chars = Array.from(one);
  return chars.length > MAX_NAME ? chars.slice(0, MAX_NAME).join('') : one;
}
