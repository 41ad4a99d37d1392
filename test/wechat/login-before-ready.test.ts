import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { types, WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WECHAT_MAX_AGE_MS, WECHAT_OUTBOX } from '../../adapters/wechat/from-env.ts';
import { WechatAdapter } from '../../adapters/wechat/wechat-adapter.ts';
import { platformParts } from '../../app/compose.ts';
import { systemClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config/load.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Issue 18 §3: puppet-wechat4u emits `login` before `ready`, and its rooms are loaded only by then; a notice kept
 * while offline for a group configured by name must not be dropped as "no WeChat group named …". The mock puppet is
 * made to behave that way: the group only exists once the puppet says `ready` (or later, when it never says it).
 */

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function harness(options: Partial<ConstructorParameters<typeof WechatAdapter>[0]>) {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-ready-'));
  const store: Store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  const base = parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir);
  const config = {
    ...base,
    dataDir: dir,
    chats: [{ platform: 'wechat' as const, id: 'topic:工程班', estate: 'sunshine', role: 'engineering' as const, offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 }],
  };
  const logs: string[] = [];
  const alerts: string[] = [];
  const sent: Array<{ room: string | undefined; text: string }> = [];
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const wechaty = WechatyBuilder.build({ puppet });
  const me = mocker.createContact({ id: 'c-bot', name: '回音' });
  const zhang = mocker.createContact({ id: 'c-zhang', name: '张工' });
  wechaty.on('message', (m) => void (m.self() && sent.push({ room: m.room()?.id, text: m.text() })));
  const log = (l: string) => void logs.push(l);
  const adapter = new WechatAdapter({
    wechaty,
    store,
    config,
    log,
    parts: platformParts('wechat', { store, clock: systemClock, log })({
      outbox: { ...WECHAT_OUTBOX, overallIntervalMs: 5, perChatIntervalMs: 5, retryBaseMs: 20, retryMaxMs: 100 },
      guard: { maxAgeMs: WECHAT_MAX_AGE_MS },
    }),
    onOffline: async (t) => void alerts.push(t),
    loginTimeoutMs: 0,
    jitterMs: 0,
    ...options,
  });
  cleanup.push(async () => {
    await adapter.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await adapter.start(async () => undefined);
  // A notice for the engineering group, written while the bot is not logged in: it waits in the outbox.
  await adapter.send({ chat: { platform: 'wechat', id: 'topic:工程班' }, text: '【新报修】R0001 5栋2单元502 厨房水管漏水' });
  const createRoom = () => mocker.createRoom({ id: 'r-eng-after-login@chatroom', topic: '工程班', memberIdList: [me.id, zhang.id] });
  return { adapter, puppet, mocker, me, zhang, logs, alerts, sent, createRoom };
}

async function until(what: string, probe: () => boolean, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a puppet that logs in before it is ready (issue 18 §3)', () => {
  it('waits for `ready` before mapping groups and sending what was kept', async () => {
    const h = await harness({ readyTimeoutMs: 5_000 });
    h.mocker.login(h.me);
    await until('login', () => h.adapter.loggedIn);
    await new Promise((r) => setTimeout(r, 300));
    // Logged in, not ready: nothing was sent, nothing given up.
    expect(h.sent).toEqual([]);
    expect(h.alerts).toEqual([]);
    expect(h.adapter.pending).toBe(1);
    // The rooms are loaded, then the puppet says so (wechat4u's readyStable()).
    h.createRoom();
    h.puppet.emit('ready', { data: 'stable' });
    await until('the kept notice', () => h.sent.length > 0);
    expect(h.sent).toEqual([{ room: 'r-eng-after-login@chatroom', text: '【新报修】R0001 5栋2单元502 厨房水管漏水' }]);
    expect(h.alerts).toEqual([]);
    expect(h.logs.some((l) => l.includes('no group has this exact name'))).toBe(false);
  });

  it('a puppet that never says `ready`: after the cap it goes on, and a missing group is retried while rooms load', async () => {
    const h = await harness({ readyTimeoutMs: 150, roomGraceMs: 5_000 });
    h.mocker.login(h.me);
    await until('the cap', () => h.logs.some((l) => l.includes('no "ready" from the puppet')));
    await new Promise((r) => setTimeout(r, 300)); // a few sends fail: no group yet
    expect(h.sent).toEqual([]);
    expect(h.alerts).toEqual([]);
    h.createRoom();
    await until('the kept notice', () => h.sent.length > 0);
    expect(h.sent[0]!.room).toBe('r-eng-after-login@chatroom');
    expect(h.alerts).toEqual([]);
  });

  it('once the grace after login is over, a group that does not exist is given up and managers are told', async () => {
    const h = await harness({ readyTimeoutMs: 100, roomGraceMs: 0 });
    h.mocker.login(h.me);
    await until('the undelivered alert', () => h.alerts.length > 0);
    expect(h.alerts[0]).toContain('工程班');
    expect(h.sent).toEqual([]);
  });
});

describe('WeChat says 操作过于频繁 (issue 18 §6)', () => {
  it('pauses sending, tells managers once, keeps what waits, and goes on slowly after the pause', async () => {
    const h = await harness({ readyTimeoutMs: 100, rateLimitPauseMs: 800, sendBudget: { slowDrainMs: 60_000, slowIntervalMs: 300 } });
    const room = h.createRoom();
    h.mocker.login(h.me);
    await until('the kept notice', () => h.sent.length === 1);
    // WeChat's system line in the group (wechat4u gives MsgType 10000 as an Unknown message).
    h.mocker.MessageMock.create({ id: 'sys-1', talkerId: h.zhang.id, roomId: room.id, text: '操作过于频繁,请稍后再试', timestamp: Date.now(), type: types.Message.Unknown });
    h.puppet.emit('message', { messageId: 'sys-1' });
    await until('the alert', () => h.alerts.length === 1);
    expect(h.alerts[0]).toContain('操作过于频繁');
    expect(h.alerts[0]).toContain('已暂停发送');
    for (const n of [2, 3]) await h.adapter.send({ chat: { platform: 'wechat', id: 'topic:工程班' }, text: `【新报修】R000${n}` });
    // A second notice during the pause is not a second alert.
    h.mocker.MessageMock.create({ id: 'sys-2', talkerId: h.zhang.id, roomId: room.id, text: '操作过于频繁,请稍后再试', timestamp: Date.now(), type: types.Message.Unknown });
    h.puppet.emit('message', { messageId: 'sys-2' });
    await new Promise((r) => setTimeout(r, 500));
    expect(h.sent).toHaveLength(1);
    expect(h.adapter.pending).toBe(2);
    const resumed = Date.now();
    await until('both after the pause', () => h.sent.length === 3);
    // After the pause, slowly: the two kept notices at least the slow interval apart.
    expect(Date.now() - resumed).toBeGreaterThanOrEqual(300);
    expect(h.sent.map((s) => s.text)).toEqual(['【新报修】R0001 5栋2单元502 厨房水管漏水', '【新报修】R0002', '【新报修】R0003']);
    expect(h.alerts).toHaveLength(1);
  });
});
