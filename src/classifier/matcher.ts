/**
 * An Aho–Corasick automaton over all rule words: one pass over the normalised text finds every occurrence of every
 * word, so matching costs the same with 50 or 5,000 words. Built once when the rules load.
 */
export interface Automaton {
  /** (node * 65536 + UTF-16 code unit) → next node. */
  readonly next: Map<number, number>;
  readonly fail: Int32Array;
  /** Entry indices ending at each node, including those reached through failure links. */
  readonly out: ReadonlyArray<readonly number[] | undefined>;
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
  return { next, fail, out: outLists.map((l) => (l.length ? l : undefined)), lengths, termOf, root };
}

/** Every occurrence of every word in `text`. */
export function findAll(automaton: Automaton, text: string): Occurrence[] {
  const { next, fail, out, lengths, termOf, root } = automaton;
  const found: Occurrence[] = [];
  let node = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    while (node > 0) {
      const child = next.get(node * 65536 + code);
      if (child !== undefined) {
        node = child;
        break;
      }
      node = fail[node] as number;
    }
    if (node === 0) node = root[code] as number;
    const hits = out[node];
    if (hits) {
      for (const e of hits) found.push({ term: termOf[e] as number, start: i + 1 - (lengths[e] as number), end: i + 1 });
    }
  }
  return found;
}
