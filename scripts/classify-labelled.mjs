#!/usr/bin/env node
// Runs `huiyin classify` once over every labelled line in the repository (every *.jsonl under eval/ and test/, and
// the shared dev set when it is beside the checkout) and prints one JSON result per line, ids prefixed with their
// file. Save the output before a change to the classifier or the segmenter and diff it after (issue 23):
//   node scripts/classify-labelled.mjs > before.jsonl; (change); node scripts/classify-labelled.mjs > after.jsonl
//   node scripts/classify-labelled.mjs --compare before.jsonl after.jsonl
// --compare counts the lines that differ, apart from those the time budget cut short (`"limited":true`, only on a
// heavily loaded machine), which it lists separately; exit 1 on a real difference.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--compare') process.exit(compare(process.argv[3], process.argv[4]));

function compare(beforeFile, afterFile) {
  const read = (f) => new Map(readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => [JSON.parse(l).id, l]));
  const before = read(beforeFile);
  const after = read(afterFile);
  let same = 0;
  const limited = [];
  const differ = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    if (a === b) same++;
    else if (a?.includes('"limited":true') || b?.includes('"limited":true')) limited.push(id);
    else differ.push(id);
  }
  console.log(`${same} identical, ${differ.length} different, ${limited.length} cut short by the time budget in one run`);
  for (const id of differ) console.log(`different: ${id}\n  before ${before.get(id) ?? '(none)'}\n  after  ${after.get(id) ?? '(none)'}`);
  for (const id of limited) console.log(`cut short: ${id}`);
  return differ.length ? 1 : 0;
}

const root = fileURLToPath(new URL('..', import.meta.url));

function jsonlUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

const files = [...jsonlUnder(join(root, 'eval')), ...jsonlUnder(join(root, 'test')), join(root, '../shared/eval/dev.jsonl')]
  .filter((f) => existsSync(f))
  .sort();
const lines = [];
for (const file of files) {
  const name = relative(root, file);
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      const { id, text } = JSON.parse(line);
      lines.push(JSON.stringify({ id: `${name}#${id ?? i + 1}`, text }));
    });
}
process.stderr.write(`${lines.length} labelled lines from ${files.length} files\n`);
const child = spawn(process.execPath, [join(root, 'bin/huiyin.js'), 'classify', ...process.argv.slice(2)], { stdio: ['pipe', 'inherit', 'inherit'] });
child.stdin.end(`${lines.join('\n')}\n`);
child.on('exit', (code) => (process.exitCode = code ?? 1));
