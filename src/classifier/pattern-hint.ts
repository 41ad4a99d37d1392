import { type PatternNode, parsePattern } from './pattern-ast.ts';

/**
 * Characters a match of a rule pattern must contain, so a message that lacks them skips the regex (issue 3:
 * throughput ≥ 50% of bare segmentation). One set per element of the pattern's top-level sequence that cannot be
 * skipped and whose characters are known (`[打关]不[开上]` → 打/关, 不, 开/上): a message must hold one character of
 * each. A top-level alternation gives the one set its branches share. `undefined` (the pattern always runs) when
 * nothing is certain. Never wrong, only sometimes unhelpful.
 */
export function requiredSets(source: string): string[][] | undefined {
  const tree = parsePattern(source);
  if (!tree) return undefined;
  const sets: string[][] = [];
  if (tree.kind === 'seq') {
    for (const item of tree.items) {
      const r = required(item);
      if (r) sets.push(r);
    }
  } else {
    const r = required(tree);
    if (r) sets.push(r);
  }
  return sets.length > 0 ? sets : undefined;
}

/** One character of the result is in every match of `node`; `undefined` when none is certain. */
function required(node: PatternNode): string[] | undefined {
  switch (node.kind) {
    case 'chars':
      return node.chars;
    case 'seq':
      for (const item of node.items) {
        const r = required(item);
        if (r) return r;
      }
      return undefined;
    case 'alt': {
      const all = new Set<string>();
      for (const option of node.options) {
        const r = required(option);
        if (!r) return undefined;
        for (const c of r) all.add(c);
      }
      return [...all];
    }
    case 'repeat':
      return node.min > 0 ? required(node.node) : undefined;
    default:
      return undefined;
  }
}
