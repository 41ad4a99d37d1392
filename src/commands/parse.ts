/**
 * Splits a command off the front of a message. Chinese words and Latin aliases are the same command;
 * Telegram's `/alias` and `/alias@botname` work too.
 */
export interface ParsedCommand {
  name: string;
  args: string;
}

export function parseCommand(text: string, aliases: Record<string, string>, opts: { aspect?: boolean } = {}): ParsedCommand | undefined {
  const stem = (word: string) => (opts.aspect ? aliases[withoutAspect(word)] : undefined);
  const m = /^\/?([A-Za-z]+|[\u4e00-\u9fa5]{1,4})(?:@\S+)?(?:\s+|$)([\s\S]*)$/.exec(text.trim());
  if (!m) {
    // Chinese commands are often typed with no space: 查询R0001.
    const joined = /^([\u4e00-\u9fa5]{1,4}?)([A-Za-z]\d[\s\S]*)$/.exec(text.trim());
    if (!joined) return undefined;
    const name = aliases[joined[1]!] ?? stem(joined[1]!);
    return name ? { name, args: joined[2]!.trim() } : undefined;
  }
  const name = aliases[m[1]!.toLowerCase()] ?? aliases[m[1]!] ?? stem(m[1]!);
  return name ? { name, args: m[2]!.trim() } : undefined;
}

/**
 * A command word with 了 (or Cantonese 咗) after it, as staff say it on the spot: "完成了 R0001 换了阀芯" met silence
 * (seen in play). Only when the word itself is not a command word, and only for staff (`aspect`): an owner's "取消了"
 * is news, not a cancel.
 */
export function withoutAspect(word: string): string {
  return word.replace(ASPECT, '');
}

/** Said after a verb, they only say the thing is done: 了, 咗, 啦, 喇. */
export const ASPECT_CHARS = '[了咗啦喇]';
const ASPECT = new RegExp(`${ASPECT_CHARS}$`);
