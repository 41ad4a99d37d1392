/**
 * `npm run bench:classify [-- FILE.jsonl] [--rounds N]`: messages per second of the whole classifier and of bare
 * nodejieba segmentation (`cut(text, true)`, same dictionaries) on the same messages, in one run; their ratio; peak RSS.
 * Target (issue 3): classifier ≥ 50% of bare segmentation.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClassifier } from '../src/classifier/index.ts';
import { getSegmenter } from '../src/classifier/segment.ts';

const args = process.argv.slice(2);
let file = resolve('../shared/eval/dev.jsonl');
let rounds = 200;
for (let i = 0; i < args.length; i++) {
  const a = args[i] as string;
  if (a === '--rounds') rounds = Number(args[++i] ?? rounds);
  else file = resolve(a);
}
const texts = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (l.startsWith('{') ? (JSON.parse(l) as { text: string }).text : l));

let peakRss = process.memoryUsage().rss;
const sample = () => {
  const rss = process.memoryUsage().rss;
  if (rss > peakRss) peakRss = rss;
};

const t0 = performance.now();
const classifier = await createClassifier(resolve('rules'));
const segmenter = getSegmenter(classifier.rules.userDict, classifier.rules.dictWords);
const loadMs = performance.now() - t0;
sample();

function run(fn: (t: string) => unknown): number {
  let sink = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const t of texts) sink += (fn(t) as { length?: number }).length ?? 1;
    if (r % 20 === 0) sample();
  }
  const seconds = (performance.now() - start) / 1000;
  if (sink < 0) console.log(sink);
  return (rounds * texts.length) / seconds;
}

// Warm up both paths, then alternate measurements so neither gets a cache or JIT advantage.
run((t) => segmenter.cut(t));
run((t) => classifier.classify(t).evidence);
const seg: number[] = [];
const cls: number[] = [];
for (let i = 0; i < 3; i++) {
  seg.push(run((t) => segmenter.cut(t)));
  cls.push(run((t) => classifier.classify(t).evidence));
}
sample();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const segRate = median(seg);
const clsRate = median(cls);
const ratio = clsRate / segRate;
console.log(`messages: ${texts.length} × ${rounds} rounds × 3 runs (median), rules+dictionaries load ${loadMs.toFixed(0)} ms`);
console.log(`bare segmentation: ${Math.round(segRate).toLocaleString('en')} msgs/s`);
console.log(`classifier:        ${Math.round(clsRate).toLocaleString('en')} msgs/s`);
console.log(
  `SUMMARY classifier ${Math.round(clsRate)} msgs/s | segmentation ${Math.round(segRate)} msgs/s | ratio ${(ratio * 100).toFixed(1)}% (target ≥ 50%) | peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);
