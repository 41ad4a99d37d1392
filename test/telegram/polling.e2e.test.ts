import { afterEach, describe, expect, test } from 'vitest';
import { TelegramAdapter, TelegramStartupError } from '../../adapters/telegram/telegram-adapter.ts';
import { FakeBotApi, type SentMessage } from './fake-bot-api.ts';
import { ENGINEERING, type Harness, LI, OFFICE, openHarness, OWNERS, STRANGER, TOKEN, WANG, ZHANG } from './harness.ts';
import { TELEGRAM_GUARD, TELEGRAM_OUTBOX, telegramFromEnv } from '../../adapters/telegram/from-env.ts';
import { platformParts } from '../../app/compose.ts';
import { systemClock } from '../../src/clock.ts';
import type { Store } from '../../src/store/store.ts';

const partsFor = (store: Store) => platformParts('telegram', { store, clock: systemClock, log: () => {} });
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real Telegraf client, long polling a fake Bot API on 127.0.0.1, in front of the real core and store
 * (issue 7, "Done when").
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const REPORT = '报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点';
const withButtons = (m: SentMessage) => m.buttons.length > 0;

describe('Telegram end to end, long polling', () => {
  test('report in the group, confirm by button, staff accept and complete, owner rates by button', { timeout: 60_000 }, async () => {
    h = await openHarness();
    const { fake } = h;

    const report = fake.say(WANG, OWNERS, REPORT);
    // The first message loads the segmenter (seconds on a loaded machine); the later waits are tight.
    const readBack = await fake.waitFor(() => fake.sentTo(OWNERS.id).find((m) => m.text.includes('请核对') && withButtons(m)), 30_000, 'read-back');
    expect(readBack.text).toContain('5栋2单元502');
    expect(readBack.text).toContain('厨房水管漏水');
    expect(readBack.text).toContain('138****8000'); // masked in the group
    expect(readBack.reply_to).toBe(report.message.message_id); // threaded under the owner's message
    expect(readBack.buttons.flat().map((b) => b.text)).toEqual(['确认', '修改', '取消']);

    fake.press(WANG, readBack, '确认');
    const recorded = await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    expect(recorded.reply_to).toBe(readBack.message_id);
    expect(fake.callsOf('answerCallbackQuery')).toHaveLength(1);

    const notice = await fake.waitForSent(ENGINEERING.id, '【新报修】R0001');
    expect(notice.buttons.flat().map((b) => b.text)).toContain('接单');

    fake.say(ZHANG, ENGINEERING, '接单 R0001');
    const accepted = await fake.waitForSent(OWNERS.id, /R0001 已由 张工 受理/);
    // Typed "@王女士" notifies nobody in Telegram: the owner is mentioned by user id (seen: owners missed the news).
    const name = accepted.text.split(' ')[0]!;
    const call = fake.callsOf('sendMessage').find((c) => c.params.text === accepted.text);
    expect(call?.params.entities).toEqual([{ type: 'text_mention', offset: 0, length: name.length, user: expect.objectContaining({ id: WANG.id }) }]);

    fake.say(ZHANG, ENGINEERING, '完成 R0001 换了角阀');
    const done = await fake.waitForSent(OWNERS.id, /已处理完毕:换了角阀/);
    await fake.waitForSent(OFFICE.id, '【完工】R0001');
    expect(done.buttons.flat().map((b) => b.text)).toEqual(['满意', '基本满意', '不满意']);

    fake.press(WANG, done, '满意');
    await fake.waitForSent(OWNERS.id, '谢谢您的评价!R0001 已结案');
    const ticket = await h.runtime.store.getTicket('R0001');
    expect(ticket?.status).toBe('closed');
    expect(ticket?.handler?.name).toBe('张工');
    expect(ticket?.owner).toMatchObject({ platform: 'telegram', id: String(WANG.id) });
  });

  test('confirm by text, /accept@bot command, rating by text 5 5 4; photos become attachments', async () => {
    h = await openHarness();
    const { fake } = h;
    fake.say(WANG, OWNERS, '', {
      text: undefined,
      caption: '报修 5栋2单元502 卫生间地漏堵了 13800138000 明天上午十点',
      photo: [
        { file_id: 'small-photo', file_unique_id: 's', width: 90, height: 60 },
        { file_id: 'large-photo', file_unique_id: 'l', width: 1280, height: 853 },
      ],
    });
    await fake.waitForSent(OWNERS.id, '请核对');
    fake.say(WANG, OWNERS, '确认');
    await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    const created = (await h.runtime.store.getTicket('R0001'))?.history[0] as { attachments?: string[] } | undefined;
    expect(created?.attachments).toEqual(['large-photo']);

    // A command addressed to this bot by name in a group: /accept@huiyin_test_bot R0001.
    fake.say(ZHANG, ENGINEERING, `/accept@${fake.me.username} R0001`);
    await fake.waitForSent(OWNERS.id, /R0001 已由 张工 受理/);
    fake.say(ZHANG, ENGINEERING, '完成 R0001 疏通了地漏');
    await fake.waitForSent(OWNERS.id, /已处理完毕:疏通了地漏/);
    fake.say(WANG, OWNERS, '5 5 4');
    await fake.waitForSent(OWNERS.id, '谢谢您的评价!R0001 已结案');
    const rated = (await h.runtime.store.getTicket('R0001'))?.history.find((e) => e.type === 'rated') as { ratings?: unknown } | undefined;
    expect(rated?.ratings).toEqual({ quality: 5, timeliness: 5, attitude: 4 });
  });

  test("a stranger's staff command is refused and changes nothing", async () => {
    h = await openHarness();
    const { fake } = h;
    fake.say(WANG, OWNERS, REPORT);
    await fake.waitForSent(OWNERS.id, '请核对');
    fake.say(WANG, OWNERS, '确认');
    await fake.waitForSent(ENGINEERING.id, '【新报修】R0001');

    fake.say(STRANGER, OWNERS, '接单 R0001');
    const refusal = await fake.waitForSent(OWNERS.id, '这个指令仅限工作人员使用');
    expect(refusal.reply_to).toBeDefined();
    // A stranger pressing the 接单 button in the engineering chat is refused the same way.
    const notice = fake.sentTo(ENGINEERING.id).find((m) => m.text.startsWith('【新报修】'))!;
    fake.press(STRANGER, notice, '接单');
    await fake.waitFor(() => fake.sentTo(ENGINEERING.id).some((m) => m.text.includes('这个指令仅限工作人员使用')), 5000, 'refusal in engineering');
    expect((await h.runtime.store.getTicket('R0001'))?.handler).toBeUndefined();
    expect(h.logs.some((l) => l.includes('refused staff command'))).toBe(true);

    // Staff pressing the same button accepts it.
    fake.press(ZHANG, notice, '接单');
    await fake.waitForSent(OWNERS.id, /R0001 已由 张工 受理/);
  });

  test('a 429 is retried after retry_after; a duplicate update is handled once', async () => {
    h = await openHarness();
    const { fake } = h;
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
    const update = fake.say(WANG, OWNERS, REPORT);
    const card = await fake.waitForSent(OWNERS.id, '服务卡', 5000);
    const attempts = fake.callsOf('sendMessage').filter((c) => String(c.params.text).includes('服务卡'));
    expect(attempts).toHaveLength(2);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(card.text).toContain('0755-8888 1001');
    await fake.waitForSent(OWNERS.id, '请核对');
    expect(h.logs.some((l) => l.includes('retry in 1000 ms'))).toBe(true);

    // Telegram re-sends the same update (same update_id): no second read-back, no second card.
    fake.redeliver(update);
    await fake.waitFor(() => h!.logs.some((l) => l.includes(`update ${update.update_id} seen before`)), 5000, 'duplicate logged');
    fake.say(WANG, OWNERS, '确认');
    await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    expect(fake.sentTo(OWNERS.id).filter((m) => m.text.includes('请核对'))).toHaveLength(1);
    expect(await h.runtime.store.listTickets()).toHaveLength(1);
  });

  test('/whoami answers the chat and user ids; mentions are stripped; other bots are left alone', async () => {
    h = await openHarness();
    const { fake } = h;
    const unknownGroup = { id: -100777, type: 'supergroup' as const, title: '新群' };
    fake.say(LI, unknownGroup, `/whoami@${fake.me.username}`);
    const answer = await fake.waitForSent(unknownGroup.id, 'chat id:-100777');
    expect(answer.text).toContain(`user id:${LI.id}`);
    expect(answer.text).toContain('platform: telegram, id: "-100777"');

    fake.say(WANG, OWNERS, '/help@some_other_bot');
    // An @-mention of the bot addresses it: the core answers with help (nothing to register in "你好").
    fake.say(WANG, OWNERS, `@${fake.me.username} 你好`);
    await fake.waitFor(() => fake.sentTo(OWNERS.id).length >= 1, 5000, 'an answer to the mention');
    await h.adapter.drained();
    expect(fake.sentTo(OWNERS.id)).toHaveLength(1);
    expect(fake.callsOf('setMyCommands')[0]?.params.commands).toContainEqual({ command: 'accept', description: expect.stringContaining('接单') });
  });

  test('long texts are split under 4096 characters and sent as plain text; a 403 is reported, not retried', async () => {
    h = await openHarness();
    const { fake, adapter } = h;
    const line = '<b>业主</b> & 说明 *不是* markdown_。\n';
    await adapter.send({ chat: { platform: 'telegram', id: String(OFFICE.id) }, text: line.repeat(400) });
    await adapter.drained();
    const parts = fake.sentTo(OFFICE.id);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => p.text.trimEnd()).join('\n')).toBe(line.repeat(400).trimEnd());
    expect(fake.callsOf('sendMessage').every((c) => c.params.parse_mode === undefined)).toBe(true);

    fake.failNext('sendMessage', { error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
    await adapter.send({ chat: { platform: 'telegram', id: '-1009' }, text: '测试' });
    await adapter.drained();
    expect(fake.callsOf('sendMessage').filter((c) => c.params.chat_id === '-1009')).toHaveLength(1);
    expect(h.logs.some((l) => l.includes('gave up on a message to chat -1009') && l.includes('403'))).toBe(true);
  });

  test('a button text over 64 bytes travels by a stored key; an unknown key is answered, not guessed', async () => {
    h = await openHarness();
    const { fake, adapter } = h;
    const long = `补充 R0009 ${'楼上卫生间往下渗水'.repeat(4)}`;
    await adapter.send({ chat: { platform: 'telegram', id: String(OWNERS.id) }, text: '选择', quickReplies: [{ label: '补充', text: long }] });
    const sent = await fake.waitForSent(OWNERS.id, '选择');
    expect(sent.buttons[0]![0]!.callback_data).toMatch(/^k:/);
    fake.press(WANG, sent, '补充');
    // The core got the long text from the presser and answered under the buttons message.
    await fake.waitFor(() => fake.sentTo(OWNERS.id).find((m) => m.reply_to === sent.message_id), 5000, 'an answer to the pressed long button');

    fake.queue({ callback_query: { ...fake.callbackQuery(WANG, sent, '补充'), data: 'k:unknown' } });
    await fake.waitFor(() => fake.callsOf('answerCallbackQuery').find((c) => String(c.params.text ?? '').includes('按钮已失效')), 5000, 'expired button answer');
  });
});

describe('Telegram start-up', () => {
  test('a bad token is refused with a clear message', async () => {
    const fake = new FakeBotApi(TOKEN);
    await fake.start();
    const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-tg-start-'));
    const store = await openLowdbStore({ dataDir });
    try {
      const adapter = new TelegramAdapter({ token: '999:wrong', apiRoot: fake.apiRoot, store, log: () => {}, botName: '回音', parts: partsFor(store)({ outbox: TELEGRAM_OUTBOX, guard: TELEGRAM_GUARD }) });
      const error = await adapter.start(async () => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TelegramStartupError);
      expect((error as Error).message).toMatch(/refused TELEGRAM_BOT_TOKEN .*401.*BotFather/);
      expect((error as Error).message).not.toContain('wrong');
    } finally {
      await store.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('an unreachable server is named', async () => {
    const fake = new FakeBotApi(TOKEN);
    await fake.start();
    const apiRoot = fake.apiRoot;
    await fake.close(); // nothing listens there now
    const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-tg-start-'));
    const store = await openLowdbStore({ dataDir });
    try {
      const adapter = new TelegramAdapter({ token: TOKEN, apiRoot, store, log: () => {}, botName: '回音', parts: partsFor(store)({ outbox: TELEGRAM_OUTBOX, guard: TELEGRAM_GUARD }) });
      const error = await adapter.start(async () => {}).catch((e: unknown) => e);
      expect((error as Error).message).toContain(`cannot reach the Telegram Bot API at ${apiRoot}`);
      expect((error as Error).message).toContain('ECONNREFUSED');
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  test('telegramFromEnv: nothing without a token; a polling adapter against TELEGRAM_API_ROOT with one', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'huiyin-tg-env-'));
    const store = await openLowdbStore({ dataDir });
    const fake = new FakeBotApi(TOKEN, { privacyOff: false });
    await fake.start();
    const logs: string[] = [];
    try {
      expect(await telegramFromEnv({}, { store, log: () => {}, botName: '回音', parts: partsFor(store) })).toBeUndefined();
      const adapter = await telegramFromEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }, { store, log: (l) => logs.push(l), botName: '回音', parts: partsFor(store) });
      expect(adapter).toBeInstanceOf(TelegramAdapter);
      const seen: string[] = [];
      await adapter!.start(async (m) => {
        seen.push(`${m.chat.id}/${m.sender.id}: ${m.text} ${m.mentionsBot}`);
      });
      fake.say(WANG, OWNERS, '@回音 你好');
      await fake.waitFor(() => seen.length > 0, 5000, 'a message through the env-built adapter');
      expect(seen).toEqual(['-1001/7001: 你好 true']);
      expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
      expect(logs.some((l) => l.includes('privacy mode is on'))).toBe(true);
      await adapter!.stop();
      await adapter!.finished();
    } finally {
      await store.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
