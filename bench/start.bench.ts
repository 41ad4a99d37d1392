/**
 * `npm run bench:start`: how quickly `huiyin` starts and how much memory it holds (issue 23), in one run:
 *
 *   node -e 0         bare Node, for scale
 *   first reply       `huiyin start` (console, piped input, sample config, empty data directory) until the first
 *                     reply to an owner's repair message, and the process's resident memory (VmRSS) then
 *   10k messages      resident memory after 10,000 more owner messages (labelled lines of eval/, many speakers),
 *                     and the peak (VmHWM) of the whole run
 *   CLI commands      wall time of each command on a data directory of 1,000 generated tickets, one run each
 *
 * Every figure comes from a child process running `bin/huiyin.js`, exactly as a user runs it. Targets: first reply
 * ≤ 1.5 s, RSS ≤ 250 MB after it and ≤ 300 MB after 10k messages, check/report/export ≤ 1 s at 1k tickets.
 * The machine's load average is printed with the figures: on a busy machine they mean little.
 * Memory is read from /proc, so the memory lines need Linux.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { seedTicketFiles } from '../src/store/seed.ts';
import { generateTickets } from '../test/store/fixtures/generate.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/huiyin.js');
const MESSAGES = 10_000;
const FIRST_MESSAGE = '厨房水管漏水了 5栋2单元502 麻烦派人来看看';
const REPLY = '  ⤷ ';

const scratch = mkdtempSync(join(tmpdir(), 'huiyin-bench-start-'));
const webPort = await freePort();
// Only the console: no platform tokens, no database, no alert webhook (nothing leaves the machine).
const env: NodeJS.ProcessEnv = { ...process.env, HUIYIN_WEB_PORT: String(webPort) };
for (const name of ['TELEGRAM_BOT_TOKEN', 'WECHATY_PUPPET', 'WECHATY_PUPPET_SERVICE_TOKEN', 'ALERT_WEBHOOK_URL', 'DATABASE_URL', 'HUIYIN_DATABASE_URL', 'HUIYIN_CONFIG']) {
  delete env[name];
}

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const ms = (n: number) => `${Math.round(n)} ms`.padStart(8);
const mb = (kb: number | undefined) => (kb === undefined ? 'n/a (no /proc)' : `${Math.round(kb / 1024)} MB`);

// What `huiyin` will run: the compiled build/ or the sources through tsx (bin/huiyin.js decides), and which segmenter.
const runs = existsSync(join(ROOT, 'bin/build-state.js')) ? ((await import(pathToFileURL(join(ROOT, 'bin/build-state.js')).href)) as { freshBuild(): string | undefined }).freshBuild() : undefined;
console.log(`bench:start  node ${process.version}  load average ${load()}  (${new Date().toISOString()})`);
console.log(`huiyin runs ${runs ? 'build/ (compiled JavaScript)' : 'the TypeScript sources through tsx'}; segmenter ${env.HUIYIN_SEGMENTER?.trim() || 'nodejieba'}`);
try {
  console.log(`node -e 0                  ${ms(await wallTime(['-e', '0']))}`);
  await startRun();
  await cliRuns();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`load average at the end ${load()}`);

async function startRun(): Promise<void> {
  const dataDir = join(scratch, 'start-data');
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: { ...env, HUIYIN_DATA: dataDir }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const lines = createInterface({ input: child.stdout });
  const waiters: Array<{ test: (line: string) => boolean; resolve: () => void }> = [];
  lines.on('line', (line) => {
    const i = waiters.findIndex((w) => w.test(line));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve();
  });
  const waitFor = (test: (line: string) => boolean) =>
    Promise.race([
      new Promise<void>((res) => waiters.push({ test, resolve: res })),
      exited.then((code) => Promise.reject(new Error(`huiyin start exited (${code}) early:\n${stderr}`))),
    ]);

  // Piped input: the first message is there from the start, as with `printf '…\n' | huiyin start`.
  const firstReply = waitFor((l) => l.startsWith(REPLY));
  child.stdin.write(`${FIRST_MESSAGE}\n`);
  await firstReply;
  const firstMs = performance.now() - t0;
  const rssFirst = status(child.pid!, 'VmRSS');
  console.log(`start → first reply        ${ms(firstMs)}   RSS ${mb(rssFirst)}`);

  // Many owners, each line a real labelled message; `/chats` at the end answers only once every message before it
  // has been handled (the console handles its input in order).
  const texts = labelledTexts();
  const input: string[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    if (i % 5 === 0) input.push(`/as 业主${(i / 5) % 400}`);
    input.push(texts[i % texts.length]!);
  }
  input.push('/chats');
  const t1 = performance.now();
  const done = waitFor((l) => l.startsWith('owners:'));
  await write(child.stdin, `${input.join('\n')}\n`);
  await done;
  const manyMs = performance.now() - t1;
  const rssMany = status(child.pid!, 'VmRSS');
  const peak = status(child.pid!, 'VmHWM');
  console.log(`after ${MESSAGES} messages      ${ms(manyMs)}   RSS ${mb(rssMany)}   peak ${mb(peak)}`);
  child.stdin.end();
  const t2 = performance.now();
  const code = await exited;
  console.log(`end of input → exit        ${ms(performance.now() - t2)}   (exit code ${code})`);
}

async function cliRuns(): Promise<void> {
  const dataDir = join(scratch, 'cli-data');
  await seedTicketFiles(dataDir, generateTickets(1_000, { months: 3, end: new Date() }));
  const cliEnv = { ...env, HUIYIN_DATA: dataDir };
  const runs: Array<[string, string[], string?]> = [
    ['help', ['help']],
    ['classify (one line)', ['classify'], `${FIRST_MESSAGE}\n`],
    ['check', ['check']],
    ['doctor', ['doctor']],
    ['report daily', ['report', 'daily']],
    ['report monthly', ['report', 'monthly']],
    ['export repair csv', ['export', '--ledger', 'repair', '--format', 'csv', '--out', join(scratch, 'repair.csv')]],
    ['export repair xlsx', ['export', '--ledger', 'repair', '--format', 'xlsx', '--out', join(scratch, 'repair.xlsx')]],
  ];
  for (const [name, args, stdin] of runs) {
    let code: number | null = null;
    const t = await wallTime([BIN, ...args], { env: cliEnv, stdin, onExit: (c) => (code = c) });
    console.log(`huiyin ${name.padEnd(19)} ${ms(t)}   (exit code ${code}; 1k tickets)`);
  }
}

/** Wall time of one `node ARGS` run, spawn to exit. */
function wallTime(args: string[], opts: { env?: NodeJS.ProcessEnv; stdin?: string; onExit?: (code: number | null) => void } = {}): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: opts.env ?? env, stdio: ['pipe', 'ignore', 'ignore'] });
  child.stdin.end(opts.stdin ?? '');
  return new Promise((res, rej) => {
    child.on('error', rej);
    child.on('exit', (code) => {
      opts.onExit?.(code);
      res(performance.now() - t0);
    });
  });
}

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
  return m ? Number(m[1]) : undefined;
}

function labelledTexts(): string[] {
  const dir = join(ROOT, 'eval');
  const texts: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text.replace(/\s*\n\s*/g, ' '));
    }
  }
  return texts;
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((res, rej) => stream.write(text, (err) => (err ? rej(err) : res())));
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const server = createServer();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => res(port));
    });
  });
}
