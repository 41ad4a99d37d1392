/**
 * `node bin/run-ts.js bench/engine-journal.bench.ts`: bench:engine as it is, plus the time its journal writes took
 * (each `Journal.appendChanges`, awaited, summed; count, median, p90, p99). How the README's figure for the padded
 * journal was taken: run it alternated against the code before a journal change.
 */
import { Journal } from '../src/store/journal.ts';

const original = Journal.prototype.appendChanges;
const took: number[] = [];
Journal.prototype.appendChanges = async function (this: Journal, ...args: Parameters<Journal['appendChanges']>) {
  const started = performance.now();
  try {
    return await original.apply(this, args);
  } finally {
    took.push(performance.now() - started);
  }
};
process.on('exit', () => {
  took.sort((a, b) => a - b);
  const at = (p: number) => took[Math.min(took.length - 1, Math.floor(p * took.length))]?.toFixed(2);
  const total = took.reduce((sum, ms) => sum + ms, 0);
  console.log(`JOURNAL appends ${took.length} total ${total.toFixed(0)} ms   median ${at(0.5)} p90 ${at(0.9)} p99 ${at(0.99)} ms`);
});
await import('./engine.bench.ts');
