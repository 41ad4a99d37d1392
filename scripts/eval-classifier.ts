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
import { createClassifier } from '../src/classifier/index.ts';
import { evaluate, parseLabelled, summaryLine } from '../src/classifier/evaluate.ts';

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

const rows = parseLabelled(file, readFileSync(file, 'utf8'));
const classifier = await createClassifier(rulesDir);
const e = evaluate(rows, (text) => classifier.classify(text));
const labels = LabelSchema.options;

const pad = (s: string | number, n: number) => String(s).padStart(n);
console.log(`eval ${file} (${rows.length} lines) with rules ${rulesDir}\n`);
console.log(`${'label'.padEnd(13)} ${pad('P', 6)} ${pad('R', 6)} ${pad('F1', 6)} ${pad('n', 4)}`);
for (const s of e.perLabel) {
  console.log(`${s.label.padEnd(13)} ${pad(s.precision.toFixed(3), 6)} ${pad(s.recall.toFixed(3), 6)} ${pad(s.f1.toFixed(3), 6)} ${pad(s.count, 4)}`);
}

console.log('\nconfusion (rows = true label, columns = predicted)');
const short = (l: string) => l.slice(0, 6);
console.log(`${''.padEnd(13)}${labels.map((l) => pad(short(l), 7)).join('')}`);
for (const t of labels) console.log(`${t.padEnd(13)}${labels.map((p) => pad(e.confusion[t][p], 7)).join('')}`);

if (summaryOnly) console.log(`\n(--summary: ${e.clauseWrong.length} sub-clause errors and ${e.wrong.length} misclassified lines not shown)`);
else {
  if (e.clauseWrong.length) {
    const lines = e.clauseWrong.map(({ row, got }) => `  ${row.id} ${row.label} want ${row.clause} got ${got.clause}: ${row.text}`);
    console.log(`\nsub-clause errors (label right, clause wrong):\n${lines.join('\n')}`);
  }
  const lines = e.wrong.map(({ row, got }) => {
    const rules = got.evidence.map((ev) => `${ev.rule}[${ev.matched.join('/')}]`).join(' ');
    return `  ${row.id} want ${row.label} ${row.clause} got ${got.label} ${got.clause ?? ''} (${got.confidence}): ${row.text}\n      ${rules || 'no rule matched'}`;
  });
  console.log(`\nmisclassified (${e.wrong.length}):\n${lines.join('\n') || '  none'}`);
}

console.log(`\nSUMMARY ${summaryLine(e)}`);
