/**
 * `npm run eval:rules -- FILE.jsonl ...`: for every rule, across labelled sets, how often it fired, how often its
 * label was the true one, and how often it was right when it decided the label, with the wrong decisions per set.
 * Rules that fire often and decide wrongly are where generalisation is lost. Default: dev and every set in eval/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createClassifier } from '../src/classifier/index.ts';

const ROOT = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const files = args.length
  ? args
  : [join(ROOT, '../shared/eval/dev.jsonl'), ...readdirSync(join(ROOT, 'eval')).filter((f) => f.endsWith('.jsonl')).map((f) => join(ROOT, 'eval', f))];
const classifier = await createClassifier(join(ROOT, 'rules'));

interface Stat {
  fired: number;
  agree: number;
  decided: number;
  right: number;
  wrong: Record<string, number>;
}
const stats = new Map<string, Stat>();
for (const file of files) {
  const set = basename(file, '.jsonl');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text: string; label: string };
    const c = classifier.classify(row.text);
    for (const e of c.evidence) {
      const s = stats.get(e.rule) ?? { fired: 0, agree: 0, decided: 0, right: 0, wrong: {} };
      stats.set(e.rule, s);
      s.fired += 1;
      if (e.label === row.label) s.agree += 1;
      if (e.label !== c.label) continue;
      s.decided += 1;
      if (c.label === row.label) s.right += 1;
      else s.wrong[set] = (s.wrong[set] ?? 0) + 1;
    }
  }
}
const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '-');
console.log(`${'rule'.padEnd(40)} fired  agree  decided  right  wrong decisions by set`);
for (const [id, s] of [...stats].sort((a, b) => a[1].agree / a[1].fired - b[1].agree / b[1].fired)) {
  const wrong = Object.entries(s.wrong).map(([k, v]) => `${k}:${v}`).join(' ');
  console.log(`${id.padEnd(40)} ${String(s.fired).padStart(5)} ${pct(s.agree, s.fired).padStart(6)} ${String(s.decided).padStart(8)} ${pct(s.right, s.decided).padStart(6)}  ${wrong}`);
}
