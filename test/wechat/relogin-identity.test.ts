import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { WechatyBuilder, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WECHAT_MAX_AGE_MS, WECHAT_OUTBOX } from '../../adapters/wechat/from-env.ts';
import { WechatAdapter } from '../../adapters/wechat/wechat-adapter.ts';
import { PRIVATE_CHAT_GONE } from '../../adapters/wechat/wechat-text.ts';
import { connect, coreServices, platformParts } from '../../app/compose.ts';
import { systemClock } from '../../src/clock.ts';
import { parseConfig, type ResolvedConfig } from '../../src/config/load.ts';
import { Bot } from '../../src/core/bot.ts';
import type { IncomingMessage, OutgoingMessage } from '../../src/messages.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Issue 18 §4: a web puppet (wechat4u) gives every contact and room a new id at each login. The mock puppet is made to
 * behave that way: at the "re-login" every contact and room of the first login is gone, and the same people and groups
 * come back under new ids. What WeChat keeps on its side comes back too: remark names (备注) the bot's account gave,
 * group names, nicknames. The owner who reported before must find their ticket and rate it after; staff bound once
 * keep their rights; owners who wrote privately are still reached.
 */

/** The mock keeps remark names like WeChat does (the stock mock forgets them). */
class RemarkingPuppet extends PuppetMock {
  override async contactAlias(contactId: string): Promise<string>;
  override async contactAlias(contactId: string, alias: string | null): Promise<void>;
  override async contactAlias(contactId: string, alias?: string | null): Promise<void | string> {
    const payload = this.mocker.contactPayload(contactId);
    if (alias === undefined) return payload.alias ?? '';
    this.mocker.contactPayload(contactId, { ...payload, alias: alias ?? '' });
  }
}

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');
const TOPICS = { owners: '阳光家园业主群', engineering: '工程班', office: '管理处' } as const;
type Who = 'me' | 'wang' | 'zhang' | 'li' | 'liu' | 'zhou' | 'fake';
const NAMES: Record<Who, string> = { me: '回音', wang: '王女士', zhang: '张工', li: '李主任', liu: '刘先生', zhou: '周先生', fake: '张工' };

interface Sent {
  room?: string;
  to?: string;
  text: string;
}

let dir: string;
let store: Store;
let config: ResolvedConfig;
let bot: Bot;
let handle: MockInstance<Bot['handle']>;
let mocker: mock.Mocker;
let puppet: RemarkingPuppet;
let wechaty: Wechaty;
let adapter: WechatAdapter;
let deliver: (out: OutgoingMessage) => Promise<void>;
const sent: Sent[] = [];
const logs: string[] = [];
/** The current login's contacts and rooms. */
let people: Record<Who, mock.ContactMock>;
let rooms: Record<keyof typeof TOPICS, mock.RoomMock>;
let login = 0;

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 6000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\nsent:\n${sent.map((s) => `  [${s.room ?? s.to}] ${s.text}`).join('\n')}\nlog:\n${logs.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const sentAfter = (from: number, match: (s: Sent) => boolean) => sent.slice(from).find(match);
const inRoom = (room: keyof typeof TOPICS, has: string) => (s: Sent) => s.room === rooms[room].id && s.text.includes(has);
const toPerson = (who: Who, has: string) => (s: Sent) => s.to === people[who].id && s.text.includes(has);
const handled = (): IncomingMessage[] => handle.mock.calls.map((c) => c[0]);

/**
 * Logs in with every contact and room under a new id (`c-wang-2`, `r-owners-2@chatroom`, …). Remark names stay
 * unless `loseRemark` names the person (their friendship was dropped and renewed, say).
 */
async function newLogin(loseRemark: Who[] = []): Promise<void> {
  const before = people;
  const oldRooms = rooms;
  const remarks = new Map(before ? Object.entries(before).map(([who, c]) => [who, mocker.contactPayload(c.id).alias]) : []);
  login += 1;
  if (before) {
    await puppet.logout('web session ended');
    await waitFor('logged out', () => !adapter.loggedIn);
    for (const c of Object.values(before)) {
      mocker.cacheContactPayload.delete(c.id);
      await puppet.contactPayloadDirty(c.id);
    }
    for (const r of Object.values(oldRooms)) {
      mocker.cacheRoomPayload.delete(r.id);
      await puppet.roomPayloadDirty(r.id);
    }
  }
  const make = (who: Who) => {
    const alias = loseRemark.includes(who) ? undefined : remarks.get(who);
    return mocker.createContact({ id: `c-${who}-${login}`, name: NAMES[who], ...(alias && { alias }) });
  };
  people = { me: make('me'), wang: make('wang'), zhang: make('zhang'), li: make('li'), liu: make('liu'), zhou: make('zhou'), fake: make('fake') };
  const members = (...who: Who[]) => who.map((w) => people[w].id);
  rooms = {
    owners: mocker.createRoom({ id: `r-owners-${login}@chatroom`, topic: TOPICS.owners, memberIdList: members('me', 'wang', 'liu', 'zhou', 'fake', 'li') }),
    engineering: mocker.createRoom({ id: `r-eng-${login}@chatroom`, topic: TOPICS.engineering, memberIdList: members('me', 'zhang', 'li') }),
    office: mocker.createRoom({ id: `r-office-${login}@chatroom`, topic: TOPICS.office, memberIdList: members('me', 'li') }),
  };
  const seen = logs.length;
  mocker.login(people.me);
  await waitFor('login', () => adapter.loggedIn);
  // Groups mapped and the outbox resumed: the adapter's login work is done.
  await waitFor('login handled', () => logs.slice(seen).some((l) => l.includes('logged in as')) && adapter.pending === 0);
  await new Promise((r) => setTimeout(r, 50));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-relogin-'));
  const base = parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir);
  config = {
    ...base,
    dataDir: dir,
    chats: [
      // The owners' group by the room id of the first login, as a deployer copies it from the log.
      { platform: 'wechat', id: 'r-owners-1@chatroom', estate: 'sunshine', role: 'owners', offerToRegister: true, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
      { platform: 'wechat', id: `topic:${TOPICS.engineering}`, estate: 'sunshine', role: 'engineering', offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
      { platform: 'wechat', id: `topic:${TOPICS.office}`, estate: 'sunshine', role: 'office', offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 },
    ],
    staff: [
      // Never seen under this id: 张工 binds himself with a code.
      { platform: 'wechat', id: 'zhang', name: '张工', estate: 'sunshine', unit: 'engineering', role: 'handler', onDuty: true },
      // The contact id of the first login, copied from the log.
      { platform: 'wechat', id: 'c-li-1', name: '李主任', estate: 'sunshine', unit: 'office_head', role: 'head', onDuty: true },
    ],
  };
  store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  const log = (l: string) => void logs.push(l);
  bot = new Bot({ config, store, clock: systemClock, log, ...coreServices(config, store, systemClock) });
  handle = vi.spyOn(bot, 'handle');
  mocker = new mock.Mocker();
  puppet = new RemarkingPuppet({ mocker });
  wechaty = WechatyBuilder.build({ puppet });
  wechaty.on('message', (m) => {
    if (!m.self()) return;
    const room = m.room();
    sent.push({ ...(room ? { room: room.id } : { to: m.listener()?.id }), text: m.text() });
  });
  adapter = new WechatAdapter({
    wechaty,
    store,
    config,
    log,
    onOffline: async () => undefined,
    parts: platformParts('wechat', { store, clock: systemClock, log })({
      outbox: { ...WECHAT_OUTBOX, overallIntervalMs: 5, perChatIntervalMs: 5, retryBaseMs: 20 },
      guard: { maxAgeMs: WECHAT_MAX_AGE_MS },
    }),
    jitterMs: 0,
    loginTimeoutMs: 0,
    readyTimeoutMs: 500,
    roomGraceMs: 0,
    sendBudget: { slowDrainMs: 0, burstPerMinute: 1_000, perChatPerHour: 1_000, overallPerHour: 1_000 },
  });
  deliver = await connect(bot, [adapter], log);
  await newLogin();
});

afterAll(async () => {
  await adapter?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ids that change at every login (web puppets; issue 18 §4)', () => {
  let code = '';

  it('first login: the office head gets a one-time code, 张工 binds himself with it, a second use is refused', async () => {
    // The log names the staff member never seen, with the code he can use.
    const logged = logs.find((l) => l.includes('staff 张工 (zhang) is not bound'));
    const loggedCode = /绑定 (\d{6})/.exec(logged ?? '')?.[1];
    expect(loggedCode).toBeDefined();
    // Said in a group, the code is public: it is spent and 张工 is told to ask for a new one.
    let from = sent.length;
    people.zhang.say(`绑定 ${loggedCode}`).to(rooms.engineering);
    await waitFor('told to bind privately', () => sentAfter(from, inRoom('engineering', '私聊发给我')));
    from = sent.length;
    people.li.say('绑定码 张工').to(people.me);
    const answer = await waitFor('code', () => sentAfter(from, toPerson('li', '绑定码')));
    code = /绑定 (\d{6})/.exec(answer.text)![1]!;
    expect(code).not.toBe(loggedCode);
    from = sent.length;
    people.zhang.say(`绑定 ${loggedCode}`).to(people.me);
    await waitFor('the spent code refused', () => sentAfter(from, toPerson('zhang', '绑定码不对')));

    // Someone who is not a head or a manager gets no code.
    from = sent.length;
    people.liu.say('绑定码 张工').to(people.me);
    await waitFor('refusal', () => sentAfter(from, toPerson('liu', '只有管理处主任')));

    from = sent.length;
    people.zhang.say(`绑定 ${code}`).to(people.me);
    await waitFor('bound', () => sentAfter(from, toPerson('zhang', '已绑定')));
    expect(mocker.contactPayload(people.zhang.id).alias).toBe('张工'); // how he is recognised after the next login

    from = sent.length;
    people.fake.say(`绑定 ${code}`).to(people.me);
    await waitFor('spent code refused', () => sentAfter(from, toPerson('fake', '绑定码不对')));
    // Binding words never reach the core.
    expect(handled().some((m) => m.text.includes('绑定'))).toBe(false);
  });

  it('first login: an owner reports in the group, and 张工 (bound) accepts in the engineering group', async () => {
    let from = sent.length;
    people.wang.say('@回音\u2005报修 5栋2单元502 厨房水管漏水 13800138000 明天下午两点', [people.me]).to(rooms.owners);
    await waitFor('read-back', () => sentAfter(from, inRoom('owners', '回复「确认」')));
    from = sent.length;
    people.wang.say('确认').to(rooms.owners);
    await waitFor('recorded', () => sentAfter(from, inRoom('owners', 'R0001')));
    await waitFor('unit notice', () => sentAfter(from, inRoom('engineering', '接单 R0001')));
    expect((await store.getTicket('R0001'))?.owner).toMatchObject({ platform: 'wechat', id: 'c-wang-1' });

    from = sent.length;
    people.zhang.say('接单 R0001').to(rooms.engineering);
    await waitFor('owner told of accept', () => sentAfter(from, inRoom('owners', '张工')));
    expect(handled().at(-1)?.sender.id).toBe('zhang');

    // Two owners write privately (one of them also in the group): the bot gives them remark names.
    from = sent.length;
    people.liu.say('服务卡').to(people.me);
    people.zhou.say('@回音 服务卡').to(rooms.owners);
    people.zhou.say('服务卡').to(people.me);
    await waitFor('cards', () => sentAfter(from, toPerson('liu', '0755')) && sentAfter(from, toPerson('zhou', '0755')));
    await waitFor("remarks", () => mocker.contactPayload(people.liu.id).alias && mocker.contactPayload(people.zhou.id).alias);
  });

  it('after a re-login with every id changed: the owner asks 查询 and rates; staff commands still work', async () => {
    // 周先生's remark is lost (friendship dropped and renewed): nothing identifies his private chat any more.
    await newLogin(['zhou']);
    expect(people.wang.id).toBe('c-wang-2');
    expect(logs.some((l) => l.includes('config chat "r-owners-1@chatroom" is group r-owners-2@chatroom'))).toBe(true);

    let from = sent.length;
    people.wang.say('@回音\u2005查询', [people.me]).to(rooms.owners);
    const list = await waitFor('query answer', () => sentAfter(from, inRoom('owners', 'R0001')));
    expect(list.text).toContain('@王女士');
    expect(handled().at(-1)).toMatchObject({ chat: { id: 'r-owners-1@chatroom' }, sender: { id: 'c-wang-1' } });

    from = sent.length;
    people.zhang.say('完成 R0001 换了角阀').to(rooms.engineering);
    const ask = await waitFor('rating request', () => sentAfter(from, inRoom('owners', '打分')));
    expect(ask.text.startsWith('@王女士')).toBe(true);
    expect(handled().at(-1)?.sender.id).toBe('zhang');

    from = sent.length;
    people.wang.say('5 5 4').to(rooms.owners);
    await waitFor('thanks', () => sentAfter(from, (s) => s.room === rooms.owners.id));
    const rated = (await store.getTicket('R0001'))?.history.find((e) => e.type === 'rated');
    expect(rated).toBeDefined();
    expect(JSON.stringify(rated)).toContain('c-wang-1');

    // The head, configured by the first login's contact id, is still the head (recognised by his remark name).
    from = sent.length;
    people.li.say('绑定码 张工').to(people.me);
    await waitFor('a fresh code', () => sentAfter(from, toPerson('li', '绑定码')));
    expect(handled().some((m) => m.text.includes('绑定'))).toBe(false);
  });

  it('after the re-login, a nickname is not a staff member: someone called 张工 without his remark has no rights', async () => {
    people.fake.say('待办').to(people.me);
    people.fake.say('@回音 待办').to(rooms.owners);
    await waitFor('both handled', () => handled().filter((m) => m.text === '待办').length === 2);
    for (const m of handled().filter((x) => x.text === '待办')) expect(m.sender.id).not.toBe('zhang');
    // The real 张工 in private is still 张工.
    people.zhang.say('待办').to(people.me);
    await waitFor('zhang handled', () => handled().find((m) => m.text === '待办' && m.sender.id === 'zhang'));
  });

  it('owners who wrote privately are still reached: by remark name, or in their group with an @-mention and a pointer only', async () => {
    let from = sent.length;
    await deliver({ chat: { platform: 'wechat', id: 'c-liu-1' }, text: '您的报修 R0002 已派单。' });
    const private1 = await waitFor('private notice', () => sentAfter(from, (s) => s.text.includes('R0002')));
    expect(private1.to).toBe('c-liu-2');

    from = sent.length;
    await deliver({ chat: { platform: 'wechat', id: 'c-zhou-1' }, text: '您的报修 R0003 已派单,维修员 13900001111。' });
    const pointer = await waitFor('pointer in the group', () => sentAfter(from, inRoom('owners', '私聊')));
    expect(pointer.text).toMatch(/^@周先生[ \u2005]/);
    expect(pointer.text.endsWith(PRIVATE_CHAT_GONE)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    // What was said privately is not said in the group.
    expect(sent.slice(from).some((s) => s.text.includes('R0003'))).toBe(false);
  });
});
