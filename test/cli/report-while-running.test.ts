/**
 * With the office console off (HUIYIN_WEB_PORT=0), `huiyin report` and `huiyin export` still work while the bot runs:
 * the data directory is the bot's, so they ask it over a loopback-only channel instead of being refused by the lock.
 * `huiyin web-link` says the console is off.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/huiyin.js');

function runCli(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], options, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe('report and export while the bot runs with the office console off', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let bot: ChildProcessWithoutNullStreams;
  let output = '';
  let errors = '';

  async function seen(text: () => string, pattern: RegExp, ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!pattern.test(text())) {
      if (Date.now() > end) throw new Error(`not seen: ${pattern}\n--- stdout ---\n${output}\n--- stderr ---\n${errors}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'huiyin-report-running-'));
    env = { ...process.env, HUIYIN_DATA: join(dir, 'data'), HUIYIN_WEB_PORT: '0' };
    delete env.TELEGRAM_BOT_TOKEN;
    delete env.WECHATY_PUPPET;
    delete env.WECOM_BOT_ID;
    delete env.HUIYIN_CONFIG;
    delete env.HUIYIN_DATABASE_URL;
    bot = spawn(process.execPath, [CLI, 'start'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    bot.stdout.on('data', (d: Buffer) => (output += d.toString()));
    bot.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    for (const line of ['报修 5栋2单元502 厨房水管漏水 13800138000', '随时', '确认']) bot.stdin.write(`${line}\n`);
    // Start-up loads the classifier: seconds on a busy machine.
    await seen(() => output, /已登记,编号 R0001/, 90_000);
    await seen(() => errors, /office console off; report and export reach this bot through http:\/\/127\.0\.0\.1:\d+/, 30_000);
  }, 150_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) {
      bot.stdin.end();
      await once(bot, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('export writes the ledger with the ticket just recorded; report prints the digest', async () => {
    const out = join(dir, 'repair.csv');
    const exported = await runCli(['export', '--ledger', 'repair', '--format', 'csv', '--out', out], { cwd: dir, env });
    expect(exported.stderr).not.toMatch(/lock|正在运行|in use/i);
    expect(exported.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('R0001,');
    const report = await runCli(['report', 'daily', '--date', 'today'], { cwd: dir, env });
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('日报');
    expect(report.stdout).toContain('1');
  }, 60_000);

  it('web-link says the console is off and how to turn it on', async () => {
    const link = await runCli(['web-link', '--staff', '李主任'], { cwd: dir, env });
    expect(link.code).not.toBe(0);
    expect(link.stderr).toContain('office console is off');
    expect(link.stdout).not.toContain('http');
  }, 60_000);
});
