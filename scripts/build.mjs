#!/usr/bin/env node
// `npm run build`, and the `prepare` step of `npm install`/`npm ci`: compiles app/ src/ adapters/ web/ to build/
// with tsc (tsconfig.build.json: no type check, that is `npm run typecheck`; .ts imports rewritten to .js), so
// `huiyin` runs JavaScript (bin/huiyin.js). Rules, config and web assets stay where they are; the compiled code finds
// them from the project root (src/paths.ts).
//   node scripts/build.mjs [--out DIR]   (DIR must be inside the checkout, so imports and the root are found)
// The new tree is compiled beside the old one and swapped in, stamped last: a `huiyin` started meanwhile runs the
// sources through tsx rather than half a build.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ROOT, STAMP } from '../bin/build-state.js';

const i = process.argv.indexOf('--out');
const out = i > 0 ? resolve(process.argv[i + 1]) : join(ROOT, 'build');
const next = `${out}.next`;
const began = new Date();
rmSync(next, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', next], { stdio: 'inherit' });
if (run.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  console.error(`build: tsc failed (exit ${run.status ?? run.signal}); huiyin will run the sources through tsx`);
  process.exit(1);
}
rmSync(out, { recursive: true, force: true });
renameSync(next, out);
const stamp = join(out, STAMP);
writeFileSync(stamp, `compiled by scripts/build.mjs; sources newer than this file's mtime make bin/huiyin.js use tsx\n`);
utimesSync(stamp, began, began);
if (!existsSync(join(out, 'app/main.js'))) throw new Error(`build: no ${join(out, 'app/main.js')}`);
