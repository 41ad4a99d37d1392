import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBox } from 'file-box';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { types, WechatyBuilder, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WECHAT_MAX_AGE_MS, WECHAT_OUTBOX } from '../../adapters/wechat/from-env.ts';
import { WechatAdapter } from '../../adapters/wechat/wechat-adapter.ts';
import { connect, coreServices, platformParts } from '../../app/compose.ts';
import { PLATFORMS } from '../../app/platforms.ts';
import { createOfflineAlert } from '../../src/alerts/offline-alert.ts';
import { OfflineLog } from '../../src/alerts/offline-periods.ts';
import { systemClock } from '../../src/clock.ts';
import { parseConfig, type ResolvedConfig } from '../../src/config/load.ts';
import { Bot } from '../../src/core/bot.ts';
import type { IncomingMessage, OutgoingMessage } from '../../src/messages.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Issue 8, "Done when": real Wechaty with wechaty-puppet-mock, the real core and the real lowdb store, the sample
 * estate with WeChat rooms and staff; the offline alert goes to a webhook server on 127.0.0.1.
 */

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');
const ROOMS = { owners: 'r-owners@chatroom', engineering: 'r-eng-7f3a@chatroom', office: 'r-office@chatroom', managers: 'r-mgr@chatroom' };

interface Sent {
  room?: string;
  to?: string;
  text: string;
}

let dir: string;
let store: Store;
let bot: Bot;
let wechaty: Wechaty;
let puppet: PuppetMock;
let mocker: mock.Mocker;
let adapter: WechatAdapter;
let deliver: (out: OutgoingMessage) => Promise<void>;
let server: Server;
let config: ResolvedConfig;
const hooks: Array<{ path: string; body: { msgtype: string; text: { content: string } } }> = [];
const sent: Sent[] = [];
const logs: string[] = [];
const qrShown: string[] = [];
/** Picture messages the robot received (WeCom `msgtype: image`). */
const images: Array<{ base64: string; md5: string }> = [];
let handle: MockInstance<Bot['handle']>;
let people: Record<'me' | 'wang' | 'zhang' | 'li' | 'zhao' | 'liu' | 'zhou', mock.ContactMock>;
let rooms: Record<keyof typeof ROOMS, mock.RoomMock>;

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 4000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\nsent:\n${sent.map((s) => `  [${s.room ?? s.to}] ${s.text}`).join('\n')}\nlog:\n${logs.slice(-15).join('\n')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The next message the bot sends after `from` (an index into `sent`) matching `match`. */
function sentAfter(from: number, match: (s: Sent) => boolean): Sent | undefined {
  return sent.slice(from).find(match);
}

const inRoom = (room: keyof typeof ROOMS, has: string) => (s: Sent) => s.room === ROOMS[room] && s.text.includes(has);
const handled = (): IncomingMessage[] => handle.mock.calls.map((c) => c[0]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { msgtype: string; image?: { base64: string; md5: string } };
      if (parsed.msgtype === 'image' && parsed.image) images.push(parsed.image);
      else hooks.push({ path: req.url ?? '', body: parsed as (typeof hooks)[number]['body'] });
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const base = parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir);
  config = {
    ...base,
    dataDir: dir,
    chats: [
      { platform: 'wechat', id: ROOMS.owners, estate: 'sunshine', role: 'owners', title: '阳光家园业主群', offerToRegister: true, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
      // Configured by exact topic: the room's id is not in the config at all.
      { platform: 'wechat', id: 'topic:工程班', estate: 'sunshine', role: 'engineering', offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
      { platform: 'wechat', id: ROOMS.office, estate: 'sunshine', role: 'office', offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
      { platform: 'wechat', id: ROOMS.managers, role: 'managers', offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
    ],
    staff: [
      { platform: 'wechat', id: 'c-zhang', name: '张工', estate: 'sunshine', unit: 'engineering', role: 'handler', onDuty: true },
      { platform: 'wechat', id: 'c-li', name: '李主任', estate: 'sunshine', unit: 'office_head', role: 'head', onDuty: true },
      { platform: 'wechat', id: 'c-zhao', name: '赵总', unit: 'managers', role: 'manager', onDuty: true },
    ],
  };
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  const log = (l: string) => void logs.push(l);
  bot = new Bot({ config, store, clock: systemClock, log, ...coreServices(config, store, systemClock) });
  handle = vi.spyOn(bot, 'handle');

  mocker = new mock.Mocker();
  puppet = new PuppetMock({ mocker });
  wechaty = WechatyBuilder.build({ puppet });
  people = {
    me: mocker.createContact({ id: 'c-bot', name: '回音' }),
    wang: mocker.createContact({ id: 'c-wang', name: '王女士' }),
    zhang: mocker.createContact({ id: 'c-zhang', name: '张工' }),
    li: mocker.createContact({ id: 'c-li', name: '李主任' }),
    zhao: mocker.createContact({ id: 'c-zhao', name: '赵总' }),
    liu: mocker.createContact({ id: 'c-liu', name: '刘先生' }),
    zhou: mocker.createContact({ id: 'c-zhou', name: '周姐' }),
  };
  const members = (...who: Array<keyof typeof people>) => who.map((w) => people[w].id);
  rooms = {
    owners: mocker.createRoom({ id: ROOMS.owners, topic: '阳光家园业主群', memberIdList: members('me', 'wang', 'liu', 'zhou', 'li') }),
    engineering: mocker.createRoom({ id: ROOMS.engineering, topic: '工程班', memberIdList: members('me', 'zhang', 'li') }),
    office: mocker.createRoom({ id: ROOMS.office, topic: '管理处', memberIdList: members('me', 'li') }),
    managers: mocker.createRoom({ id: ROOMS.managers, topic: '公司领导', memberIdList: members('me', 'zhao') }),
  };
  // What the bot says comes back as its own messages: that is how the test sees what went out.
  wechaty.on('message', (m) => {
    if (!m.self()) return;
    const room = m.room();
    sent.push({ ...(room ? { room: room.id } : { to: m.listener()?.id }), text: m.text() });
  });

  const alert = createOfflineAlert({ webhookUrl: `http://127.0.0.1:${port}/robot/send?key=test`, log });
  adapter = new WechatAdapter({
    wechaty,
    store,
    config,
    log,
    onOffline: alert,
    parts: platformParts('wechat', { store, clock: systemClock, log })({
      outbox: { ...WECHAT_OUTBOX, overallIntervalMs: 5, perChatIntervalMs: 5, retryBaseMs: 20 },
      guard: { maxAgeMs: WECHAT_MAX_AGE_MS },
    }),
    jitterMs: 0,
    // The mock's rooms all exist at login: no grace for groups still loading, so a missing group is given up at once.
    roomGraceMs: 0,
    // The conversation sends dozens of messages in seconds: the account's caps are the send-budget test's subject.
    sendBudget: { slowDrainMs: 0, burstPerMinute: 1_000, perChatPerHour: 1_000, overallPerHour: 1_000 },
    attachmentsDir: join(dir, 'attachments'),
    showQr: (qrcode) => void qrShown.push(qrcode),
  });
  deliver = await connect(bot, [adapter], log);
  mocker.login(people.me);
  await waitFor('login', () => adapter.loggedIn);
});

afterAll(async () => {
  await adapter?.stop();
  await store?.close();
  await new Promise((r) => server?.close(r));
  await rm(dir, { recursive: true, force: true });
});

describe('WeChat adapter end to end (wechaty-puppet-mock, real core)', () => {
  it('an owner @-mentions the bot in the group, completes an intake, and the engineering group is told', async () => {
    const from = sent.length;
    people.wang.say('@回音\u2005报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点', [people.me]).to(rooms.owners);
    const readBack = await waitFor('read-back', () => sentAfter(from, inRoom('owners', '回复「确认」')));
    // A reply in a group @-mentions the owner it answers (room.say(text, contact)).
    expect(readBack.text.startsWith('@王女士 ')).toBe(true);
    expect(readBack.text).toContain('5栋2单元502');
    const first = handled().find((m) => m.text.startsWith('报修'));
    expect(first).toMatchObject({ chat: { platform: 'wechat', id: ROOMS.owners, kind: 'group', title: '阳光家园业主群' }, sender: { id: 'c-wang', displayName: '王女士' }, mentionsBot: true });
    expect(first?.text).not.toContain('@回音');

    const next = sent.length;
    people.wang.say('确认').to(rooms.owners);
    const recorded = await waitFor('recorded', () => sentAfter(next, inRoom('owners', 'R0001')));
    expect(recorded.text).toMatch(/^@王女士 .*已登记/s);
    // The engineering group is configured by topic ("topic:工程班") and reached through its current room id.
    const notice = await waitFor('unit notice', () => sentAfter(next, inRoom('engineering', 'R0001')));
    expect(notice.text).toContain('厨房水管漏水');
    expect(notice.text).toContain('接单 R0001');
    const ticket = await store.getTicket('R0001');
    expect(ticket?.owner).toMatchObject({ platform: 'wechat', id: 'c-wang', phone: '13800138000' });
  });

  it('a staff member accepts and completes by command; the owner hears, rates, and the rating is recorded', async () => {
    let from = sent.length;
    people.zhang.say('接单 R0001').to(rooms.engineering);
    await waitFor('accept reply', () => sentAfter(from, inRoom('engineering', 'R0001')));
    const told = await waitFor('owner told of accept', () => sentAfter(from, inRoom('owners', '张工')));
    expect(told.text.startsWith('@王女士 ')).toBe(true);

    from = sent.length;
    people.zhang.say('完成 R0001 换了角阀').to(rooms.engineering);
    const ask = await waitFor('rating request', () => sentAfter(from, inRoom('owners', '打分')));
    expect(ask.text).toContain('换了角阀');
    // WeChat has no buttons: the choices are typed out once, unless the text already names them.
    expect(ask.text).toContain('满意');

    from = sent.length;
    people.wang.say('5 5 4').to(rooms.owners);
    await waitFor('thanks', () => sentAfter(from, (s) => s.room === ROOMS.owners));
    const ticket = await store.getTicket('R0001');
    expect(ticket?.history.find((e) => e.type === 'rated')).toBeDefined();
  });

  it('owners joined to one outage are each @-mentioned for real in the one group message that names them', async () => {
    // Seen in the field: "@刘先生 @周姐 【您报告的停水…进展】…" notified 刘先生 only; 周姐 read her typed name. The message
    // is as the core sends it to the owners who joined one outage (test/transcripts/outage-reporters.test.ts).
    const sends = vi.spyOn(puppet, 'messageSendText');
    const from = sent.length;
    await deliver({
      chat: { platform: 'wechat', id: ROOMS.owners },
      text: '@刘先生 @周姐 @孙阿姨 【您报告的停水 R0002 进展】水务公司在抢修 下午3点恢复',
      mention: { name: '刘先生' },
      mentions: [{ name: '刘先生' }, { name: '周姐' }, { name: '孙阿姨' }],
    });
    const out = await waitFor('the one message', () => sentAfter(from, inRoom('owners', '水务公司在抢修')));
    // 孙阿姨 is not in the room: her name stays typed; the two members are mentioned, each once.
    expect(out.text.match(/@刘先生/g)).toHaveLength(1);
    expect(out.text.match(/@周姐/g)).toHaveLength(1);
    expect(out.text).toContain('@孙阿姨 【您报告的停水 R0002 进展】');
    const call = sends.mock.calls.find(([room, text]) => room === ROOMS.owners && String(text).includes('水务公司在抢修'));
    // Wechaty passes the mention list as a third argument the puppet interface's type does not declare.
    expect((call as unknown[] | undefined)?.[2]).toEqual(['c-liu', 'c-zhou']);
    sends.mockRestore();
  });

  it('works in a private chat, ignores a duplicate message id and stale replays', async () => {
    const from = sent.length;
    people.liu.say('服务卡').to(people.me);
    const card = await waitFor('service card', () => sentAfter(from, (s) => s.to === 'c-liu' && s.text.includes('0755-8888 1001')));
    expect(card.text.startsWith('@')).toBe(false);
    // The log tells a deployer the contact id to put under staff:.
    expect(logs.some((l) => l.includes('private chat with 刘先生') && l.includes('"c-liu"'))).toBe(true);
    const original = handled().find((m) => m.sender.id === 'c-liu' && m.text === '服务卡')!;
    expect(original.chat).toMatchObject({ id: 'c-liu', kind: 'private' });

    // The same message id again (puppets replay after re-login): handled once.
    puppet.emit('message', { messageId: original.id });
    // A message from ten minutes ago, as a replay after login would bring.
    mocker.MessageMock.create({ id: 'old-1', talkerId: 'c-liu', listenerId: 'c-bot', timestamp: Date.now() - 10 * 60_000, type: types.Message.Text, text: '服务卡' });
    puppet.emit('message', { messageId: 'old-1' });
    await waitFor('dropped', () => logs.some((l) => l.includes('stale message old-1')) && logs.some((l) => l.includes(`${original.id} seen before`)));
    await new Promise((r) => setTimeout(r, 100));
    expect(handled().filter((m) => m.id === original.id)).toHaveLength(1);
    expect(handled().some((m) => m.id === 'old-1')).toBe(false);
    expect(sent.slice(from).filter((s) => s.to === 'c-liu' && s.text.includes('0755-8888 1001'))).toHaveLength(1);
  });

  it('takes "@回音 …" typed without a mention list as addressed to the bot', async () => {
    const from = sent.length;
    people.liu.say('@回音 服务卡').to(rooms.owners);
    await waitFor('card in group', () => sentAfter(from, inRoom('owners', '0755-8888 1001')));
    expect(handled().at(-1)).toMatchObject({ text: '服务卡', mentionsBot: true, sender: { id: 'c-liu', displayName: '刘先生' } });
    // Anywhere in the message, with WeChat's U+2005 separator, still without a mention list (wechat4u; issue 18 §7).
    people.liu.say('麻烦发一下服务卡 @回音\u2005').to(rooms.owners);
    const mid = await waitFor('mid-text mention handled', () => handled().find((m) => m.text === '麻烦发一下服务卡'));
    expect(mid).toMatchObject({ mentionsBot: true, sender: { id: 'c-liu' } });
  });

  it('stays silent in a group that is not configured, and logs its id and topic for the config', async () => {
    const other = mocker.createRoom({ id: 'r-chat-9@chatroom', topic: '邻居闲聊', memberIdList: ['c-bot', 'c-wang'] });
    const from = sent.length;
    people.wang.say('@回音\u2005报修 漏水', [people.me]).to(other);
    await waitFor('log line', () => logs.find((l) => l.includes('group not in the config') && l.includes('r-chat-9@chatroom') && l.includes('topic:邻居闲聊')));
    await new Promise((r) => setTimeout(r, 100));
    expect(sent.slice(from).filter((s) => s.room === 'r-chat-9@chatroom')).toHaveLength(0);
  });

  it("never answers its own messages", async () => {
    await new Promise((r) => setTimeout(r, 150));
    const count = sent.length;
    await new Promise((r) => setTimeout(r, 150));
    expect(sent.length).toBe(count); // nothing keeps talking
    expect(sent.length).toBeGreaterThan(5);
    expect(handled().some((m) => m.sender.id === 'c-bot')).toBe(false);
  });

  it('photos become attachments (saved); voice gets a short "please type it"', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0e8d90000000049454e44ae426082', 'hex');
    people.liu.say(FileBox.fromBase64(png.toString('base64'), 'leak.png')).to(people.me);
    const photo = await waitFor('photo handled', () => handled().find((m) => m.attachments.length > 0));
    expect(photo.attachments[0]).toMatchObject({ kind: 'image', ref: photo.id });
    await waitFor('file on disk', () => existsSync(join(dir, 'attachments')) && true);
    expect((await readdir(join(dir, 'attachments'))).some((f) => f.endsWith('.png'))).toBe(true);

    const from = sent.length;
    // A voice message in the group and a sticker in a private chat, as the puppet would report them.
    mocker.MessageMock.create({ id: 'voice-1', talkerId: 'c-wang', roomId: ROOMS.owners, mentionIdList: [], timestamp: Date.now(), type: types.Message.Audio });
    puppet.emit('message', { messageId: 'voice-1' });
    const answer = await waitFor('type it', () => sentAfter(from, inRoom('owners', '请打字')));
    expect(answer.text).toMatch(/^@王女士 .*语音/);
    mocker.MessageMock.create({ id: 'sticker-1', talkerId: 'c-liu', listenerId: 'c-bot', timestamp: Date.now(), type: types.Message.Emoticon });
    puppet.emit('message', { messageId: 'sticker-1' });
    await waitFor('type it (private)', () => sentAfter(from, (s) => s.to === 'c-liu' && s.text.includes('请打字')));
    // A second voice message from the same person soon after gets no second answer: groups are not flooded.
    mocker.MessageMock.create({ id: 'voice-2', talkerId: 'c-wang', roomId: ROOMS.owners, mentionIdList: [], timestamp: Date.now(), type: types.Message.Audio });
    puppet.emit('message', { messageId: 'voice-2' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sent.slice(from).filter((s) => s.room === ROOMS.owners && s.text.includes('请打字'))).toHaveLength(1);
    // None of them reaches the core.
    expect(handled().at(-1)?.id).toBe(photo.id);
  });

  it('a logout alerts the managers by webhook; notices sent while offline go out after the next login', async () => {
    const hooksBefore = hooks.length;
    await puppet.logout('test: session dropped');
    const alert = await waitFor('logout alert', () => hooks.slice(hooksBefore).find((h) => h.body.text.content.includes('掉线')));
    expect(alert.path).toBe('/robot/send?key=test');
    expect(alert.body.msgtype).toBe('text');
    expect(alert.body.text.content).toContain('test: session dropped');
    await waitFor('logged out', () => !adapter.loggedIn);

    // A notice produced while offline (a job, or a request from another platform): kept, not sent.
    const from = sent.length;
    await deliver({ chat: { platform: 'wechat', id: 'topic:工程班' }, text: '提醒:R0001 请今天内回访' });
    await deliver({ chat: { platform: 'wechat', id: ROOMS.owners }, text: '@王女士 您的报修 R0001 已完成回访登记。' });
    await new Promise((r) => setTimeout(r, 150));
    expect(sent.length).toBe(from);
    expect(adapter.pending).toBe(2);

    // The puppet asks for a new scan: one more alert, then the code itself as a picture drawn here (no link).
    const imagesBefore = images.length;
    mocker.scan('qr-after-logout', types.ScanStatus.Waiting);
    const scanAlert = await waitFor('scan alert', () => hooks.slice(hooksBefore).find((h) => h.body.text.content.includes('需要扫码')));
    expect(scanAlert.body.text.content).not.toMatch(/https?:\/\//);
    await waitFor('QR picture', () => images.length > imagesBefore);
    expect(qrShown.at(-1)).toBe('qr-after-logout');
    // A refresh within the throttle (60 s by default) waits; the login below cancels it: nothing more goes out.
    mocker.scan('qr-refreshed', types.ScanStatus.Timeout);
    await new Promise((r) => setTimeout(r, 50));
    expect(qrShown.at(-1)).toBe('qr-refreshed');
    expect(hooks.slice(hooksBefore).filter((h) => h.body.text.content.includes('需要扫码'))).toEqual([scanAlert]);
    expect(images.length).toBe(imagesBefore + 1);

    mocker.login(people.me);
    const reminder = await waitFor('queued notice sent', () => sentAfter(from, inRoom('engineering', '请今天内回访')));
    expect(reminder.text).toBe('提醒:R0001 请今天内回访');
    const owner = await waitFor('queued owner notice', () => sentAfter(from, inRoom('owners', '回访登记')));
    expect(owner.text.startsWith('@王女士 ')).toBe(true);
    await waitFor('back online alert', () => hooks.slice(hooksBefore).find((h) => h.body.text.content.includes('重新登录')));

    // The digest can say how long the bot was offline.
    const periods = await new OfflineLog(store).periods(new Date(Date.now() - 3_600_000), new Date(Date.now() + 1000), 'wechat');
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ platform: 'wechat', reason: 'logout: test: session dropped' });
    expect(periods[0]?.to).toBeDefined();
    expect(await new OfflineLog(store, PLATFORMS).summary(new Date(Date.now() - 3_600_000), new Date())).toBe('微信掉线 1 次,共 不到1分钟');
  });

  it('a notice for a group that cannot be found is not silently lost: managers are alerted', async () => {
    const before = hooks.length;
    await deliver({ chat: { platform: 'wechat', id: 'topic:已解散的群' }, text: '【新报修】R0009' });
    const alert = await waitFor('undelivered alert', () => hooks.slice(before).find((h) => h.body.text.content.includes('发不出去')));
    expect(alert.body.text.content).toContain('topic:已解散的群');
    expect(alert.body.text.content).toContain('R0009');
  });
});
