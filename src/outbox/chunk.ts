/**
 * Splits text for a platform's message limit (Telegram: 4096 characters), preferring line breaks, then sentence ends,
 * so no line of a ticket notice is cut in the middle when it can be helped.
 */
export function chunkText(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError('limit must be positive');
  const chars = Array.from(text);
  if (chars.length <= limit) return [text];
  const parts: string[] = [];
  let rest = chars;
  while (rest.length > limit) {
    const window = rest.slice(0, limit).join('');
    let cut = window.lastIndexOf('\n');
    if (cut < limit / 2) cut = Math.max(window.lastIndexOf('。'), window.lastIndexOf('!'), window.lastIndexOf('?'), window.lastIndexOf('. '));
    const take = cut >= limit / 2 ? Array.from(window.slice(0, cut + 1)).length : limit;
    parts.push(rest.slice(0, take).join('').replace(/\n$/, ''));
    rest = rest.slice(take);
  }
  if (rest.length > 0) parts.push(rest.join(''));
  return parts;
}
