/**
 * A word list longest first, so a longer word is found before a shorter one it holds (没修好 before 修好, 可以来
 * before 来). Sorted once per list: the lists are the loaded vocabulary, and this runs on every message.
 */
const SORTED = new WeakMap<readonly string[], readonly string[]>();

export function longestFirst(words: readonly string[]): readonly string[] {
  let sorted = SORTED.get(words);
  if (!sorted) SORTED.set(words, (sorted = [...words].sort((a, b) => b.length - a.length)));
  return sorted;
}
