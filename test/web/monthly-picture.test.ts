/**
 * The monthly analysis goes to leadership's chats with its chart as a picture (issue 21): made from the store by the
 * monthly job, uploaded as a photo by the real Telegraf client to the fake Bot API, printed as a path by the console.
 */
import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../adapters/console/console-adapter.ts';
import { ManualClock } from '../../src/clock.ts';
import { coreServices } from '../../app/compose.ts';
import { scheduledJobs } from '../../src/jobs/scheduled-jobs.ts';
import { cjkFontFile } from '../../src/reports/charts.ts';
import { seedMonth } from '../reports/fixture.ts';
import { openHarness, MANAGERS, type Harness } from '../telegram/harness.ts';
import { Transcript } from '../helpers/transcript.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HAVE_FONT = cjkFontFile() !== undefined;
if (!HAVE_FONT) console.warn('test/web: no CJK font (apt-get install fonts-noto-cjk): chart picture tests skipped');

let h: Harness | undefined;
let tr: Transcript | undefined;
afterEach(async () => {
  await h?.close();
  await tr?.close();
  h = tr = undefined;
});

describe.skipIf(!HAVE_FONT)('the monthly chart as a picture', () => {
  it('the monthly job attaches the chart PNG, and Telegram receives it as a photo before the text', async () => {
    h = await openHarness();
    await seedMonth(h.runtime.store);
    const clock = new ManualClock('2026-12-01T09:00:00+08:00');
    const config = h.runtime.bot.directory.config;
    const job = scheduledJobs({ config, store: h.runtime.store, clock, ...coreServices(config, h.runtime.store, clock) }).find((j) => j.name === 'monthly-report')!;
    const messages = await job.run();
    const toManagers = messages.find((m) => m.chat.id === String(MANAGERS.id))!;
    expect(toManagers.text).toContain('2026-11');
    expect(toManagers.image?.path).toMatch(/charts\/monthly-2026-11-all\.png$/);
    const file = await readFile(toManagers.image!.path);
    expect(file.subarray(0, 8)).toEqual(PNG);

    await h.adapter.send(toManagers);
    const photo = await h.fake.waitFor(() => h!.fake.photos.find((p) => p.chatId === MANAGERS.id), 10_000, 'a photo to the managers');
    expect(photo.bytes.equals(file)).toBe(true);
    await h.fake.waitForSent(MANAGERS.id, '2026-11', 10_000);
    const order = h.fake.calls.filter((c) => c.method === 'sendPhoto' || c.method === 'sendMessage').map((c) => c.method);
    expect(order.indexOf('sendPhoto')).toBeLessThan(order.lastIndexOf('sendMessage'));
  }, 60_000);

  it('the console shows where the picture is', async () => {
    tr = await Transcript.open();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const adapter = new ConsoleAdapter({ config: tr.config, clock: tr.clock, input: new PassThrough(), output, mode: 'script' });
    await adapter.send({ chat: { platform: 'console', id: 'managers' }, text: '【阳光家园 2026-11 月度分析】', image: { path: '/data/charts/monthly-2026-11-all.png' } });
    expect(printed).toContain('[公司领导] 回音: 【阳光家园 2026-11 月度分析】\n      [图片] /data/charts/monthly-2026-11-all.png');
  });
});
