// perf3 scratch: bench:engine with the time spent in Journal.appendChanges summed (copied into bench/ of each worktree, not committed).
import { Journal } from '../src/store/journal.ts';
const orig = Journal.prototype.appendChanges;
let n = 0, t = 0; const lat: number[] = [];
Journal.prototype.appendChanges = async function (this: Journal, ...a: Parameters<Journal['appendChanges']>) {
  const s = performance.now();
  try { return await orig.apply(this, a); } finally { const d = performance.now() - s; t += d; n += 1; lat.push(d); }
};
process.on('exit', () => {
  lat.sort((x, y) => x - y);
  console.log(`JOURNAL appends ${n} total ${t.toFixed(0)} ms med ${lat[n >> 1]?.toFixed(2)} p90 ${lat[Math.floor(n * 0.9)]?.toFixed(2)} p99 ${lat[Math.floor(n * 0.99)]?.toFixed(2)}`);
});
await import('./engine.bench.ts');
