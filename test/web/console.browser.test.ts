/**
 * The office console end to end (issue 21): `huiyin start` with the console adapter and the web console, a real
 * Chromium driving the pages, the owner's chat read from the bot's own output. (The README's screenshots come from
 * scripts/web-screenshots.ts, on a fuller month.)
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, HAVE_CHROMIUM, launchChromium } from './browser.ts';

const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/huiyin.js');

/** Runs the CLI to completion (util.promisify's overloads for execFile do not type-check here). */
function runCli(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], options, (error, stdout) => (error ? reject(error) : resolve({ stdout })));
  });
}

if (!HAVE_CHROMIUM) console.warn('test/web: /usr/bin/chromium is not installed (apt-get install chromium): browser tests skipped');

describe.skipIf(!HAVE_CHROMIUM)('office console in Chromium, served by huiyin start', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let bot: ChildProcessWithoutNullStreams;
  let output = '';
  let errors = '';
  let base: string;
  let browser: Browser;

  /** Waits until the bot's terminal shows `pattern` after `from`, and returns where it was found. */
  async function seen(pattern: RegExp, from = 0, ms = 20_000): Promise<RegExpExecArray> {
    const end = Date.now() + ms;
    for (;;) {
      const found = pattern.exec(output.slice(from));
      if (found) return found;
      if (Date.now() > end) throw new Error(`not seen in the bot's output: ${pattern}\n--- output ---\n${output}\n--- stderr ---\n${errors}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const say = (line: string) => bot.stdin.write(`${line}\n`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'huiyin-web-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { ...process.env, HUIYIN_DATA: join(dir, 'data'), HUIYIN_WEB_PORT: String(port) };
    delete env.TELEGRAM_BOT_TOKEN;
    delete env.WECHATY_PUPPET;
    delete env.HUIYIN_CONFIG;
    bot = spawn(process.execPath, [CLI, 'start'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
    bot.stdout.on('data', (d: Buffer) => (output += d.toString()));
    bot.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    browser = await launchChromium();
    // The owner reports a leak in the owners' group, through the console adapter.
    say('报修 5栋2单元502 厨房水管漏水 13800138000');
    say('随时');
    say('确认');
    // Start-up loads the classifier (seconds on a busy machine): generous bounds here, tight ones below.
    await seen(/已登记,编号 R0001/, 0, 90_000);
    const start = Date.now();
    while (!errors.includes('office console on')) {
      if (Date.now() - start > 60_000) throw new Error(`the office console did not start:\n${errors}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (bot && bot.exitCode === null) {
      bot.stdin.end();
      await once(bot, 'exit');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('without a session, no page, file or picture carries ticket data', async () => {
    for (const path of ['/', '/tickets/R0001', '/ledgers/repair', '/ledgers/repair/download?format=csv', '/digest', '/monthly', '/monthly/chart.png']) {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      const body = await response.text();
      expect([302, 401], path).toContain(response.status);
      expect(body, path).not.toMatch(/R0001|13800138000|厨房/);
    }
    const page = await fetch(`${base}/tickets/R0001`, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login');
  });

  it('logs in by the link from 后台, accepts and completes R0001, and the owner hears both', async () => {
    say('/as 张工');
    say('/in 私聊');
    const mark = output.length;
    say('后台');
    const link = (await seen(/http:\/\/127\.0\.0\.1:\d+\/login\?token=[\w-]+/, mark))[0];

    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('button', { name: '进入后台' }).click();
    await page.waitForURL(`${base}/`);
    const cookie = (await context.cookies()).find((c) => c.name === 'huiyin_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // The board shows the ticket recorded in the chat.
    const row = page.locator('table.board tbody tr', { hasText: 'R0001' });
    await expect.poll(() => row.textContent()).toContain('厨房水管漏水');

    await row.getByRole('link', { name: 'R0001' }).click();
    await page.waitForURL(`${base}/tickets/R0001`);
    expect(await page.locator('body').textContent()).toContain('13800138000');

    const beforeAccept = output.length;
    await page.getByRole('button', { name: '接单' }).click();
    await page.waitForURL(`${base}/tickets/R0001`);
    expect(await page.locator('.flash').textContent()).toContain('R0001 已由 张工 受理');
    await seen(/\[阳光家园业主群\] 回音: @王女士 您的报修 R0001 已由 张工 受理/, beforeAccept);

    const beforeDone = output.length;
    await page.locator('form.action', { has: page.getByRole('button', { name: '完成' }) }).locator('input[name=result]').fill('更换三角阀,已试水不漏');
    await page.getByRole('button', { name: '完成' }).click();
    await page.waitForURL(`${base}/tickets/R0001`);
    expect(await page.locator('.flash').textContent()).toContain('R0001 已完成');
    await seen(/\[阳光家园业主群\] 回音: @王女士 您的报修 R0001 已处理完毕:更换三角阀,已试水不漏/, beforeDone);

    // The web actions are in the history like chat commands, marked as done in the web.
    const history = await page.locator('table.history').textContent();
    // columns: time, what, who, detail, from
    expect(history).toContain('受理张工由 张工 负责网页后台');
    expect(history).toContain('完成张工更换三角阀,已试水不漏网页后台');

    // A form posted from another site, or without the page's token, changes nothing.
    const foreign = await page.request.post(`${base}/tickets/R0001/actions`, { form: { action: 'close', reason: '伪造' }, headers: { origin: 'http://evil.example' } });
    expect(foreign.status()).toBe(403);
    const tokenless = await page.request.post(`${base}/tickets/R0001/actions`, { form: { action: 'close', reason: '伪造' }, headers: { origin: base } });
    expect(tokenless.status()).toBe(403);
    expect(await tokenless.text()).toContain('页面已过期');
    await page.reload();
    expect(await page.locator('h1 .status').textContent()).toBe('已完成待评价');

    // The link worked once.
    const again = await context.newPage();
    await again.goto(link);
    await again.getByRole('button', { name: '进入后台' }).click();
    expect(await again.locator('.flash.error').textContent()).toContain('链接无效');
    await context.close();
  }, 60_000);

  it('downloads the repair ledger as CSV and Excel and reads them back; opens the monthly chart', async () => {
    const { stdout } = await runCli(['web-link', '--staff', '李主任'], { cwd: dir, env });
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(stdout.trim());
    await page.getByRole('button', { name: '进入后台' }).click();
    await page.waitForURL(`${base}/`);

    await page.getByRole('link', { name: '台账' }).click();
    await page.waitForURL(/\/ledgers\/repair/);
    const ledgerRow = page.locator('table.ledger tbody tr', { hasText: 'R0001' });
    expect(await ledgerRow.textContent()).toContain('138****8000');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^维修服务通知单-\d{4}-\d{2}\.csv$/);
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('编号,受理时间,业主,房号/地点,电话,报修内容,条款,受理人,通知工程班,处理人,接单时间'); // the repair notice's own columns (policy 6.1)
    const r1 = lines.find((l) => l.startsWith('R0001,'));
    expect(r1).toContain('厨房水管漏水');
    expect(r1).toContain('更换三角阀,已试水不漏'); // the result written in the web
    expect(r1).toContain('张工');

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel' }).click()]);
    const files = unzipSync(new Uint8Array(await readFile((await xlsxDownload.path())!)));
    const xml = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
    expect(xml).toContain('R0001');
    expect(xml).toContain('更换三角阀');

    await page.getByRole('link', { name: '每日简报' }).click();
    await page.waitForURL(`${base}/digest`);
    expect(await page.locator('main').textContent()).toContain('待评价');

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    await page.goto(`${base}/monthly?month=${month}`);
    const chart = page.locator('#monthly-chart svg');
    await chart.waitFor();
    expect(await chart.textContent()).toContain('服务及时率分析');
    expect(await page.locator('main').textContent()).toContain('维修服务通知单');
    const png = await page.request.get(`${base}/monthly/chart.png?month=${month}`);
    expect(png.headers()['content-type']).toBe('image/png');
    const bytes = await png.body();
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(2000); // 1000 px wide at twice the size
    await context.close();
  }, 90_000);

  it('huiyin export and huiyin report work while the bot runs, through it', async () => {
    const out = join(dir, 'repair.csv');
    const exported = await runCli(['export', '--ledger', 'repair', '--format', 'csv', '--out', out], { cwd: dir, env });
    expect(exported.stdout).toContain('1 条');
    expect(await readFile(out, 'utf8')).toContain('R0001,');
    const report = await runCli(['report', 'daily'], { cwd: dir, env });
    expect(report.stdout).toContain('日报');
  }, 60_000);
});
