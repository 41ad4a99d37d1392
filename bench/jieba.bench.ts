/**
 * `npm run bench:jieba`: what each file nodejieba's `load()` reads costs, in load time and resident memory, each
 * variant alone in a fresh Node process (issue 23). A one-word main dictionary, an empty user dictionary and
 * one-entry keyword files stand in for the pieces a variant leaves out, so the differences between rows are the
 * pieces' costs. nodejieba 3.5.8 loads the main dictionary and the HMM model twice (once for the segmenter, once
 * for its TextRank extractor), so their rows count both copies.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const jieba = createRequire(join(ROOT, 'package.json'))('nodejieba') as Record<string, string>;
const scratch = mkdtempSync(join(tmpdir(), 'huiyin-bench-jieba-'));
const tinyDict = join(scratch, 'one-word.dict.utf8');
const empty = join(scratch, 'empty.utf8');
writeFileSync(tinyDict, '测试 3 n\n');
writeFileSync(empty, '');
const stubIdf = join(ROOT, 'src/classifier/jieba/idf.utf8');
const stubStop = join(ROOT, 'src/classifier/jieba/stop_words.utf8');
const userDict = join(ROOT, 'rules/dict.txt');
const main = jieba.DEFAULT_DICT!;
const hmm = jieba.DEFAULT_HMM_DICT!;

const variants: Array<[string, Record<string, string> | null]> = [
  ['require only, no load', null],
  ['HMM model (x2), nothing else', { dict: tinyDict, hmmDict: hmm, userDict: empty, idfDict: stubIdf, stopWordDict: stubStop }],
  ['+ IDF table and stop words', { dict: tinyDict, hmmDict: hmm, userDict: empty, idfDict: jieba.DEFAULT_IDF_DICT!, stopWordDict: jieba.DEFAULT_STOP_WORD_DICT! }],
  ['main dictionary (x2) + HMM (x2)', { dict: main, hmmDict: hmm, userDict: empty, idfDict: stubIdf, stopWordDict: stubStop }],
  ['+ rules/dict.txt: what huiyin loads', { dict: main, hmmDict: hmm, userDict, idfDict: stubIdf, stopWordDict: stubStop }],
  ['load({ userDict }): what huiyin loaded', { userDict }],
  ['load(): every default file', {}],
];

const child = `
const j = require(${JSON.stringify(join(ROOT, 'node_modules/nodejieba'))});
const opts = JSON.parse(process.argv[1]);
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
if (opts) { j.load(opts); j.cut('厨房水管漏水了', true); }
console.log(JSON.stringify({ ms: performance.now() - t0, rss0, rss: process.memoryUsage().rss }));`;

console.log(`bench:jieba  node ${process.version}  load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
console.log('variant                                   load+first cut   RSS after   RSS added');
try {
  for (const [name, opts] of variants) {
    const run = spawnSync(process.execPath, ['-e', child, JSON.stringify(opts)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
    const r = JSON.parse(run.stdout) as { ms: number; rss0: number; rss: number };
    const mb = (n: number) => `${Math.round(n / 1048576)} MB`;
    console.log(`${name.padEnd(42)} ${`${Math.round(r.ms)} ms`.padStart(9)}   ${mb(r.rss).padStart(10)}   ${mb(r.rss - r.rss0).padStart(9)}`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
