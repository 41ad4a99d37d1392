/**
 * Characters a match of a rule pattern must contain (one of them, at least), so a message that holds none of them
 * skips the regex (issue 3: throughput ≥ 50% of bare segmentation; with some seventy patterns, running each over
 * every message cost as much as the rest of the classifier).
 *
 * Takes the first element of the pattern that cannot be skipped and whose characters are known: 不 in
 * `([一-龥])不\1`, 打/关 in `[打关]不[开上]`, 不 in `(也|都)?不亮`. Understands literal characters, `[…]` sets, groups
 * with `|`, lookaheads and the quantifiers `? * + {m,n}`; `.`, escapes, ranges and negated sets count as unknown.
 * `undefined` (the pattern always runs) when nothing is certain. Never wrong, only sometimes unhelpful.
 */
export function requiredChars(source: string): string[] | undefined {
  return requiredSets(source)?.[0];
}

/**
 * Every set of characters a match must draw one character from, one set per element of the pattern's top-level
 * sequence that cannot be skipped (`[打关]不[开上]` → 打/关, 不, 开/上): a message must hold one of each.
 */
export function requiredSets(source: string): string[][] | undefined {
  try {
    const parser = new Parser(source);
    const sets = parser.topLevel();
    if (parser.pos !== source.length || sets.length === 0) return undefined;
    return sets.map((chars) => [...chars]);
  } catch {
    return undefined;
  }
}

interface First {
  /** One of these characters is in every match; `undefined` = unknown. */
  chars: Set<string> | undefined;
  /** Whether the element can match the empty string (then it guarantees nothing). */
  empty: boolean;
}

const META = new Set(Array.from('\\^$.|?*+()[]{}'));
const UNKNOWN: First = { chars: undefined, empty: false };

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  /** The top-level sequence when it has no `|`; otherwise the one set its alternatives share. */
  topLevel(): Set<string>[] {
    const start = this.pos;
    const sets: Set<string>[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|') {
      if (this.src[this.pos] === ')') throw new Error('unbalanced');
      const element = this.quantified();
      if (!element.empty && element.chars) sets.push(element.chars);
    }
    if (this.pos === this.src.length) return sets;
    this.pos = start;
    const any = this.alternatives();
    return !any.empty && any.chars ? [any.chars] : [];
  }

  alternatives(): First {
    let out = this.sequence();
    while (this.src[this.pos] === '|') {
      this.pos++;
      out = union(out, this.sequence());
    }
    return out;
  }

  private sequence(): First {
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const element = this.quantified();
      if (!element.empty && element.chars) return this.skipRest({ chars: element.chars, empty: false });
    }
    return { chars: undefined, empty: true };
  }

  /** The first element decided the sequence: move past the rest without reading it (any syntax may follow). */
  private skipRest(result: First): First {
    this.skipTo(0);
    return result;
  }

  /** Advance to the `|` or `)` that ends the current group (depth 0) or to the `)` that closes it (depth 1). */
  private skipTo(closing: 0 | 1): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '[') {
        const end = this.src.indexOf(']', this.pos + 1);
        if (end < 0) throw new Error('set');
        this.pos = end + 1;
      } else if (c === '(') {
        depth++;
        this.pos++;
      } else if (c === ')') {
        if (depth === 0) return;
        depth--;
        this.pos++;
      } else if (c === '|' && depth === 0 && closing === 0) return;
      else this.pos++;
    }
  }

  private quantified(): First {
    const atom = this.atom();
    const q = this.src[this.pos];
    if (q === '?' || q === '*') {
      this.pos++;
      if (this.src[this.pos] === '?') this.pos++;
      return { chars: atom.chars, empty: true };
    }
    if (q === '+') {
      this.pos++;
      if (this.src[this.pos] === '?') this.pos++;
      return atom;
    }
    if (q === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('quantifier');
      this.pos += m[0].length;
      return { chars: atom.chars, empty: atom.empty || Number(m[1]) === 0 };
    }
    return atom;
  }

  private atom(): First {
    const c = this.src[this.pos] as string;
    if (c === '(') {
      this.pos++;
      let lookaround = false;
      if (this.src.startsWith('?:', this.pos)) this.pos += 2;
      else if (this.src.startsWith('?=', this.pos) || this.src.startsWith('?!', this.pos)) {
        this.pos += 2;
        lookaround = true;
      } else if (this.src[this.pos] === '?') throw new Error('group kind');
      if (lookaround) {
        // zero-width: what it looks at does not start the match
        this.skipTo(1);
        if (this.src[this.pos] !== ')') throw new Error('unclosed group');
        this.pos++;
        return { chars: new Set(), empty: true };
      }
      const inner = this.alternatives();
      if (this.src[this.pos] !== ')') throw new Error('unclosed group');
      this.pos++;
      return inner;
    }
    if (c === '[') {
      const end = this.src.indexOf(']', this.pos + 1);
      if (end < 0) throw new Error('set');
      const body = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      if (body.startsWith('^') || body.includes('-') || body.includes('\\')) return UNKNOWN;
      return { chars: new Set(Array.from(body)), empty: false };
    }
    if (c === '\\') {
      // \1 may repeat an empty group; \d \s \w \uXXXX are single characters we do not expand
      const backReference = /[1-9]/.test(this.src[this.pos + 1] ?? '');
      this.pos += this.src[this.pos + 1] === 'u' ? 6 : 2;
      return backReference ? { chars: undefined, empty: true } : UNKNOWN;
    }
    if (c === '.') {
      this.pos++;
      return UNKNOWN;
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return { chars: undefined, empty: true };
    }
    if (META.has(c)) throw new Error('meta');
    const code = this.src.codePointAt(this.pos) as number;
    const ch = String.fromCodePoint(code);
    this.pos += ch.length;
    return { chars: new Set([ch]), empty: false };
  }
}

/** Either branch may match: each must guarantee something, and then one of their characters is guaranteed. */
function union(a: First, b: First): First {
  if (!a.chars || !b.chars || a.empty || b.empty) return { chars: undefined, empty: a.empty || b.empty };
  return { chars: new Set([...a.chars, ...b.chars]), empty: false };
}
