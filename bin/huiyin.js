#!/usr/bin/env node
// The `huiyin` command. `npm install` compiles the TypeScript once into build/ (the `prepare` script), and this runs
// that JavaScript: transpiling through tsx at every start cost ~1.2 s and ~120 MB (issue 23). When build/ is missing
// or older than any source (an edit, a checkout, an install with --ignore-scripts), it runs the sources through tsx
// instead, so an edit is never run stale; `npm run build` compiles again.
import { freshBuild } from './build-state.js';

const compiled = freshBuild();
let main;
if (compiled) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../app/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
