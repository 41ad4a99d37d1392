/**
 * `npm run bench:wechat-idle`: how much CPU `huiyin start` uses with `WECHATY_PUPPET=wechaty-puppet-wechat4u` and no
 * network (issue 18, Done when: ≤ 10% of a core after start-up). The free puppet retried its login in a tight loop
 * (~64% of a core); the restarts are now paced (adapters/wechat/restart-pacer.ts, wechat4u-pacing.ts).
 *
 * No network: the bot runs in a network namespace of its own (`unshare -n`: not even loopback is up), when this machine
 * permits it; otherwise (or with `--proxy`) through an HTTP(S) proxy on a closed 127.0.0.1 port, which is how the
 * puppet's HTTP client (axios) reaches WeChat. Start-up is over when the log says `wechat: started`, plus 5 s; then
 * the CPU time of the process (user + system, /proc/<pid>/stat) is read over `--seconds` (default 60) and printed as a
 * share of one core, each 10 s and in all, with the login attempts the log shows in the window. Linux only (/proc).
 *
 *   npm run bench:wechat-idle [-- --proxy] [-- --seconds 60]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/huiyin.js');
const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 60;
const SETTLE_MS = 5_000;
const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;
const mode = args.includes('--proxy') || !unshareWorks ? 'proxy' : 'unshare';
const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const scratch = mkdtempSync(join(tmpdir(), 'huiyin-bench-wechat-idle-'));
const env: NodeJS.ProcessEnv = { ...process.env, HUIYIN_DATA: scratch, HUIYIN_WEB_PORT: '0', WECHATY_PUPPET: 'wechaty-puppet-wechat4u' };
for (const name of ['TELEGRAM_BOT_TOKEN', 'WECOM_BOT_ID', 'WECHATY_PUPPET_SERVICE_TOKEN', 'ALERT_WEBHOOK_URL', 'DATABASE_URL', 'HUIYIN_DATABASE_URL']) delete env[name];
if (mode === 'proxy') {
  const proxy = `http://127.0.0.1:${await closedPort()}`;
  Object.assign(env, { HTTPS_PROXY: proxy, HTTP_PROXY: proxy, https_proxy: proxy, http_proxy: proxy, NO_PROXY: '', no_proxy: '' });
}

const command = mode === 'unshare' ? ['unshare', ['-n', process.execPath, BIN, 'start']] as const : [process.execPath, [BIN, 'start']] as const;
console.log(`bench:wechat-idle  node ${process.version}  no network by ${mode === 'unshare' ? 'unshare -n' : 'a proxy on a closed 127.0.0.1 port'}  load average ${load()}  (${new Date().toISOString()})`);
const child = spawn(command[0], [...command[1]], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
const lines: Array<{ at: number; text: string }> = [];
for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (text) => lines.push({ at: Date.now(), text }));
let exit: number | null | undefined;
child.on('exit', (code) => (exit = code));

try {
  const t0 = Date.now();
  while (!lines.some((l) => l.text.includes('wechat: started')) && exit === undefined && Date.now() - t0 < 180_000) await sleep(100);
  if (exit !== undefined) throw new Error(`huiyin start exited (${exit}):\n${lines.map((l) => l.text).join('\n')}`);
  console.log(`start-up (to "wechat: started")   ${((Date.now() - t0) / 1000).toFixed(1)} s; measuring from ${SETTLE_MS / 1000} s later`);
  await sleep(SETTLE_MS);
  const from = Date.now();
  const first = cpuTicks(child.pid!);
  let last = first;
  for (let slice = 1; slice * 10 <= seconds; slice++) {
    await sleep(10_000);
    const now = cpuTicks(child.pid!);
    console.log(`  ${String((slice - 1) * 10).padStart(3)}–${String(slice * 10).padEnd(3)} s   ${pct(now - last, 10)}`);
    last = now;
  }
  const window = (Date.now() - from) / 1000;
  const inWindow = lines.filter((l) => l.at >= from);
  const attempts = inWindow.filter((l) => /login attempt failed|puppet start failed|next start in/.test(l.text)).length;
  console.log(`CPU over ${window.toFixed(0)} s after start-up: ${pct(last - first, window)} of one core (target ≤ 10%)`);
  console.log(`login attempts in the window: ${attempts}; log lines in the window: ${inWindow.length}; RSS ${rssMb(child.pid!)} MB`);
  console.log('last log lines:');
  for (const l of lines.slice(-4)) console.log(`  ${l.text}`);
} finally {
  child.kill('SIGTERM');
  await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
  if (exit === undefined) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`load average at the end ${load()}`);

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks
}

function pct(used: number, overSeconds: number): string {
  return `${((100 * used) / ticks / overSeconds).toFixed(1)}%`;
}

function rssMb(pid: number): string {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? String(Math.round(Number(kb) / 1024)) : 'n/a';
}

function load(): string {
  return loadavg().map((n) => n.toFixed(2)).join(' ');
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}
