/**
 * Splits a command off the front of a message. Chinese words and Latin aliases are the same command;
 * Telegram's `/alias` and `/alias@botname` work too.
 */
export interface ParsedCommand {
  name: string;
  args: string;
}

export function parseCommand(text: string, aliases: Record<string, string>): ParsedCommand | undefined {
  const m = /^\/?([A-Za-z]+|[\u4e00-\u9fa5]{1,4})(?:@\S+)?(?:\s+|$)([\s\S]*)$/.exec(text.trim());
  if (!m) {
    // Chinese commands are often typed with no space: 查询R0001.
    const joined = /^([\u4e00-\u9fa5]{1,4}?)([A-Za-z]\d[\s\S]*)$/.exec(text.trim());
    if (!joined) return undefined;
    const name = aliases[joined[1]!];
    return name ? { name, args: joined[2]!.trim() } : undefined;
  }
  const name = aliases[m[1]!.toLowerCase()] ?? aliases[m[1]!];
  return name ? { name, args: m[2]!.trim() } : undefined;
}
