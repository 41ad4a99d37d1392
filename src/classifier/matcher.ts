/**
 * An Aho–Corasick automaton over all rule words: one pass over the normalised text finds every occurrence of every
 * word, so matching costs the same with 50 or 5,000 words. Built once when the rules load.
 */
export interface Automaton {
  /**
   * Goto edges, node by node: the children of node n are at [childStart[n], childStart[n + 1]) of childCode /
   * childNode, sorted by code unit. Flat typed arrays rather than one Map keyed by node and code unit: a scan does
   * one look-up per character, and the Map's hashing was the matcher's whole cost (issue 20, profile).
   */
  readonly childStart: Int32Array;
  readonly childCode: Uint16Array;
  readonly childNode: Int32Array;
  readonly fail: Int32Array;
  /** Entry indices ending at each node, including those reached through failure links: [outStart[n], outStart[n + 1]) of outEntry. */
  readonly outStart: Int32Array;
  readonly outEntry: Int32Array;
  /** Per entry: its length and the term it stands for (several entries can stand for one pattern term). */
  readonly lengths: Int32Array;
  readonly termOf: Int32Array;
  /** Transitions out of the root by code unit (0 = none): most steps of a scan start there. */
  readonly root: Int32Array;
}

export interface Occurrence {
  term: number;
  start: number;
  end: number;
}

/** `terms[i]` is the term entry `words[i]` stands for (default: `i`). */
export function buildAutomaton(words: readonly string[], terms?: readonly number[]): Automaton {
  const next = new Map<number, number>();
  const outLists: number[][] = [[]];
  const children: number[][] = [[]];
  let count = 1;
  words.forEach((word, id) => {
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const key = node * 65536 + word.charCodeAt(i);
      let child = next.get(key);
      if (child === undefined) {
        child = count++;
        next.set(key, child);
        outLists.push([]);
        children.push([]);
        (children[node] as number[]).push(key);
      }
      node = child;
    }
    (outLists[node] as number[]).push(id);
  });
  const fail = new Int32Array(count);
  const queue: number[] = [];
  for (const key of children[0] as number[]) queue.push(next.get(key) as number);
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q] as number;
    for (const key of children[node] as number[]) {
      const child = next.get(key) as number;
      const code = key % 65536;
      let f = fail[node] as number;
      while (f > 0 && !next.has(f * 65536 + code)) f = fail[f] as number;
      const target = next.get(f * 65536 + code);
      fail[child] = target !== undefined && target !== child ? target : 0;
      const inherited = outLists[fail[child] as number] as number[];
      if (inherited.length) (outLists[child] as number[]).push(...inherited);
      queue.push(child);
    }
  }
  const lengths = Int32Array.from(words.map((w) => w.length));
  const termOf = terms ? Int32Array.from(terms) : Int32Array.from(words.map((_, i) => i));
  const root = new Int32Array(65536);
  for (const key of children[0] as number[]) root[key % 65536] = next.get(key) as number;
  const childStart = new Int32Array(count + 1);
  const childCode = new Uint16Array(next.size);
  const childNode = new Int32Array(next.size);
  const outStart = new Int32Array(count + 1);
  const outEntry = new Int32Array(outLists.reduce((n, l) => n + l.length, 0));
  let c = 0;
  let o = 0;
  for (let node = 0; node < count; node++) {
    childStart[node] = c;
    const keys = (children[node] as number[]).slice().sort((a, b) => a - b);
    for (const key of keys) {
      childCode[c] = key % 65536;
      childNode[c++] = next.get(key) as number;
    }
    outStart[node] = o;
    for (const e of outLists[node] as number[]) outEntry[o++] = e;
  }
  childStart[count] = c;
  outStart[count] = o;
  return { childStart, childCode, childNode, fail, outStart, outEntry, lengths, termOf, root };
}

/** The child of `node` (not the root) along code unit `code`, or -1. */
function child(a: Automaton, node: number, code: number): number {
  let lo = a.childStart[node] as number;
  let hi = a.childStart[node + 1] as number;
  // Most nodes have one or two children: scan those; halve the range for the few wide ones (the answer stays in [lo, hi)).
  while (hi - lo > 4) {
    const mid = (lo + hi) >>> 1;
    if ((a.childCode[mid] as number) <= code) lo = mid;
    else hi = mid;
  }
  for (; lo < hi; lo++) {
    const c = a.childCode[lo] as number;
    if (c === code) return a.childNode[lo] as number;
    if (c > code) return -1;
  }
  return -1;
}

/** Every occurrence of every word in `text`, by end position, then in the order the automaton lists them. */
export function findAll(automaton: Automaton, text: string): Occurrence[] {
  const { fail, outStart, outEntry, lengths, termOf, root } = automaton;
  const found: Occurrence[] = [];
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    while (node > 0) {
      const next = child(automaton, node, code);
      if (next >= 0) {
        node = next;
        break;
      }
      node = fail[node] as number;
    }
    if (node === 0) node = root[code] as number;
    const end = outStart[node + 1] as number;
    for (let k = outStart[node] as number; k < end; k++) {
      const e = outEntry[k] as number;
      found.push({ term: termOf[e] as number, start: i + 1 - (lengths[e] as number), end: i + 1 });
    }
  }
  return found;
}
