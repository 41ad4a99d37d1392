#!/usr/bin/env node
// Runs `huiyin classify` once over every labelled line in the repository (every *.jsonl under eval/ and test/, and
// the shared dev set when it is beside the checkout) and prints one JSON result per line, ids prefixed with their
// file. Save the output before a change to the classifier or the segmenter and diff it after (issue 23).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

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
