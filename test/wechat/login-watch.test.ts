import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WECHAT_MAX_AGE_MS, WECHAT_OUTBOX } from '../../adapters/wechat/from-env.ts';
import { WechatAdapter } from '../../adapters/wechat/wechat-adapter.ts';
import { platformParts } from '../../app/compose.ts';
import { systemClock } from '../../src/clock.ts';
import { OfflineLog } from '../../src/alerts/offline-periods.ts';
import { parseConfig } from '../../src/config/load.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');

it('tells managers when the puppet never gets to a login (no scan ever comes), and logs a repeating error once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-watch-'));
  const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  const config = { ...parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir), dataDir: dir };
  const logs: string[] = [];
  const alerts: string[] = [];
  const puppet = new PuppetMock({ mocker: new mock.Mocker() });
  const adapter = new WechatAdapter({
    wechaty: WechatyBuilder.build({ puppet }),
    store,
    config,
    log: (l) => void logs.push(l),
    parts: platformParts('wechat', { store, clock: systemClock, log: (l) => void logs.push(l) })({ outbox: WECHAT_OUTBOX, guard: { maxAgeMs: WECHAT_MAX_AGE_MS } }),
    onOffline: async (t) => void alerts.push(t),
    loginTimeoutMs: 150,
    jitterMs: 0,
  });
  try {
    await adapter.start(async () => undefined);
    for (let i = 0; i < 3; i++) puppet.emit('error', { data: 'getaddrinfo ENOTFOUND login.wx.qq.com' });
    await new Promise((r) => setTimeout(r, 400));
    expect(logs.filter((l) => l.includes('ENOTFOUND'))).toHaveLength(1);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain('仍未登录');
    expect(alerts[0]).toContain('ENOTFOUND');
    expect((await new OfflineLog(store).open('wechat'))?.reason).toBe('no login after start');
  } finally {
    await adapter.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});
