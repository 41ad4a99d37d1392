import { afterEach, describe, expect, test } from 'vitest';
import { WAIT_MS } from './fake-wecom-server.ts';
import { ENGINEERING, type Harness, LI, OFFICE, openHarness, OWNERS, privateChat, STRANGER, WANG, ZHANG } from './harness.ts';

/**
 * The real @wecom/aibot-node-sdk client, on a long connection to a fake WeCom server on 127.0.0.1, in front of the real
 * core and store (issue 19, "Done when"): an owner's report in a WeCom customer group to the rating, by buttons and by
 * typed staff commands.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const REPORT = '@回音 报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点';
const labels = (m: { card?: { button_list?: Array<{ text: string }> } }) => m.card?.button_list?.map((b) => b.text);

describe('WeCom end to end, long connection', { timeout: 60_000 }, () => {
  test('report in the customer group, confirm by button, engineer accepts by button and completes by command, owner rates by button', async () => {
    h = await openHarness();
    const { fake } = h;

    const report = fake.say(WANG, OWNERS, REPORT);
    const readBack = await fake.waitForSent(OWNERS.id, '请核对');
    expect(readBack.text).toContain('5栋2单元502');
    expect(readBack.text).toContain('厨房水管漏水');
    expect(readBack.text).toContain('138****8000'); // masked in the group
    expect(readBack.text).not.toContain('13800138000');
    // The first answer to the owner's message goes back on its callback (a passive reply); the read-back follows.
    expect(fake.sentTo(OWNERS.id)[0]).toMatchObject({ kind: 'stream', inReplyTo: (report.body as { msgid: string }).msgid });
    const card = await fake.waitForCard(OWNERS.id, '请核对');
    expect(labels(card)).toEqual(['确认', '修改', '取消']);

    const pressed = fake.press(WANG, card, '确认');
    await fake.waitForSent(OWNERS.id, /已登记,编号 R0001/);
    // The presser's copy of the card now says what was chosen (only theirs), under the press event.
    const update = await fake.waitFor(() => fake.cardUpdates.find((u) => u.inReplyTo === (pressed.body as { msgid: string }).msgid), WAIT_MS, 'the card update');
    expect(update).toMatchObject({ title: '已选择:确认', taskId: card.card!.task_id, userids: [WANG.userid] });
    await fake.waitForSent(ENGINEERING.id, '【新报修】R0001');
    const notice = await fake.waitForCard(ENGINEERING.id, '【新报修】R0001');
    expect(labels(notice)).toContain('接单');

    fake.press(ZHANG, notice, '接单');
    await fake.waitForSent(OWNERS.id, /R0001 已由 张工 受理/);

    // A staff command typed in the engineering group (WeCom delivers group messages that @ the bot).
    fake.say(ZHANG, ENGINEERING, '@回音 完成 R0001 换了角阀');
    await fake.waitForSent(OWNERS.id, /已处理完毕:换了角阀/);
    await fake.waitForSent(OFFICE.id, '【完工】R0001');
    const rating = await fake.waitForCard(OWNERS.id, /R0001/);
    expect(labels(rating)).toEqual(['满意', '基本满意', '不满意']);

    fake.press(WANG, rating, '满意');
    await fake.waitForSent(OWNERS.id, '谢谢您的评价!R0001 已结案');
    const ticket = await h.runtime.store.getTicket('R0001');
    expect(ticket?.status).toBe('closed');
    expect(ticket?.handler).toMatchObject({ platform: 'wecom', id: ZHANG.userid, name: '张工' });
    expect(ticket?.owner).toMatchObject({ platform: 'wecom', id: WANG.userid });
  });

  test("a stranger's 接单 is refused; staff query in a private chat sees the full phone; a duplicate callback is handled once", async () => {
    h = await openHarness();
    const { fake } = h;
    const report = fake.say(WANG, OWNERS, REPORT);
    await fake.waitForCard(OWNERS.id, '请核对');
    fake.redeliver(report); // the same msgid again
    await fake.waitFor(() => h!.logs.some((l) => l.includes(`message ${(report.body as { msgid: string }).msgid} seen before`)), WAIT_MS, 'duplicate logged');
    fake.say(WANG, OWNERS, '@回音 确认');
    const notice = await fake.waitForCard(ENGINEERING.id, '【新报修】R0001');
    expect(fake.sentTo(OWNERS.id).filter((m) => m.text.includes('请核对') && m.kind !== 'template_card')).toHaveLength(1);
    expect(await h.runtime.store.listTickets()).toHaveLength(1);

    fake.press(STRANGER, notice, '接单');
    await fake.waitForSent(ENGINEERING.id, '这个指令仅限工作人员使用');
    expect((await h.runtime.store.getTicket('R0001'))?.handler).toBeUndefined();

    // WeCom shows no group chatid in its apps: `whoami` says the ids to put in the config.
    const unknownGroup = { id: 'wrNewGroup99', type: 'group' as const };
    fake.say(LI, unknownGroup, '@回音 /whoami');
    const ids = await fake.waitForSent(unknownGroup.id, '本群 chatid:wrNewGroup99');
    expect(ids.text).toContain(`您的 userid:${LI.userid}`);
    expect(ids.text).toContain('platform: wecom, id: "wrNewGroup99"');

    fake.say(ZHANG, privateChat(ZHANG), '查 R0001');
    const record = await fake.waitForSent(ZHANG.userid, 'R0001');
    expect(record.text).toContain('13800138000'); // staff in a private chat see the whole number
  });
});
