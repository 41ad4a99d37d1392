import { type PatternNode, parsePattern } from './pattern-ast.ts';

/**
 * Every string a rule pattern can match, when that is a short finite list: `[打关]不[开上]` → 打不开, 打不上, 关不开,
 * 关不上. Such a pattern then goes into the word automaton with the other rule words and costs nothing per message,
 * instead of a regex run over every message (issue 3 throughput).
 *
 * `undefined` (the pattern stays a regex) for anything with an unnamed character (`.`, `\s`, ranges, negated sets),
 * unbounded repeats, lookarounds, anchors or back-references; for more than `limit` strings; and when a string
 * could be a single character or empty (the classifier checks word boundaries for one-character words).
 */
export function expandPattern(source: string, limit = 400): string[] | undefined {
  const tree = parsePattern(source);
  if (!tree) return undefined;
  const strings = expand(tree, limit);
  if (!strings) return undefined;
  const unique = [...new Set(strings)];
  return unique.some((s) => s.length < 2) ? undefined : unique;
}

function expand(node: PatternNode, limit: number): string[] | undefined {
  switch (node.kind) {
    case 'chars':
      return node.chars;
    case 'seq': {
      let out = [''];
      for (const item of node.items) {
        const part = expand(item, limit);
        if (!part) return undefined;
        out = product(out, part, limit);
        if (out.length === 0) return undefined;
      }
      return out;
    }
    case 'alt': {
      const out: string[] = [];
      for (const option of node.options) {
        const part = expand(option, limit);
        if (!part || out.length + part.length > limit) return undefined;
        out.push(...part);
      }
      return out;
    }
    case 'repeat': {
      if (!Number.isFinite(node.max)) return undefined;
      const part = expand(node.node, limit);
      if (!part) return undefined;
      const out: string[] = [];
      let level = [''];
      for (let n = 0; n <= node.max; n++) {
        if (n >= node.min) out.push(...level);
        if (out.length > limit) return undefined;
        if (n < node.max) level = product(level, part, limit);
        if (level.length === 0) return undefined;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Every a + b; empty when there would be more than `limit`. */
function product(as: string[], bs: string[], limit: number): string[] {
  if (as.length * bs.length > limit) return [];
  const out: string[] = [];
  for (const a of as) for (const b of bs) out.push(a + b);
  return out;
}
