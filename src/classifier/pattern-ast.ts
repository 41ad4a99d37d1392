/**
 * The small part of regular-expression syntax that rule patterns use, parsed into a tree so the loader can reason
 * about a pattern before running it (issue 3 throughput): which characters every match must contain
 * (`requiredSets`) and, for short finite patterns, every string it matches (`expandPattern`).
 *
 * Parsed: literal characters, `[…]` sets, groups with `|`, `(?:…)`, lookarounds, `\` escapes, `.`, `^`, `$` and the
 * quantifiers `? * + {m} {m,} {m,n}`. A set with a range or negation, an escape, `.` become "some character" (known
 * to be one character, not which); lookarounds, anchors and back-references match no characters we can name.
 */
export type PatternNode =
  | { kind: 'chars'; chars: string[] }
  | { kind: 'any' }
  | { kind: 'zero' }
  | { kind: 'backref' }
  | { kind: 'seq'; items: PatternNode[] }
  | { kind: 'alt'; options: PatternNode[] }
  | { kind: 'repeat'; node: PatternNode; min: number; max: number };

export function parsePattern(source: string): PatternNode | undefined {
  try {
    const parser = new Parser(source);
    const node = parser.alternatives();
    return parser.pos === source.length ? node : undefined;
  } catch {
    return undefined;
  }
}

class Parser {
  pos = 0;
  constructor(private readonly src: string) {}

  alternatives(): PatternNode {
    const options = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as PatternNode) : { kind: 'alt', options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') items.push(this.quantified());
    return { kind: 'seq', items };
  }

  private quantified(): PatternNode {
    const node = this.atom();
    const q = this.src[this.pos];
    let min = 1;
    let max = 1;
    if (q === '?' || q === '*' || q === '+') {
      this.pos++;
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Number.POSITIVE_INFINITY;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) throw new Error('quantifier');
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Number.POSITIVE_INFINITY;
    } else {
      return node;
    }
    if (this.src[this.pos] === '?') this.pos++; // lazy: same strings
    return { kind: 'repeat', node, min, max };
  }

  private atom(): PatternNode {
    const c = this.src[this.pos] as string;
    if (c === '(') {
      this.pos++;
      let look = false;
      if (this.src.startsWith('?:', this.pos)) this.pos += 2;
      else if (/^\?<?[=!]/.test(this.src.slice(this.pos))) {
        this.pos += this.src[this.pos + 1] === '<' ? 3 : 2;
        look = true;
      } else if (this.src[this.pos] === '?') throw new Error('group kind');
      const inner = this.alternatives();
      if (this.src[this.pos] !== ')') throw new Error('unclosed group');
      this.pos++;
      return look ? { kind: 'zero' } : inner;
    }
    if (c === '[') {
      let end = this.pos + 1;
      while (end < this.src.length && this.src[end] !== ']') end += this.src[end] === '\\' ? 2 : 1;
      if (end >= this.src.length) throw new Error('set');
      const body = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      if (body.startsWith('^') || body.includes('-') || body.includes('\\')) return { kind: 'any' };
      return { kind: 'chars', chars: [...new Set(Array.from(body))] };
    }
    if (c === '\\') {
      const next = this.src[this.pos + 1] ?? '';
      this.pos += next === 'u' ? 6 : 2;
      return /[1-9]/.test(next) ? { kind: 'backref' } : { kind: 'any' };
    }
    if (c === '.') {
      this.pos++;
      return { kind: 'any' };
    }
    if (c === '^' || c === '$') {
      this.pos++;
      return { kind: 'zero' };
    }
    if ('|)*+?{}]'.includes(c)) throw new Error('meta');
    const ch = String.fromCodePoint(this.src.codePointAt(this.pos) as number);
    this.pos += ch.length;
    return { kind: 'chars', chars: [ch] };
  }
}
