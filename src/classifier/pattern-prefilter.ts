/**
 * Which `/…/` rule patterns are worth running on a message (issue 20). A pattern the loader could reason about
 * comes with `needs`: character sets a match takes one character from each of. Checking every set of every pattern
 * against every message cost a tenth of the classifier's time, so each pattern is filed under the characters of its
 * smallest set: only a message holding one of those characters makes it a candidate, and only candidates have their
 * other sets checked. A pattern without `needs` is always a candidate.
 */
export interface PatternIndex {
  /** Per UTF-16 code unit c: the patterns filed under it are list[start[c] … start[c + 1]). */
  start: Int32Array;
  list: Int32Array;
  /** Patterns without `needs`. */
  always: Int32Array;
  /**
   * Per pattern, the sets still to check once it is a candidate: all but the one it is filed under (which the message
   * is known to meet), smallest first, since a small set is quick to check and likelier to be missing.
   */
  rest: (readonly Uint16Array[])[];
}

export function indexPatterns(patterns: readonly { needs?: readonly Uint16Array[] }[]): PatternIndex {
  const byChar = new Map<number, number[]>();
  const always: number[] = [];
  const rest: (readonly Uint16Array[])[] = [];
  patterns.forEach(({ needs }, p) => {
    if (!needs || needs.length === 0) {
      always.push(p);
      rest.push([]);
      return;
    }
    let smallest = needs[0] as Uint16Array;
    for (const set of needs) if (set.length < smallest.length) smallest = set;
    rest.push(needs.filter((set) => set !== smallest).sort((a, b) => a.length - b.length));
    for (const code of new Set(smallest)) {
      let list = byChar.get(code);
      if (!list) byChar.set(code, (list = []));
      list.push(p);
    }
  });
  const start = new Int32Array(65537);
  const list: number[] = [];
  for (let c = 0; c < 65536; c++) {
    start[c] = list.length;
    const filed = byChar.get(c);
    if (filed) list.push(...filed);
  }
  start[65536] = list.length;
  return { start, list: Int32Array.from(list), always: Int32Array.from(always), rest };
}
