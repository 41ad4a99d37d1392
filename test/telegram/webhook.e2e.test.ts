import { afterEach, describe, expect, test } from 'vitest';
import { ENGINEERING, type Harness, OFFICE, openHarness, OWNERS, STRANGER, WANG, ZHANG } from './harness.ts';

/**
 * Webhook mode: Telegraf's webhook callback on a local HTTP server (127.0.0.1, random port), updates POSTed the way
 * Telegram posts them, with the secret header. webhookReply is off so every API call reaches the fake server.
 */

const SECRET = 'test_secret-123';
const URL_ = 'https://huiyin.example.test/tg/hook';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function post(update: unknown, secret: string | null = SECRET, path = '/tg/hook'): Promise<number> {
  const address = h!.adapter.webhookAddress()!;
  const res = await fetch(`http://127.0.0.1:${address.port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null && { 'x-telegram-bot-api-secret-token': secret }) },
    body: JSON.stringify(update),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('Telegram end to end, webhook', () => {
  test('the same flow through the webhook; a wrong secret gets 403; a re-posted update is handled once', async () => {
    h = await openHarness({ webhook: { url: URL_, secretToken: SECRET, port: 0, host: '127.0.0.1' }, webhookReply: false });
    const { fake } = h;
    const setWebhook = fake.callsOf('setWebhook')[0];
    expect(setWebhook?.params).toMatchObject({ url: URL_, secret_token: SECRET });
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
    expect(h.adapter.webhookAddress()?.host).toBe('127.0.0.1');

    const report = fake.update({ message: fake.message(WANG, OWNERS, '报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点') });
    expect(await post(report, 'wrong-secret')).toBe(403);
    expect(await post(report, null)).toBe(403);
    expect(await post(report, SECRET, '/elsewhere')).toBe(403);
    expect(fake.sent).toHaveLength(0);

    expect(await post(report)).toBe(200);
    const readBack = await fake.waitForSent(OWNERS.id, '请核对');
    // Telegram re-posts an update it got no answer to in time: handled once.
    expect(await post(report)).toBe(200);

    expect(await post(fake.update({ callback_query: fake.callbackQuery(WANG, readBack, '确认') }))).toBe(200);
    await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    expect(fake.callsOf('answerCallbackQuery')).toHaveLength(1);
    const notice = await fake.waitForSent(ENGINEERING.id, '【新报修】R0001');

    expect(await post(fake.update({ message: fake.message(STRANGER, ENGINEERING, '接单 R0001') }))).toBe(200);
    await fake.waitForSent(ENGINEERING.id, '这个指令仅限工作人员使用');

    expect(await post(fake.update({ callback_query: fake.callbackQuery(ZHANG, notice, '接单') }))).toBe(200);
    await fake.waitForSent(OWNERS.id, /R0001 已由 张工 受理/);
    expect(await post(fake.update({ message: fake.message(ZHANG, ENGINEERING, '完成 R0001 换了角阀') }))).toBe(200);
    const done = await fake.waitForSent(OWNERS.id, /已处理完毕:换了角阀/);
    await fake.waitForSent(OFFICE.id, '【完工】R0001');
    expect(await post(fake.update({ callback_query: fake.callbackQuery(WANG, done, '满意') }))).toBe(200);
    await fake.waitForSent(OWNERS.id, '谢谢您的评价!R0001 已结案');

    await h.adapter.drained();
    expect(fake.sentTo(OWNERS.id).filter((m) => m.text.includes('请核对'))).toHaveLength(1);
    expect(h.logs.some((l) => l.includes(`update ${report.update_id} seen before`))).toBe(true);
    expect((await h.runtime.store.getTicket('R0001'))?.status).toBe('closed');
  });
});
