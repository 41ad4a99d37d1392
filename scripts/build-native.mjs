#!/usr/bin/env node
// Part of `npm run build` and of `npm install`'s `prepare` step: compiles native/jieba-lean (nodejieba's segmenter
// without its keyword extractors, src/classifier/segment.ts) with node-gyp, as nodejieba itself is compiled at
// install. Skipped when the addon is newer than its sources; a failure only warns, because the segmenter then
// loads nodejieba as it is (same cuts, ~110 MB more).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT } from '../bin/build-state.js';

const dir = join(ROOT, 'native/jieba-lean');
const addon = join(dir, 'build/Release/jieba_lean.node');
// What the addon was built for: this Node's ABI and the nodejieba whose cppjieba it compiles. Either changing (a Node
// upgrade, an update of nodejieba) means a rebuild, even when the addon is newer than its sources.
const nodejieba = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('nodejieba/package.json'), 'utf8')).version;
const builtFor = `node ABI ${process.versions.modules}, nodejieba ${nodejieba}\n`;
const stamp = join(dir, 'build/built-for.txt');
const newest = Math.max(...readdirSync(dir).filter((n) => n !== 'build').map((n) => statSync(join(dir, n)).mtimeMs));
const current = existsSync(addon) && statSync(addon).mtimeMs > newest && existsSync(stamp) && readFileSync(stamp, 'utf8') === builtFor;
if (current && !process.argv.includes('--force')) process.exit(0);

// npm hands its own node-gyp to scripts it runs; `node scripts/build-native.mjs` alone looks beside npm.
const gyp = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')].find(
  (p) => p && existsSync(p),
);
if (!gyp) {
  console.warn('build-native: node-gyp not found; the segmenter will load nodejieba as it is');
  process.exit(0);
}
const run = spawnSync(process.execPath, [gyp, 'rebuild'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (run.status !== 0) {
  console.warn(`build-native: node-gyp failed (exit ${run.status ?? run.signal}); the segmenter will load nodejieba as it is\n${run.stderr.slice(-2000)}`);
} else {
  writeFileSync(stamp, builtFor);
}
