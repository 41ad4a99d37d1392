import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { WecomAdapter } from '../../adapters/wecom/wecom-adapter.ts';
import { openPlatforms, openRuntime } from '../../app/compose.ts';
import { PLATFORM_IDS } from '../../app/platforms.ts';
import { ManualClock } from '../../src/clock.ts';
import { FakeWecomServer } from './fake-wecom-server.ts';
import { BOT_ID, MANAGERS, sampleConfig, SECRET } from './harness.ts';

/**
 * WeCom through the composition root: the registry names it, the environment enables it, and a WeCom managers' chat
 * carries the offline alerts of every platform (issue 19: "the managers' chat may be a WeCom chat").
 */
test('the registry opens WeCom from the environment; a WeCom managers chat receives alerts', async () => {
  expect(PLATFORM_IDS).toContain('wecom');
  const fake = new FakeWecomServer(BOT_ID, SECRET);
  await fake.start();
  const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-wecom-registry-'));
  const logs: string[] = [];
  const clock = new ManualClock('2026-11-27T09:00:00+08:00');
  const runtime = await openRuntime(await sampleConfig(dataDir), clock, (l) => logs.push(l));
  const { adapters, alert } = await openPlatforms(runtime, { WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: fake.wsUrl });
  try {
    expect(adapters.map((a) => a.platform)).toEqual(['wecom']); // no console fallback once a platform is enabled
    const wecom = adapters[0] as WecomAdapter;
    expect(wecom).toBeInstanceOf(WecomAdapter);
    await wecom.start(async () => {});
    expect(alert.channels).toBe(1);
    await alert('【回音】微信已掉线(测试)');
    await fake.waitForSent(MANAGERS.id, '微信已掉线(测试)');
  } finally {
    for (const a of adapters) await a.stop();
    await runtime.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}, 60_000);
