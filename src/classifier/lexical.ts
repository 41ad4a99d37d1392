/**
 * The learned keyword layer (issue 20): two linear models over the same keyword features of a normalised message.
 *
 * - the gate: is this a request to the office (anything but `other`)? One weight per feature, summed with a bias and
 *   squashed to a probability;
 * - the kind: which of the six request labels? One weight per feature and label.
 *
 * Features are what a person would point at: every pair of adjacent characters (物业, 坏了, 哈哈), each manager-owned
 * word list that has a word in the message (`l:gate_place`), each hand rule that fired (`r:repair.fault`: how far the
 * rule's word is to be trusted on its own), and whether it @-mentions someone. No segmentation: the
 * layer costs one table look-up per character, so it does not eat the classifier's throughput budget.
 *
 * The weights live in `rules/learned.tsv` (one feature per line, written by `npm run train:lexical`, editable by hand:
 * delete a line to forget a feature, change a number to trust it more or less).
 */
import type { Label } from '../domain/category.ts';

/** The label columns of the kind model, in file order. */
export const KIND_LABELS = ['repair', 'paid_service', 'valid', 'assist', 'excessive', 'consult'] as const satisfies readonly Label[];
export type KindLabel = (typeof KIND_LABELS)[number];
/** Columns of a weights row: the gate, then one per kind label. */
export const COLUMNS = 1 + KIND_LABELS.length;

/** A message that @-mentions someone (normalise() removes the mention itself, so the raw text is asked). */
export const MENTION_FEATURE = 'a:mention';

export interface LexicalModel {
  /** Row per feature: COLUMNS weights each. Row 0 is the bias. */
  weights: Float32Array;
  /** Feature name per row, for explanations (`b:物业`, `l:gate_place`, `n:1-5`). */
  names: string[];
  /**
   * Open-addressing table of (key, row) pairs side by side: bigram key (first code unit << 16 | second, an int32) →
   * row; key 0 = empty slot. One array, so a look-up touches one cache line rather than one in each of two tables.
   */
  bigramSlots: Int32Array;
  /** Row per word list index, per hand rule index (-1: none); the @mention row (-1: none). */
  listRows: Int32Array;
  ruleRows: Int32Array;
  mentionRow: number;
}

/** Parsed but not yet bound to the word lists: what the weights file says. */
export interface LexicalWeights {
  file: string;
  rows: { feature: string; weights: number[] }[];
}

export function bigramKey(a: number, b: number): number {
  return (a << 16) | b;
}

/** Bind parsed weights to the lists loaded with the rules. Features of lists that no longer exist are reported, not fatal. */
export function buildModel(
  weights: LexicalWeights,
  listNames: readonly string[],
  ruleIds: readonly string[],
): { model: LexicalModel; unknown: string[] } {
  const names: string[] = ['bias'];
  const rowsOut: number[][] = [new Array<number>(COLUMNS).fill(0)];
  const bigrams: { key: number; row: number }[] = [];
  const listRows = new Int32Array(listNames.length).fill(-1);
  const ruleRows = new Int32Array(ruleIds.length).fill(-1);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  let mentionRow = -1;
  const unknown: string[] = [];
  for (const { feature, weights: w } of weights.rows) {
    if (feature === 'bias') {
      rowsOut[0] = w;
      continue;
    }
    const row = rowsOut.length;
    if (feature.startsWith('b:') && feature.length === 4) {
      bigrams.push({ key: bigramKey(feature.charCodeAt(2), feature.charCodeAt(3)), row });
    } else if (feature === MENTION_FEATURE) {
      mentionRow = row;
    } else if (feature.startsWith('r:')) {
      const i = ruleIndex.get(feature.slice(2));
      if (i === undefined) {
        unknown.push(feature);
        continue;
      }
      ruleRows[i] = row;
    } else if (feature.startsWith('l:')) {
      const i = listNames.indexOf(feature.slice(2));
      if (i < 0) {
        unknown.push(feature);
        continue;
      }
      listRows[i] = row;
    } else {
      unknown.push(feature);
      continue;
    }
    names.push(feature);
    rowsOut.push(w);
  }
  // At most two-thirds full: linear probing stays short, and the table (looked up once per character pair) stays
  // half the size a half-full table would be for today's ~17,000 bigrams.
  let size = 16;
  while (size * 2 < bigrams.length * 3) size *= 2;
  const bigramSlots = new Int32Array(2 * size);
  for (const { key, row } of bigrams) {
    let slot = hashSlot(key, size);
    while (bigramSlots[2 * slot] !== 0) slot = (slot + 1) & (size - 1);
    bigramSlots[2 * slot] = key;
    bigramSlots[2 * slot + 1] = row;
  }
  const flat = new Float32Array(rowsOut.length * COLUMNS);
  rowsOut.forEach((w, r) => flat.set(w, r * COLUMNS));
  return { model: { weights: flat, names, bigramSlots, listRows, ruleRows, mentionRow }, unknown };
}

function hashSlot(key: number, size: number): number {
  let h = Math.imul(key ^ (key >>> 15), 0x2c1b3c6d);
  h ^= h >>> 12;
  return h & (size - 1);
}

function bigramRow(model: LexicalModel, key: number): number {
  const slots = model.bigramSlots;
  const size = slots.length >> 1;
  let slot = hashSlot(key, size);
  for (;;) {
    const k = slots[2 * slot] as number;
    if (k === key) return slots[2 * slot + 1] as number;
    if (k === 0) return -1;
    slot = (slot + 1) & (size - 1);
  }
}

/** Per-model scratch: which rows a message used (a stamp per row, so nothing is cleared between messages). */
const scratch = new WeakMap<LexicalModel, { stamp: number; seen: Int32Array; rows: number[] }>();

/**
 * The rows (feature indices) present in a message: each distinct bigram, each list with a word in it (`listsPresent`),
 * the mention. The returned array is reused by the next call.
 */
export function featureRows(
  model: LexicalModel,
  norm: string,
  listsPresent: readonly number[],
  rulesFired: readonly number[],
  mention: boolean,
): number[] {
  let s = scratch.get(model);
  if (!s || s.stamp >= 0x7fffffff) {
    s = { stamp: 0, seen: new Int32Array(model.names.length), rows: [] };
    scratch.set(model, s);
  }
  const stamp = ++s.stamp;
  const { rows, seen } = s;
  rows.length = 0;
  for (let i = 0; i + 1 < norm.length; i++) {
    const a = norm.charCodeAt(i);
    const b = norm.charCodeAt(i + 1);
    if (a !== 32 && b !== 32) addRow(rows, seen, stamp, bigramRow(model, bigramKey(a, b)));
  }
  for (const list of listsPresent) addRow(rows, seen, stamp, model.listRows[list] ?? -1);
  for (const rule of rulesFired) addRow(rows, seen, stamp, model.ruleRows[rule] ?? -1);
  if (mention) addRow(rows, seen, stamp, model.mentionRow);
  return rows;
}

/** Add a feature row once per message (a plain function: a closure made per message cost more than the look-ups). */
function addRow(rows: number[], seen: Int32Array, stamp: number, row: number): void {
  if (row < 0 || seen[row] === stamp) return;
  seen[row] = stamp;
  rows.push(row);
}

/** The same features by name, for training: distinct bigrams, lists present, the mention. */
export function featureNames(norm: string, listsPresent: readonly string[], rulesFired: readonly string[], mention: boolean): string[] {
  const names = new Set<string>();
  // Pairs across a space say nothing a reader would point at; normalise() leaves single spaces only.
  for (let i = 0; i + 1 < norm.length; i++) if (norm[i] !== ' ' && norm[i + 1] !== ' ') names.add(`b:${norm.slice(i, i + 2)}`);
  for (const list of listsPresent) names.add(`l:${list}`);
  for (const id of rulesFired) names.add(`r:${id}`);
  if (mention) names.add(MENTION_FEATURE);
  return [...names];
}

export interface LexicalScore {
  /** P(request to the office), from the gate. */
  request: number;
  /** The most likely request label and its probability among the six (from the kind model). */
  kind: KindLabel;
  kindProbability: number;
}

const kindScratch = new Float64Array(KIND_LABELS.length);

/** Score a message's feature rows with both models. */
export function scoreRows(model: LexicalModel, rows: readonly number[]): LexicalScore {
  const w = model.weights;
  let gate = w[0] as number;
  const kinds = kindScratch; // reused: every element is set before it is read
  for (let k = 0; k < kinds.length; k++) kinds[k] = w[1 + k] as number;
  // Each feature counts 1/√n (n features present), so a short message is not pushed toward the bias by having few.
  const scale = rows.length > 0 ? 1 / Math.sqrt(rows.length) : 0;
  for (const row of rows) {
    const base = row * COLUMNS;
    gate += (w[base] as number) * scale;
    for (let k = 0; k < kinds.length; k++) kinds[k] = (kinds[k] as number) + (w[base + 1 + k] as number) * scale;
  }
  let best = 0;
  for (let k = 1; k < kinds.length; k++) if ((kinds[k] as number) > (kinds[best] as number)) best = k;
  let z = 0;
  for (let k = 0; k < kinds.length; k++) z += Math.exp((kinds[k] as number) - (kinds[best] as number));
  return { request: 1 / (1 + Math.exp(-gate)), kind: KIND_LABELS[best] as KindLabel, kindProbability: 1 / z };
}

/**
 * The features that pushed a column most (gate: column 0, positive toward a request; a kind: its column), strongest
 * first, with the feature's display word (物业 for b:物业, "list gate_place" for l:gate_place) and its share of the
 * score in this message (its weight × 1/√n).
 */
export function topFeatures(model: LexicalModel, rows: readonly number[], label: 'gate' | KindLabel, n = 5): { word: string; weight: number }[] {
  const column = label === 'gate' ? 0 : 1 + KIND_LABELS.indexOf(label);
  const scale = rows.length > 0 ? 1 / Math.sqrt(rows.length) : 0;
  return rows
    .map((row) => ({ word: displayFeature(model.names[row] as string), weight: Math.round((model.weights[row * COLUMNS + column] as number) * scale * 100) / 100 }))
    .filter((f) => f.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, n);
}

function displayFeature(name: string): string {
  if (name.startsWith('b:')) return name.slice(2);
  if (name.startsWith('l:')) return `list ${name.slice(2)}`;
  if (name.startsWith('r:')) return `rule ${name.slice(2)}`;
  if (name === MENTION_FEATURE) return '@mention';
  return name;
}

/** The weights file: `#` comments, a header line, then `feature<TAB>gate<TAB>repair…consult` per line. */
export function parseWeights(file: string, text: string): LexicalWeights {
  const rows: LexicalWeights['rows'] = [];
  const header = ['feature', 'gate', ...KIND_LABELS].join('\t');
  let sawHeader = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) return;
    if (!sawHeader) {
      if (line !== header) throw new Error(`${file}:${i + 1}: the first line must be the header "${header.replace(/\t/g, '\\t')}"`);
      sawHeader = true;
      return;
    }
    const cells = line.split('\t');
    if (cells.length !== COLUMNS + 1) throw new Error(`${file}:${i + 1}: ${cells.length} columns, expected ${COLUMNS + 1} (feature and ${COLUMNS} weights)`);
    const feature = cells[0] as string;
    if (!/^(bias|b:[^]{2}|l:[a-z][a-z0-9_]*|r:[a-z][a-z0-9_.-]*|a:mention)$/.test(feature) || (feature.startsWith('b:') && feature.length !== 4)) {
      throw new Error(`${file}:${i + 1}: feature "${feature}" is not bias, b:<two characters>, l:<word list>, r:<rule id> or a:mention`);
    }
    const weights = cells.slice(1).map((c) => Number(c));
    const bad = weights.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new Error(`${file}:${i + 1}: weight "${cells[bad + 1]}" of ${feature} is not a number`);
    rows.push({ feature, weights });
  });
  if (!sawHeader) throw new Error(`${file}: no header line "${header.replace(/\t/g, '\\t')}"`);
  return { file, rows };
}
