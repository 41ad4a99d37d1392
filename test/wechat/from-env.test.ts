import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wechatFromEnv } from '../../adapters/wechat/from-env.ts';
import { platformParts } from '../../app/compose.ts';
import { systemClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config/load.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');
let dir: string;
let store: Store;
let deps: Parameters<typeof wechatFromEnv>[1];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-env-'));
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  const config = { ...parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir), dataDir: dir };
  deps = { store, config, log: () => undefined, onOffline: async () => undefined, parts: platformParts('wechat', { store, clock: systemClock, log: () => undefined }) };
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('wechatFromEnv', () => {
  it('is off without WECHATY_PUPPET', async () => {
    expect(await wechatFromEnv({}, deps)).toBeUndefined();
    expect(await wechatFromEnv({ WECHATY_PUPPET: ' ' }, deps)).toBeUndefined();
  });

  it('builds an adapter for an installed puppet (not started)', async () => {
    const adapter = await wechatFromEnv({ WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_SEND_INTERVAL_MS: '1500' }, deps);
    expect(adapter?.platform).toBe('wechat');
    expect(adapter?.loggedIn).toBe(false);
  });

  it('refuses, naming the variable, a puppet that is not installed, a service without token, or a bad number', async () => {
    await expect(wechatFromEnv({ WECHATY_PUPPET: 'wechaty-puppet-not-installed' }, deps)).rejects.toThrow(/WECHATY_PUPPET: "wechaty-puppet-not-installed" is not installed/);
    await expect(wechatFromEnv({ WECHATY_PUPPET: 'wechaty-puppet-service' }, deps)).rejects.toThrow(/WECHATY_PUPPET_SERVICE_TOKEN: required/);
    await expect(wechatFromEnv({ WECHATY_PUPPET: 'wechaty-puppet-mock', WECHAT_SEND_INTERVAL_MS: 'fast' }, deps)).rejects.toMatchObject({
      name: 'ConfigError',
      message: expect.stringContaining('WECHAT_SEND_INTERVAL_MS: "fast"'),
    });
  });
});
