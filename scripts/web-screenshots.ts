/**
 * Screenshots of the office console for the README (issue 21): a month of the sample estate (the reports' test
 * fixture, plus today's work typed through the bot), served in-process with the clock at 2026-11-27 15:30, pages
 * photographed by Debian's Chromium. `node bin/run-ts.js scripts/web-screenshots.ts [OUT_DIR]` (default docs/web).
 */
import { coreServices } from '../app/compose.ts';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { issueLoginLink } from '../src/access/login-links.ts';
import { createClassifier } from '../src/classifier/index.ts';
import { ManualClock } from '../src/clock.ts';
import { parseConfig } from '../src/config/load.ts';
import { Bot } from '../src/core/bot.ts';
import type { IncomingMessage } from '../src/messages.ts';
import { openLowdbStore } from '../src/store/lowdb-store.ts';
import { launchChromium } from '../test/web/browser.ts';
import { seedMonth } from '../test/reports/fixture.ts';
import { startWebConsole } from '../web/server.ts';

const ROOT = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(ROOT, 'docs/web'));
const sample = join(ROOT, 'config/sample.yaml');
const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-shots-'));
const config = { ...parseConfig(await readFile(sample, 'utf8'), sample, dataDir), dataDir };
const clock = new ManualClock('2026-11-27T15:30:00+08:00');
const store = await openLowdbStore({ dataDir });
const classifier = await createClassifier(config.rulesDir);
const bot = new Bot({ config, store, clock, ...coreServices(config, store, clock), classify: (text) => {
  const c = classifier.classify(text);
  return { label: c.label, clause: c.clause, unit: c.unit, major: c.major, confidence: c.confidence, ...(c.party && { party: c.party }) };
} });

await seedMonth(store);
let seq = 0;
const say = async (who: string, chat: string, text: string) => {
  const staff = config.staff.find((s) => s.id === who);
  const message: IncomingMessage = {
    id: `s${++seq}`,
    chat: { platform: 'console', id: chat, kind: 'group' },
    sender: { id: staff?.id ?? `owner-${who}`, displayName: staff?.name ?? who },
    text,
    mentionsBot: false,
    at: clock.now(),
    attachments: [],
  };
  await bot.handle(message);
};
// Today's work, through the chats.
await say('刘先生', 'owners', '报修 3栋1单元1202 厨房水龙头坏了关不紧 13912345678 明天上午');
await say('刘先生', 'owners', '确认');
await say('zhang', 'engineering', '接单 R0007');
await say('zhang', 'engineering', '预约 R0007 明天上午十点');
await say('楼上漏水的业主', 'owners', '报修 6栋3单元401 楼上卫生间往下渗水,天花板都湿了 13500003333');
await say('楼上漏水的业主', 'owners', '确认');
await say('陈阿姨', 'owners', '投诉 保安夜里巡逻不到位,地下车库有人乱停车 13700001111');
await say('陈阿姨', 'owners', '确认');
await say('周先生', 'owners', '报修 2栋电梯按键失灵 13600002222 随时');
await say('周先生', 'owners', '确认');

const web = await startWebConsole({ config, store, clock, directory: bot.directory, handle: (m) => bot.handle(m), deliver: async () => {}, log: () => {} }, { port: 0 });
const browser = await launchChromium();
try {
  await mkdir(out, { recursive: true });
  const shoot = async (staffId: string, pages: Array<[string, string]>) => {
    const staff = config.staff.find((s) => s.id === staffId)!;
    const link = new URL((await issueLoginLink({ store, clock, web: config.web }, staff)).url);
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await page.goto(`${web.url}/login${link.search}`);
    if (pages.some(([name]) => name === 'login')) await page.screenshot({ path: join(out, 'login.png') });
    await page.getByRole('button', { name: '进入后台' }).click();
    await page.waitForURL(`${web.url}/`);
    // The picture leadership's chat gets with the monthly analysis.
    const png = await page.request.get(`${web.url}/monthly/chart.png?month=2026-11`);
    await writeFile(join(out, 'monthly-chart.png'), await png.body());
    for (const [name, path] of pages) {
      if (name === 'login') continue;
      await page.goto(`${web.url}${path}`);
      await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
      console.log(join(out, `${name}.png`));
    }
    await page.close();
  };
  await shoot('li', [
    ['login', '/login'],
    ['board', '/'],
    ['ticket', '/tickets/R0005'],
    ['ledger', '/ledgers/repair?month=2026-11'],
    ['digest', '/digest'],
    ['monthly', '/monthly?month=2026-11'],
  ]);
} finally {
  await browser.close();
  await web.close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
