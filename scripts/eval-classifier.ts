/**
 * `npm run eval [-- FILE.jsonl] [--rules DIR] [--summary]`: run the classifier over a labelled JSONL set
 * (default ../shared/eval/dev.jsonl; lines {"id","text","label","clause"}, optionally "source") and print per-label
 * precision / recall / F1, macro-F1 over all labels and over the labels present in the set, accuracy, the confusion
 * matrix, sub-clause accuracy and the misclassified lines. `--summary` leaves out the lines (sub-clause errors and
 * misclassified), for a held-out set whose lines must not be read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LabelSchema } from '../src/domain/category.ts';
import type { Label } from '../src/domain/category.ts';
import { createClassifier } from '../src/classifier/index.ts';

const args = process.argv.slice(2);
let file = resolve('../shared/eval/dev.jsonl');
let rulesDir = resolve('rules');
let summaryOnly = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--rules') rulesDir = resolve(args[++i] ?? 'rules');
  else if (a === '--summary') summaryOnly = true;
  else file = resolve(a);
}

interface Row {
  id: string;
  text: string;
  label: Label;
  clause: string;
}
const rows: Row[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    const r = JSON.parse(l) as Partial<Row>;
    if (typeof r.text !== 'string') throw new Error(`${file}:${i + 1}: no text`);
    return { id: r.id ?? String(i + 1), text: r.text, label: LabelSchema.parse(r.label), clause: r.clause ?? '' };
  });

const classifier = await createClassifier(rulesDir);
const labels = LabelSchema.options;
const confusion = new Map<string, number>();
const key = (t: string, p: string) => `${t}|${p}`;
const wrong: string[] = [];
let correct = 0;
let clauseTotal = 0;
let clauseRight = 0;
const clauseWrong: string[] = [];

for (const r of rows) {
  const c = classifier.classify(r.text);
  confusion.set(key(r.label, c.label), (confusion.get(key(r.label, c.label)) ?? 0) + 1);
  if (c.label === r.label) {
    correct++;
    if (r.label !== 'other' && r.clause) {
      clauseTotal++;
      if (c.clause === r.clause) clauseRight++;
      else clauseWrong.push(`  ${r.id} ${r.label} want ${r.clause} got ${c.clause}: ${r.text}`);
    }
  } else {
    const rules = c.evidence.map((e) => `${e.rule}[${e.matched.join('/')}]`).join(' ');
    wrong.push(`  ${r.id} want ${r.label} ${r.clause} got ${c.label} ${c.clause ?? ''} (${c.confidence}): ${r.text}\n      ${rules || 'no rule matched'}`);
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`eval ${file} (${rows.length} lines) with rules ${rulesDir}\n`);
console.log(`${'label'.padEnd(13)} ${pad('P', 6)} ${pad('R', 6)} ${pad('F1', 6)} ${pad('n', 4)}`);
let f1Sum = 0;
let presentSum = 0;
let present = 0;
const perLabel: Record<string, { p: number; r: number; f1: number }> = {};
for (const l of labels) {
  const tp = confusion.get(key(l, l)) ?? 0;
  let predicted = 0;
  let actual = 0;
  for (const o of labels) {
    predicted += confusion.get(key(o, l)) ?? 0;
    actual += confusion.get(key(l, o)) ?? 0;
  }
  const p = predicted ? tp / predicted : 0;
  const rc = actual ? tp / actual : 0;
  const f1 = p + rc ? (2 * p * rc) / (p + rc) : 0;
  perLabel[l] = { p, r: rc, f1 };
  f1Sum += f1;
  if (actual > 0) {
    presentSum += f1;
    present++;
  }
  console.log(`${l.padEnd(13)} ${pad(p.toFixed(3), 6)} ${pad(rc.toFixed(3), 6)} ${pad(f1.toFixed(3), 6)} ${pad(actual, 4)}`);
}

console.log('\nconfusion (rows = true label, columns = predicted)');
const short = (l: string) => l.slice(0, 6);
console.log(`${''.padEnd(13)}${labels.map((l) => pad(short(l), 7)).join('')}`);
for (const t of labels) {
  console.log(`${t.padEnd(13)}${labels.map((p) => pad(confusion.get(key(t, p)) ?? 0, 7)).join('')}`);
}

if (summaryOnly) console.log(`\n(--summary: ${clauseWrong.length} sub-clause errors and ${wrong.length} misclassified lines not shown)`);
else {
  if (clauseWrong.length) console.log(`\nsub-clause errors (label right, clause wrong):\n${clauseWrong.join('\n')}`);
  console.log(`\nmisclassified (${wrong.length}):\n${wrong.join('\n') || '  none'}`);
}

const macro = f1Sum / labels.length;
console.log(
  `\nSUMMARY macro-F1 ${macro.toFixed(3)} | macro-F1 over labels present ${(present ? presentSum / present : 0).toFixed(3)} (${present}) | accuracy ${(correct / rows.length).toFixed(3)} (${correct}/${rows.length}) | ` +
    `other recall ${(perLabel.other?.r ?? 0).toFixed(3)} | sub-clause accuracy ${(clauseTotal ? clauseRight / clauseTotal : 0).toFixed(3)} (${clauseRight}/${clauseTotal})`,
);
