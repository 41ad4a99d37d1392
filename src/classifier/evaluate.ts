import { LabelSchema } from '../domain/category.ts';
import type { Label } from '../domain/category.ts';
import type { Classification } from './types.ts';

/** One labelled message of an evaluation set (`eval/*.jsonl`): {"id","text","label","clause"}, optionally "source". */
export interface LabelledRow {
  id: string;
  text: string;
  label: Label;
  clause: string;
}

/** Parse a labelled JSONL set; a broken line throws with the file and line number. */
export function parseLabelled(file: string, text: string): LabelledRow[] {
  const rows: LabelledRow[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let r: Partial<Record<keyof LabelledRow, unknown>>;
    try {
      r = JSON.parse(line) as typeof r;
    } catch (err) {
      throw new Error(`${file}:${i + 1}: invalid JSON: ${(err as Error).message}`);
    }
    if (typeof r.text !== 'string') throw new Error(`${file}:${i + 1}: no "text"`);
    const label = LabelSchema.safeParse(r.label);
    if (!label.success) throw new Error(`${file}:${i + 1}: "label" must be one of ${LabelSchema.options.join(', ')}`);
    rows.push({ id: typeof r.id === 'string' ? r.id : String(i + 1), text: r.text, label: label.data, clause: typeof r.clause === 'string' ? r.clause : '' });
  });
  return rows;
}

export interface LabelScore {
  label: Label;
  precision: number;
  recall: number;
  f1: number;
  /** Lines with this true label. */
  count: number;
}

export interface Evaluation {
  lines: number;
  perLabel: LabelScore[];
  /** confusion[true][predicted] */
  confusion: Record<Label, Record<Label, number>>;
  /** Over all seven labels (a label absent from the set counts 0), as the sets of eval/README.md were reported. */
  macroF1: number;
  /** Over the labels the set has lines of: the figure for sets that lack some labels. */
  macroF1Present: number;
  labelsPresent: number;
  accuracy: number;
  correct: number;
  otherRecall: number;
  clauseRight: number;
  clauseTotal: number;
  /** Lines whose label is right and whose clause is not. */
  clauseWrong: { row: LabelledRow; got: Classification }[];
  wrong: { row: LabelledRow; got: Classification }[];
}

/** Score a classifier on labelled rows. */
export function evaluate(rows: readonly LabelledRow[], classify: (text: string) => Classification): Evaluation {
  const labels = LabelSchema.options;
  const confusion = Object.fromEntries(labels.map((t) => [t, Object.fromEntries(labels.map((p) => [p, 0]))])) as Evaluation['confusion'];
  const wrong: Evaluation['wrong'] = [];
  const clauseWrong: Evaluation['clauseWrong'] = [];
  let correct = 0;
  let clauseTotal = 0;
  let clauseRight = 0;
  for (const row of rows) {
    const got = classify(row.text);
    confusion[row.label][got.label]++;
    if (got.label !== row.label) {
      wrong.push({ row, got });
      continue;
    }
    correct++;
    if (row.label !== 'other' && row.clause) {
      clauseTotal++;
      if (got.clause === row.clause) clauseRight++;
      else clauseWrong.push({ row, got });
    }
  }
  const perLabel = labels.map((label): LabelScore => {
    const tp = confusion[label][label];
    let predicted = 0;
    let count = 0;
    for (const o of labels) {
      predicted += confusion[o][label];
      count += confusion[label][o];
    }
    const precision = predicted ? tp / predicted : 0;
    const recall = count ? tp / count : 0;
    return { label, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, count };
  });
  const present = perLabel.filter((s) => s.count > 0);
  return {
    lines: rows.length,
    perLabel,
    confusion,
    macroF1: perLabel.reduce((s, l) => s + l.f1, 0) / labels.length,
    macroF1Present: present.length ? present.reduce((s, l) => s + l.f1, 0) / present.length : 0,
    labelsPresent: present.length,
    accuracy: rows.length ? correct / rows.length : 0,
    correct,
    otherRecall: perLabel.find((s) => s.label === 'other')?.recall ?? 0,
    clauseRight,
    clauseTotal,
    clauseWrong,
    wrong,
  };
}

/** The one-line summary `npm run eval` ends with and `huiyin check --eval` prints per set. */
export function summaryLine(e: Evaluation): string {
  return (
    `macro-F1 ${e.macroF1.toFixed(3)} | macro-F1 over labels present ${e.macroF1Present.toFixed(3)} (${e.labelsPresent}) | ` +
    `accuracy ${e.accuracy.toFixed(3)} (${e.correct}/${e.lines}) | other recall ${e.otherRecall.toFixed(3)} | ` +
    `sub-clause accuracy ${(e.clauseTotal ? e.clauseRight / e.clauseTotal : 0).toFixed(3)} (${e.clauseRight}/${e.clauseTotal})`
  );
}
