import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { doctorWecom } from '../../adapters/wecom/doctor.ts';
import { wecomFromEnv } from '../../adapters/wecom/from-env.ts';
import { WecomAdapter, WecomStartupError } from '../../adapters/wecom/wecom-adapter.ts';
import { platformParts } from '../../app/compose.ts';
import { ManualClock } from '../../src/clock.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { FakeWecomServer, WAIT_MS } from './fake-wecom-server.ts';
import { BOT_ID, type Harness, MANAGERS, openHarness, OWNERS, sampleConfig, SECRET, WANG } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// A small PNG-like payload: the bytes must survive encryption on the server and decryption by the SDK unchanged.
const PICTURE = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1a0e1a40000000049454e44ae426082', 'hex');

describe('WeCom pictures', { timeout: 60_000 }, () => {
  test('a photo in a mixed message is downloaded, decrypted, saved and attached to the ticket', async () => {
    h = await openHarness();
    const { fake } = h;
    fake.sayMixed(WANG, OWNERS, '@回音 报修 5栋2单元502 卫生间地漏堵了 13800138000 明天上午十点', [PICTURE]);
    await fake.waitForCard(OWNERS.id, '请核对');
    fake.say(WANG, OWNERS, '@回音 确认');
    await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    const created = (await h.runtime.store.getTicket('R0001'))?.history[0] as { attachments?: string[] } | undefined;
    expect(created?.attachments).toHaveLength(1);
    const saved = join(h.dataDir, 'attachments', 'wecom');
    const [ref] = created!.attachments!;
    expect(ref).toMatch(/#0$/);
    const name = `${ref!.replace(/#0$/, '').replace(/[^A-Za-z0-9_-]/g, '_')}-0.png`;
    expect(await readFile(join(saved, name))).toEqual(PICTURE);
  });

  test('a picture the bot sends (the monthly chart) is uploaded in chunks and sent as an image', async () => {
    h = await openHarness();
    const { fake, adapter } = h;
    const path = join(h.dataDir, 'chart.png');
    await writeFile(path, PICTURE);
    await adapter.send({ chat: { platform: 'wecom', id: MANAGERS.id }, text: '11月分析', image: { path } });
    const image = await fake.waitFor(() => fake.sentTo(MANAGERS.id).find((m) => m.kind === 'image'), WAIT_MS, 'the image');
    expect(fake.uploads.get(image.mediaId!)).toEqual(PICTURE);
    await fake.waitForSent(MANAGERS.id, '11月分析');
  });
});

describe('WeCom start-up, environment and doctor', { timeout: 60_000 }, () => {
  test('a wrong secret is refused with a clear message that never shows the secret; an unreachable server is named', async () => {
    const fake = new FakeWecomServer(BOT_ID, SECRET);
    await fake.start();
    const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-wecom-start-'));
    const store = await openLowdbStore({ dataDir });
    const clock = new ManualClock('2026-11-27T09:00:00+08:00');
    const parts = () => platformParts('wecom', { store, clock, log: () => {} })({ outbox: { maxLength: 1300, perChatIntervalMs: 0, overallIntervalMs: 0 }, guard: { maxAgeMs: 60_000 } });
    try {
      const wrong = new WecomAdapter({ botId: BOT_ID, secret: 'not-the-secret', wsUrl: fake.wsUrl, botNames: ['回音'], store, parts: parts(), log: () => {}, clock });
      const error = await wrong.start(async () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WecomStartupError);
      expect((error as Error).message).toMatch(/refused WECOM_BOT_ID\/WECOM_BOT_SECRET .*40001/);
      expect((error as Error).message).not.toContain('not-the-secret');
      await wrong.stop();

      const url = fake.wsUrl;
      await fake.close();
      const nowhere = new WecomAdapter({ botId: BOT_ID, secret: SECRET, wsUrl: url, botNames: ['回音'], store, parts: parts(), log: () => {}, clock, startupTimeoutMs: 600, reconnectBaseMs: 50 });
      const unreachable = await nowhere.start(async () => {}).catch((e: unknown) => e);
      expect((unreachable as Error).message).toContain(`cannot reach WeCom at ${url}`);
      expect((unreachable as Error).message).toContain('ECONNREFUSED');
      await nowhere.stop();
    } finally {
      await store.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('wecomFromEnv: nothing without credentials, a clear error with one of the two, an adapter that signs in with both', async () => {
    const fake = new FakeWecomServer(BOT_ID, SECRET);
    await fake.start();
    const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-wecom-env-'));
    const store = await openLowdbStore({ dataDir });
    const clock = new ManualClock('2026-11-27T09:00:00+08:00');
    const config = await sampleConfig(dataDir);
    const context = { config, store, clock, log: () => {}, alert: async () => {}, parts: platformParts('wecom', { store, clock, log: () => {} }) };
    try {
      expect(await wecomFromEnv({}, context)).toBeUndefined();
      await expect(wecomFromEnv({ WECOM_BOT_ID: BOT_ID }, context)).rejects.toThrow(/WECOM_BOT_SECRET: required with WECOM_BOT_ID/);
      await expect(wecomFromEnv({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: 'http://x' }, context)).rejects.toThrow(/WECOM_WS_URL: "http:\/\/x" is not a ws/);
      const adapter = await wecomFromEnv({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: fake.wsUrl, WECOM_BOT_NAME: '物业小助手' }, context);
      expect(adapter).toBeInstanceOf(WecomAdapter);
      const seen: string[] = [];
      await adapter!.start(async (m) => void seen.push(`${m.chat.kind}:${m.chat.id}/${m.sender.id}: ${m.text}`));
      fake.say(WANG, OWNERS, '@物业小助手 你好');
      await fake.waitFor(() => seen.length > 0, WAIT_MS, 'a message through the env-built adapter');
      expect(seen).toEqual([`group:${OWNERS.id}/${WANG.userid}: 你好`]);
      // WeCom's pace as the environment builds it: sends to one chat at least a second apart.
      await adapter!.send({ chat: { platform: 'wecom', id: MANAGERS.id }, text: '第一条' });
      await adapter!.send({ chat: { platform: 'wecom', id: MANAGERS.id }, text: '第二条' });
      const second = await fake.waitForSent(MANAGERS.id, '第二条', WAIT_MS);
      const first = fake.sentTo(MANAGERS.id).find((m) => m.text === '第一条')!;
      expect(second.at - first.at).toBeGreaterThanOrEqual(950);
      await adapter!.stop();
      await adapter!.finished();
    } finally {
      await store.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('doctor signs in once: ok with the right credentials, refused with a wrong secret, unreachable when nothing listens', async () => {
    const fake = new FakeWecomServer(BOT_ID, SECRET);
    await fake.start();
    try {
      expect(await doctorWecom({})).toBeUndefined();
      expect(await doctorWecom({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: fake.wsUrl })).toMatchObject({ ok: true, check: 'wecom' });
      const refused = await doctorWecom({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: 'wrong', WECOM_WS_URL: fake.wsUrl });
      expect(refused).toMatchObject({ ok: false, detail: expect.stringContaining('refused bot') });
      expect(JSON.stringify(refused)).not.toContain('wrong');
      expect(await doctorWecom({ WECOM_BOT_SECRET: SECRET })).toMatchObject({ ok: false, detail: expect.stringContaining('WECOM_BOT_ID: required') });
      const url = fake.wsUrl;
      await fake.close();
      expect(await doctorWecom({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: url }, 1500)).toMatchObject({ ok: false, detail: expect.stringContaining('ECONNREFUSED') });
    } finally {
      await fake.close();
    }
  });
});
