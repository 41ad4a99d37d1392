#!/usr/bin/env node
// Part of `npm run build` and of `npm install`'s `prepare` step: compiles each addon under native/ with node-gyp, as
// nodejieba itself is compiled at install:
//   jieba-lean    nodejieba's segmenter without its keyword extractors (src/classifier/segment.ts)
//   malloc-tune   glibc's trim threshold for the long-running bot (app/memory.ts)
// Each is skipped when it is newer than its sources and was built for this Node and nodejieba. A failure only warns:
// without jieba-lean the segmenter loads nodejieba as it is (same cuts, ~110 MB more), without malloc-tune the heap
// keeps glibc's defaults.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT } from '../bin/build-state.js';

const ADDONS = [
  { name: 'jieba-lean', file: 'jieba_lean.node', without: 'the segmenter will load nodejieba as it is' },
  { name: 'malloc-tune', file: 'malloc_tune.node', without: 'the heap keeps glibc defaults' },
];

// What an addon was built for: this Node's ABI and the nodejieba whose cppjieba jieba-lean compiles. Either changing
// (a Node upgrade, an update of nodejieba) means a rebuild, even when the addon is newer than its sources.
const nodejieba = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('nodejieba/package.json'), 'utf8')).version;
const builtFor = `node ABI ${process.versions.modules}, nodejieba ${nodejieba}\n`;

// npm hands its own node-gyp to scripts it runs; `node scripts/build-native.mjs` alone looks beside npm.
const gyp = [process.env.npm_config_node_gyp, join(dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js')].find(
  (p) => p && existsSync(p),
);

// The headers of the running Node, when it was installed with them (<prefix>/include/node): node-gyp then builds
// from those instead of downloading a copy, so an addon rebuilds without a network (issue 20: jieba-lean changed).
const prefix = dirname(dirname(process.execPath));
const localHeaders = !process.env.npm_config_nodedir && existsSync(join(prefix, 'include/node/common.gypi')) ? [`--nodedir=${prefix}`] : [];

for (const { name, file, without } of ADDONS) {
  const dir = join(ROOT, 'native', name);
  const addon = join(dir, 'build/Release', file);
  const stamp = join(dir, 'build/built-for.txt');
  const newest = Math.max(...readdirSync(dir).filter((n) => n !== 'build').map((n) => statSync(join(dir, n)).mtimeMs));
  const current = existsSync(addon) && statSync(addon).mtimeMs > newest && existsSync(stamp) && readFileSync(stamp, 'utf8') === builtFor;
  if (current && !process.argv.includes('--force')) continue;
  if (!gyp) {
    console.warn(`build-native: node-gyp not found; ${without}`);
    continue;
  }
  const run = spawnSync(process.execPath, [gyp, 'rebuild', ...localHeaders], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) {
    console.warn(`build-native: node-gyp failed for native/${name} (exit ${run.status ?? run.signal}); ${without}\n${run.stderr.slice(-2000)}`);
  } else {
    writeFileSync(stamp, builtFor);
  }
}
