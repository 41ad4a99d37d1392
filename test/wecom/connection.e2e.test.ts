import { afterEach, describe, expect, test } from 'vitest';
import { WAIT_MS } from './fake-wecom-server.ts';
import { type Harness, OFFICE, openHarness, OWNERS, WANG } from './harness.ts';

/**
 * The long connection under faults, with the real SDK against the fake server on 127.0.0.1: a dropped socket, a server
 * that stops answering heartbeats, WeCom closing this connection for a newer one, refused sends, stale messages.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('WeCom connection', { timeout: 60_000 }, () => {
  test('the server drops the socket: the client reconnects with backoff; what was sent meanwhile is delivered after; the intake goes on', async () => {
    h = await openHarness();
    const { fake, adapter } = h;
    fake.say(WANG, OWNERS, '@回音 报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点');
    await fake.waitForCard(OWNERS.id, '请核对');
    const askedAt = Math.floor(h.clock.now().getTime() / 1000);

    h.clock.advance(10 * 60_000); // the outage is noticed ten minutes on
    fake.dropConnections();
    await fake.waitFor(() => h!.logs.some((l) => l.startsWith('wecom: connection closed')), WAIT_MS, 'the drop noticed');
    // A notice written while the socket is down waits in the outbox.
    await adapter.send({ chat: { platform: 'wecom', id: OFFICE.id }, text: '断线期间的通知' });
    await fake.waitFor(() => fake.signIns.length === 2, WAIT_MS, 'a second sign-in');
    await fake.waitForSent(OFFICE.id, '断线期间的通知');
    expect(h.logs.some((l) => /^wecom: reconnected/.test(l))).toBe(true);

    // The owner's intake survived the drop: a 确认 written before the reconnect and delivered after it still counts
    // (only messages older than the age limit are dropped, not those sent before this sign-in), and records the ticket.
    fake.say(WANG, OWNERS, '@回音 确认', { create_time: askedAt + 60 });
    await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    expect(h.alerts).toEqual([]); // back within seconds: not news for managers
  });

  test('unanswered heartbeats count as a dead connection: the client closes it and signs in again', async () => {
    h = await openHarness({ adapter: { heartbeatMs: 40 } });
    const { fake } = h;
    fake.ignorePings();
    await fake.waitFor(() => h!.logs.some((l) => l.startsWith('wecom: connection closed')), WAIT_MS, 'the dead connection closed');
    fake.ignorePings(false);
    await fake.waitFor(() => fake.signIns.length >= 2, WAIT_MS, 'a new sign-in');
    fake.say(WANG, OWNERS, '@回音 服务卡');
    await fake.waitForSent(OWNERS.id, '0755-8888 1001');
  });

  test('a connection down longer than alertAfterMs is told to managers and recorded; its return too', async () => {
    h = await openHarness({ adapter: { alertAfterMs: 100, reconnectBaseMs: 400 } });
    const { fake } = h;
    fake.dropConnections();
    await fake.waitFor(() => h!.alerts.length === 1, WAIT_MS, 'the offline alert');
    expect(h.alerts[0]).toContain('企业微信已掉线');
    await fake.waitFor(() => h!.alerts.length === 2, WAIT_MS, 'the back-online alert');
    expect(h.alerts[1]).toContain('企业微信已重新登录');
  });

  test('WeCom closes this connection for a newer one: the adapter stops with the reason and managers hear it', async () => {
    h = await openHarness();
    const { fake, adapter } = h;
    const finished = adapter.finished().then(() => 'resolved', (e: Error) => e.message);
    fake.replaceConnection();
    expect(await finished).toMatch(/another process connected with this WECOM_BOT_ID/);
    await fake.waitFor(() => h!.alerts.length === 1, WAIT_MS, 'the alert');
    expect(h.alerts[0]).toContain('另一个进程用同一个机器人 ID 建立了连接');
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.signIns).toHaveLength(1); // no reconnect fight with the newer connection
  });

  test('a refused send (errcode 40058) is reported and dropped; a message two hours old is dropped as stale', async () => {
    h = await openHarness();
    const { fake, adapter, clock } = h;
    fake.failNext('aibot_send_msg', 40058, 'markdown.content exceed max length');
    await adapter.send({ chat: { platform: 'wecom', id: OFFICE.id }, text: '会被拒绝' });
    await adapter.drained();
    expect(h.logs.some((l) => l.includes(`gave up on a message to chat ${OFFICE.id}`) && l.includes('40058'))).toBe(true);
    expect(fake.received.filter((f) => f.cmd === 'aibot_send_msg')).toHaveLength(1);

    // The same text two hours old, as a callback held back by an outage would arrive.
    const old = fake.say(WANG, OWNERS, '@回音 报修 3栋101 灯不亮');
    const stale = { ...old, headers: { req_id: 'cb_stale' }, body: { ...old.body, msgid: 'msg-stale', create_time: Math.floor(clock.now().getTime() / 1000) - 2 * 3600 } };
    fake.redeliver(stale);
    await fake.waitFor(() => h!.logs.some((l) => l.includes('dropped stale message msg-stale')), WAIT_MS, 'the stale drop');
  });
});
