import { afterEach, expect, test } from 'vitest';
import { OWNERS as TG_OWNERS, WANG as TG_WANG } from '../telegram/harness.ts';
import { WAIT_MS } from './fake-wecom-server.ts';
import { ENGINEERING, type Harness, MANAGERS, OFFICE, openHarness, ZHANG } from './harness.ts';

/**
 * One store, one ticket across platforms (issue 19): the owner reports on Telegram (real Telegraf against the fake Bot
 * API), the engineer accepts and completes on WeCom (the real SDK against the fake long-connection server), both on
 * 127.0.0.1, in one running bot.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

test('owner reports on Telegram, engineer accepts and completes on WeCom, owner rates on Telegram', async () => {
  h = await openHarness({
    withTelegram: true,
    chats: [
      { platform: 'telegram', id: String(TG_OWNERS.id), estate: 'sunshine', role: 'owners', title: '阳光家园业主群' },
      { platform: 'wecom', id: ENGINEERING.id, estate: 'sunshine', role: 'engineering', title: '工程班' },
      { platform: 'wecom', id: OFFICE.id, estate: 'sunshine', role: 'office', title: '管理处' },
      { platform: 'wecom', id: MANAGERS.id, role: 'managers', title: '公司领导' },
    ],
  });
  const { fake: wecom } = h;
  const telegram = h.telegram!.fake;

  telegram.say(TG_WANG, TG_OWNERS, '报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点');
  const readBack = await telegram.waitFor(() => telegram.sentTo(TG_OWNERS.id).find((m) => m.text.includes('请核对') && m.buttons.length > 0), WAIT_MS, 'read-back on Telegram');
  telegram.press(TG_WANG, readBack, '确认');
  await telegram.waitForSent(TG_OWNERS.id, /已登记,编号 R0001/);

  // The engineering chat is a WeCom group: the notice and its 接单 button arrive there.
  await wecom.waitForSent(ENGINEERING.id, '【新报修】R0001');
  const notice = await wecom.waitForCard(ENGINEERING.id, '【新报修】R0001');
  wecom.press(ZHANG, notice, '接单');
  await telegram.waitForSent(TG_OWNERS.id, /R0001 已由 张工 受理/);

  wecom.say(ZHANG, ENGINEERING, '@回音 完成 R0001 换了角阀');
  const done = await telegram.waitForSent(TG_OWNERS.id, /已处理完毕:换了角阀/);
  expect(done.buttons.flat().map((b) => b.text)).toEqual(['满意', '基本满意', '不满意']);
  await wecom.waitForSent(OFFICE.id, '【完工】R0001');

  telegram.press(TG_WANG, done, '满意');
  await telegram.waitForSent(TG_OWNERS.id, '谢谢您的评价!R0001 已结案');
  const ticket = await h.runtime.store.getTicket('R0001');
  expect(ticket?.status).toBe('closed');
  expect(ticket?.owner).toMatchObject({ platform: 'telegram', id: String(TG_WANG.id) });
  expect(ticket?.handler).toMatchObject({ platform: 'wecom', id: ZHANG.userid, name: '张工' });
  // Nothing about the ticket went to the owner through WeCom, nor to the engineers through Telegram.
  expect(telegram.sent.every((m) => m.chat.id === TG_OWNERS.id)).toBe(true);
  expect(wecom.sent.every((m) => [ENGINEERING.id, OFFICE.id, MANAGERS.id].includes(m.chatid))).toBe(true);
}, 60_000);
