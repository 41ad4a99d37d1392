/**
 * A fast yes for the common case of a zod check (issue 17, item 5): at a cold start the start-up workers validate
 * every ticket on disk, and zod's parse, which builds a fresh copy of every object it checks, was over a third of
 * their CPU. `plainCheck(schema)` compiles the same schema into a predicate that answers true only for a value the
 * schema accepts AND returns unchanged: every object key known (nothing to strip), nothing a default would fill, no
 * `undefined`. For those the parsed JSON itself is the schema's output, with no copy. Anything else, valid or not,
 * answers false and the caller asks zod, so errors still come from zod and name the field.
 *
 * It reads the schema's own definition (zod 4's `_zod.def`), so it cannot drift from the schema: the patterns are the
 * schema's own (copied without a g flag), the enums the value sets zod checks against. A construct it does not know
 * (a refinement, a transform, a format other than a regex or an ISO date-time, coercion, a catch-all) makes
 * `plainCheck` throw when it is built, never guess. Like zod it reads fields as `v[key]`, so it assumes nobody adds
 * fields to Object.prototype. test/store/plain-check.test.ts fuzzes it against zod.
 */
import type { z } from 'zod';

export type PlainCheck = (value: unknown) => boolean;

interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
}

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  coerce?: boolean;
  format?: string;
  check?: string;
  pattern?: RegExp;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  discriminator?: string;
}

interface Schema {
  _zod: { def: Def; values?: Set<unknown>; propValues?: Record<string, Set<unknown>> };
}

class Unsupported extends Error {}

export function plainCheck(schema: z.ZodType): PlainCheck {
  return checkOf(compile(schema as unknown as Schema, 'the schema', false));
}

/**
 * What plainCheck compiles a schema to before it becomes a predicate (`checkOf`): plain data (patterns, value sets,
 * numbers), so it can be handed to a worker thread, which then checks without loading zod (issue 17, item 5: zod
 * and the domain's schemas were ~150–250 ms of CPU in each start-up thread before it read a single file).
 */
export type PlainPlan =
  | { type: 'never' }
  | { type: 'string'; min: number; max: number; patterns: RegExp[] }
  | { type: 'number'; integer: boolean; min: number; max: number; minOpen: boolean; maxOpen: boolean }
  | { type: 'boolean' }
  | { type: 'values'; values: Set<unknown> }
  | { type: 'array'; min: number; max: number; element: PlainPlan }
  | { type: 'object'; keys: string[]; fields: PlainPlan[]; required: boolean[] }
  | { type: 'union'; key: string; options: Array<{ values: unknown[]; plan: PlainPlan }> }
  | { type: 'nullable'; inner: PlainPlan };

/** `plainCheckOfBytes` as a plan; throws as it does for a schema it cannot decide. */
export function plainPlanOfBytes(schema: z.ZodType): PlainPlan {
  return compile(schema as unknown as Schema, 'the schema', true);
}

/** A plan, or one that says no to everything when the schema cannot be decided (as `orZodOnly`). */
export function planOrZodOnly(build: () => PlainPlan, log: (message: string) => void = console.error): PlainPlan {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    log(`store: ${error.message}; such values are checked by zod alone (slower)`);
    return { type: 'never' };
  }
}

/**
 * The same check for JSON parsed from UTF-8 bytes read as Latin-1 (one character per byte: no UTF-8 decoding, the
 * dearest step of reading a partition after JSON.parse). It answers exactly as `plainCheck` answers on the properly
 * decoded value, provided the bytes are valid UTF-8 and hold no \u escape (partition-bytes.ts makes sure), because
 * it only compiles for a schema that cannot tell the two apart: every string check is "a string", "not empty", an
 * anchored pattern whose every part matches only ASCII, or one of a set of ASCII values, and every object key is
 * ASCII. A non-ASCII character and the 2–4 bytes ≥ 0x80 of its UTF-8 form are then both simply "not ASCII": both make
 * a pattern or an enum fail, neither empties a string; an all-ASCII string is the same text either way. Anything
 * else (a maximum length, `.` or `\s` in a pattern, a Chinese enum value) makes it throw when built.
 */
export function plainCheckOfBytes(schema: z.ZodType): PlainCheck {
  return checkOf(plainPlanOfBytes(schema));
}

/**
 * The check `build` compiles, or one that says no to everything when the schema has grown something it cannot decide
 * (a `.max()`, a refinement): zod then decides every value, slower but never wrong, instead of the store failing to
 * load. The tests that expect the fast path to be taken (plain-check.test.ts) fail, which is how someone notices.
 */
export function orZodOnly(build: () => PlainCheck, log: (message: string) => void = console.error): PlainCheck {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    log(`store: ${error.message}; such values are checked by zod alone (slower)`);
    return () => false;
  }
}

/**
 * `schema.parse` for the write path: a value plainCheck passes is copied field by field in the schema's order, which
 * is what zod would return (a fresh copy, its fields in the schema's order) without zod's work; any other value, an
 * invalid one included, goes to zod, so errors are zod's. A schema plainCheck cannot compile leaves it all to zod.
 */
export function plainParse<S extends z.ZodType>(schema: S, log?: (message: string) => void): (value: unknown) => z.output<S> {
  const { check, copy } = checkAndCopy(schema, log);
  return (value) => (check(value) ? (copy(value) as z.output<S>) : schema.parse(value));
}

/**
 * `schema.safeParse` the same way, for values read back (a conversation's session, read on most owner messages): a
 * value plainCheck passes is copied as zod would return it, anything else is zod's to accept or refuse.
 */
export function plainSafeParse<S extends z.ZodType>(schema: S, log?: (message: string) => void): (value: unknown) => z.ZodSafeParseResult<z.output<S>> {
  const { check, copy } = checkAndCopy(schema, log);
  return (value) => (check(value) ? { success: true, data: copy(value) as z.output<S> } : schema.safeParse(value));
}

function checkAndCopy(schema: z.ZodType, log?: (message: string) => void): { check: PlainCheck; copy: (value: unknown) => unknown } {
  let copy: (value: unknown) => unknown = () => undefined;
  const check = orZodOnly(() => {
    const built = plainCheck(schema);
    copy = copier(schema as unknown as Schema);
    return built;
  }, log);
  return { check, copy };
}

/** Copies a value its plainCheck accepted: objects and arrays anew, every object's fields in the schema's order. */
function copier(schema: Schema): (value: unknown) => unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'nullable': {
      const inner = copier(def.innerType!);
      return (v) => (v === null ? null : inner(v));
    }
    case 'optional':
    case 'default':
      return copier(def.innerType!);
    case 'array': {
      const element = copier(def.element!);
      return (v) => (v as unknown[]).map(element);
    }
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([key, field]) => [key, copier(field)] as const);
      return (v) => {
        const from = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const [key, copy] of fields) if (from[key] !== undefined) out[key] = copy(from[key]);
        return out;
      };
    }
    case 'union': {
      const key = def.discriminator!;
      const byValue = new Map<unknown, (value: unknown) => unknown>();
      for (const option of def.options ?? []) {
        const copy = copier(option);
        for (const value of option._zod.propValues?.[key] ?? []) byValue.set(value, copy);
      }
      return (v) => byValue.get((v as Record<string, unknown>)[key])!(v);
    }
    default:
      return (v) => v;
  }
}

function defOf(schema: Schema): Def {
  return schema._zod.def;
}

function compile(schema: Schema, where: string, bytes: boolean): PlainPlan {
  const def = defOf(schema);
  if (def.coerce) throw new Unsupported(`${where}: coercion changes the value`);
  switch (def.type) {
    case 'string':
      return stringPlan(def, where, bytes);
    case 'number':
      return numberPlan(def, where);
    case 'boolean':
      noChecks(def, where);
      return { type: 'boolean' };
    // The values zod itself accepts (for an enum over a TypeScript enum, not its reverse-mapped names).
    case 'enum':
    case 'literal': {
      noChecks(def, where);
      const values = schema._zod.values;
      if (!values) throw new Unsupported(`${where}: a ${def.type} without values`);
      if (bytes && [...values].some((v) => typeof v === 'string' && !ASCII.test(v))) throw new Unsupported(`${where}: a value that is not ASCII`);
      return { type: 'values', values: new Set(values) };
    }
    case 'array':
      return arrayPlan(def, where, bytes);
    case 'object':
      return objectPlan(def, where, bytes);
    case 'union':
      return unionPlan(def, where, bytes);
    case 'nullable':
      noChecks(def, where);
      return { type: 'nullable', inner: compile(def.innerType!, where, bytes) };
    // Where these may be absent is the object's business (`objectCheck`); a value that is present is the inner
    // type's. `undefined` is never plain: zod may keep or drop the key, or fill in a default.
    case 'optional':
    case 'default':
      noChecks(def, where);
      return compile(def.innerType!, where, bytes);
    default:
      throw new Unsupported(`${where}: zod type "${def.type}" is not supported`);
  }
}

function noChecks(def: Def, where: string): void {
  if (def.checks && def.checks.length > 0) throw new Unsupported(`${where}: checks on a ${def.type} are not supported`);
}

function stringPlan(def: Def, where: string, bytes: boolean): PlainPlan {
  const patterns: RegExp[] = [];
  let min = 0;
  let max = Infinity;
  // A format schema (z.iso.datetime()) carries its own check in its definition.
  const own: CheckDef[] = def.check ? [{ check: def.check, format: def.format, pattern: def.pattern }] : [];
  for (const check of [...own, ...(def.checks ?? []).map((c) => c._zod.def)]) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum!);
    else if (check.check === 'max_length') max = Math.min(max, check.maximum!);
    else if (check.check === 'string_format' && (check.format === 'regex' || check.format === 'datetime') && check.pattern) {
      // zod tests from lastIndex 0; a copy without the global flag answers the same and leaves lastIndex alone.
      if (check.pattern.sticky) throw new Unsupported(`${where}: a sticky pattern`);
      if (bytes && !asciiOnly(check.pattern)) throw new Unsupported(`${where}: pattern ${check.pattern} may match more than ASCII`);
      patterns.push(new RegExp(check.pattern.source, check.pattern.flags.replace('g', '')));
    } else throw new Unsupported(`${where}: string check "${check.check}"${check.format ? ` (${check.format})` : ''} is not supported`);
  }
  // A length counts characters, which a byte is not; but a string is empty exactly when its bytes are.
  if (bytes && (min > 1 || max !== Infinity)) throw new Unsupported(`${where}: a length other than "not empty"`);
  return { type: 'string', min, max, patterns };
}

function numberPlan(def: Def, where: string): PlainPlan {
  let integer = false;
  let min = -Infinity;
  let max = Infinity;
  let minOpen = false;
  let maxOpen = false;
  for (const check of (def.checks ?? []).map((c) => c._zod.def)) {
    if (check.check === 'number_format' && check.format === 'safeint') integer = true;
    else if (check.check === 'greater_than') [min, minOpen] = [check.value!, !check.inclusive];
    else if (check.check === 'less_than') [max, maxOpen] = [check.value!, !check.inclusive];
    else throw new Unsupported(`${where}: number check "${check.check}"${check.format ? ` (${check.format})` : ''} is not supported`);
  }
  return { type: 'number', integer, min, max, minOpen, maxOpen };
}

function arrayPlan(def: Def, where: string, bytes: boolean): PlainPlan {
  let min = 0;
  let max = Infinity;
  for (const check of (def.checks ?? []).map((c) => c._zod.def)) {
    if (check.check === 'min_length') min = Math.max(min, check.minimum!);
    else if (check.check === 'max_length') max = Math.min(max, check.maximum!);
    else throw new Unsupported(`${where}: array check "${check.check}" is not supported`);
  }
  return { type: 'array', min, max, element: compile(def.element!, `${where}[]`, bytes) };
}

function objectPlan(def: Def, where: string, bytes: boolean): PlainPlan {
  noChecks(def, where);
  if (def.catchall) throw new Unsupported(`${where}: a catch-all is not supported`);
  const keys: string[] = [];
  const fields: PlainPlan[] = [];
  const required: boolean[] = [];
  for (const [key, field] of Object.entries(def.shape ?? {})) {
    // Read as v[key] below, which would find an inherited value where the object has none of its own.
    if (key in Object.prototype) throw new Unsupported(`${where}: a field named "${key}"`);
    if (bytes && !ASCII.test(key)) throw new Unsupported(`${where}: a field name that is not ASCII`);
    keys.push(key);
    fields.push(compile(field, `${where}.${key}`, bytes));
    // A default counts as required: when the key is absent zod fills it in, so the value is not returned unchanged.
    required.push(defOf(field).type !== 'optional');
  }
  return { type: 'object', keys, fields, required };
}

/** A discriminated union: the option whose literal the discriminator names decides, as in zod. */
function unionPlan(def: Def, where: string, bytes: boolean): PlainPlan {
  noChecks(def, where);
  const key = def.discriminator;
  if (key === undefined) throw new Unsupported(`${where}: a union without a discriminator is not supported`);
  const options: Array<{ values: unknown[]; plan: PlainPlan }> = [];
  const taken = new Set<unknown>();
  for (const option of def.options ?? []) {
    const values = option._zod.propValues?.[key];
    if (!values || values.size === 0) throw new Unsupported(`${where}: an option without a literal "${key}"`);
    if (bytes && [...values].some((v) => typeof v === 'string' && !ASCII.test(v))) throw new Unsupported(`${where}: a value that is not ASCII`);
    const plan = compile(option, `${where}(${[...values].map(String).join('|')})`, bytes);
    for (const value of values) {
      if (taken.has(value)) throw new Unsupported(`${where}: two options for "${String(value)}"`);
      taken.add(value);
    }
    options.push({ values: [...values], plan });
  }
  return { type: 'union', key, options };
}

/** The predicate a plan describes. */
export function checkOf(plan: PlainPlan): PlainCheck {
  switch (plan.type) {
    case 'never':
      return () => false;
    case 'string':
      return stringCheck(plan);
    case 'number': {
      const { integer, min, max, minOpen, maxOpen } = plan;
      return (v) =>
        typeof v === 'number' &&
        (integer ? Number.isSafeInteger(v) : Number.isFinite(v)) &&
        (minOpen ? v > min : v >= min) &&
        (maxOpen ? v < max : v <= max);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'values': {
      const { values } = plan;
      return (v) => values.has(v);
    }
    case 'array': {
      const { min, max } = plan;
      const element = checkOf(plan.element);
      return (v) => {
        if (!Array.isArray(v) || v.length < min || v.length > max) return false;
        for (let i = 0; i < v.length; i += 1) if (!(i in v) || !element(v[i])) return false;
        return true;
      };
    }
    case 'object':
      return objectCheck(plan);
    case 'union': {
      const { key } = plan;
      const byValue = new Map<unknown, PlainCheck>();
      for (const option of plan.options) {
        const check = checkOf(option.plan);
        for (const value of option.values) byValue.set(value, check);
      }
      return (v) => {
        if (!isPlainObject(v)) return false;
        const check = byValue.get(v[key]);
        return check !== undefined && check(v);
      };
    }
    case 'nullable': {
      const inner = checkOf(plan.inner);
      return (v) => v === null || inner(v);
    }
  }
}

function stringCheck({ min, max, patterns }: Extract<PlainPlan, { type: 'string' }>): PlainCheck {
  // Shapes of the common cases, so each runs without a loop (this runs some 20 times per ticket).
  const [only] = patterns;
  if (patterns.length === 0 && max === Infinity) return (v) => typeof v === 'string' && v.length >= min;
  if (patterns.length === 1 && max === Infinity) return (v) => typeof v === 'string' && v.length >= min && only!.test(v);
  return (v) => {
    if (typeof v !== 'string' || v.length < min || v.length > max) return false;
    for (const p of patterns) if (!p.test(v)) return false;
    return true;
  };
}

function objectCheck({ keys, fields, required }: Extract<PlainPlan, { type: 'object' }>): PlainCheck {
  const checks = fields.map(checkOf);
  return (v) => {
    if (!isPlainObject(v)) return false;
    // Each known field once, then a count of the object's own keys: more keys than valid fields means unknown ones.
    let present = 0;
    for (let i = 0; i < keys.length; i += 1) {
      const value = v[keys[i]!];
      if (value === undefined) {
        if (required[i] || Object.hasOwn(v, keys[i]!)) return false;
      } else if (!checks[i]!(value)) return false;
      else present += 1;
    }
    let own = 0;
    for (const key in v) if (Object.hasOwn(v, key)) own += 1;
    return own === present;
  };
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * True for a pattern that can match only an all-ASCII string: anchored at both ends (no alternation outside a
 * group), no flags, and made only of
 * ASCII characters, `\d` and escaped punctuation; no `.`, no negated class, no `\s \S \w \W \D \b \B`, no
 * escapes by code (`\u`, `\x`, `\p`), no back-references. A conservative reading: what it refuses may be fine.
 */
export function asciiOnly(pattern: RegExp): boolean {
  const source = pattern.source;
  if (pattern.flags.replace('g', '') !== '' || !source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i]!;
    if (c.charCodeAt(0) > 0x7f || (c === '.' && !inClass)) return false;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (next !== 'd' && !/^[\^$\\.*+?()[\]{}|/-]$/.test(next)) return false;
      i += 1;
    } else if (inClass) inClass = c !== ']';
    else if (c === '[') {
      if (source[i + 1] === '^') return false;
      inClass = true;
    } else if (c === '(') depth += 1;
    else if (c === ')') depth -= 1;
    // ^a|b$ anchors each side at one end only, so it could match part of a longer string.
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype;
}
