/**
 * The office console over real HTTP on loopback, on the real core and store with a manual clock (issue 21): who
 * sees what, how links and sessions end, and that a web action is the chat command's own event.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResolvedConfig } from '../../src/config/load.ts';
import { issueLoginLink } from '../../src/access/login-links.ts';
import { LOGIN_LIMIT } from '../../web/app.tsx';
import { type WebConsole, startWebConsole } from '../../web/server.ts';
import { Transcript } from '../helpers/transcript.ts';

/** A second estate with its own handler, beside the sample's 阳光家园. */
function withRiverside(config: ResolvedConfig): ResolvedConfig {
  return {
    ...config,
    estates: [...config.estates, { ...config.estates[0]!, id: 'riverside', name: '江畔花园', faq: [] }],
    chats: [...config.chats, { platform: 'console', id: 'river-owners', estate: 'riverside', role: 'owners', offerToRegister: false, offersPerWindow: 3, offerWindowMinutes: 10, offerIntervalMinutes: 10 }],
    staff: [...config.staff, { platform: 'console', id: 'wu', name: '吴工', estate: 'riverside', unit: 'engineering', role: 'handler', onDuty: true }],
  };
}

let tr: Transcript;
let web: WebConsole;
let delivered: string[];

beforeEach(async () => {
  tr = await Transcript.open({ configure: withRiverside });
  delivered = [];
  web = await startWebConsole({
    config: tr.config,
    store: tr.store,
    clock: tr.clock,
    directory: tr.bot.directory,
    handle: (m) => tr.bot.handle(m),
    deliver: async (m) => void delivered.push(`[${m.chat.id}] ${m.text}`),
    log: () => {},
  }, { port: 0 });
  await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
  await tr.say('王女士', 'owners', '确认');
});
afterEach(async () => {
  await web.close();
  await tr.close();
});

/** Logs a staff member in by a fresh link; returns a fetch that carries their session cookie. */
async function login(staffId: string) {
  const staff = tr.config.staff.find((s) => s.id === staffId)!;
  const { url } = await issueLoginLink({ store: tr.store, clock: tr.clock, web: tr.config.web }, staff);
  const token = new URL(url).searchParams.get('token')!;
  const response = await post('/login', { token });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie')!;
  const session = cookie.split(';')[0]!;
  const get = (path: string) => fetch(`${web.url}${path}`, { headers: { cookie: session }, redirect: 'manual' });
  const csrf = async (path: string) => /name="_csrf" value="([^"]+)"/.exec(await (await get(path)).text())![1]!;
  return { cookie, session, get, csrf, post: (path: string, form: Record<string, string>) => post(path, form, session) };
}

function post(path: string, form: Record<string, string>, session?: string) {
  return fetch(`${web.url}${path}`, {
    method: 'POST',
    body: new URLSearchParams(form),
    headers: { origin: web.url, ...(session && { cookie: session }) },
    redirect: 'manual',
  });
}

describe('office console over HTTP', () => {
  it('sets the session cookie HttpOnly and SameSite=Strict; logging out ends the session', async () => {
    const zhang = await login('zhang');
    expect(zhang.cookie).toMatch(/HttpOnly/i);
    expect(zhang.cookie).toMatch(/SameSite=Strict/i);
    expect((await zhang.get('/tickets/R0001')).status).toBe(200);
    expect((await zhang.post('/logout', { _csrf: await zhang.csrf('/') })).status).toBe(303);
    const after = await zhang.get('/tickets/R0001');
    expect(after.status).toBe(401);
    expect(await after.text()).not.toContain('厨房');
  });

  it('shows staff of another estate nothing of this one; managers see every estate with the full phone', async () => {
    const wu = await login('wu');
    const page = await wu.get('/tickets/R0001');
    expect(page.status).toBe(404);
    expect(await page.text()).not.toMatch(/厨房|13800138000/);
    expect(await (await wu.get('/')).text()).not.toContain('R0001');
    expect(await (await wu.get('/ledgers/repair?month=2026-11&estate=sunshine')).text()).not.toContain('R0001');
    const csv = await (await wu.get('/ledgers/repair/download?month=2026-11&format=csv&estate=sunshine')).text();
    expect(csv).not.toContain('R0001');
    // An action on a ticket one cannot see is refused like a missing ticket, and changes nothing.
    const before = (await tr.store.getTicket('R0001'))!.history.length;
    expect((await wu.post('/tickets/R0001/actions', { _csrf: await wu.csrf('/'), action: 'accept' })).status).toBe(404);
    expect((await tr.store.getTicket('R0001'))!.history.length).toBe(before);

    const zhao = await login('zhao');
    const full = await (await zhao.get('/tickets/R0001')).text();
    expect(full).toContain('13800138000');
    // Everywhere else the phone is masked.
    const ledger = await (await zhao.get('/ledgers/repair?month=2026-11')).text();
    expect(ledger).toContain('138****8000');
    expect(ledger).not.toContain('13800138000');
  });

  it('records a web action as the chat command does, marked as from the web, and tells the owner', async () => {
    const zhang = await login('zhang');
    const response = await zhang.post('/tickets/R0001/actions', { _csrf: await zhang.csrf('/tickets/R0001'), action: 'accept' });
    expect(response.status).toBe(303);
    const event = (await tr.store.getTicket('R0001'))!.history.at(-1)!;
    expect(event).toMatchObject({ type: 'accepted', by: { kind: 'staff', platform: 'console', id: 'zhang', name: '张工' }, via: 'console:web', handler: { name: '张工' } });
    expect(delivered).toContain('[owners] @王女士 您的报修 R0001 已由 张工 受理,会尽快联系您。');
    expect(await (await zhang.get('/tickets/R0001')).text()).toContain('R0001 已由 张工 受理。');
  });

  it('refuses what the chat refuses, with the chat\'s words, and changes nothing', async () => {
    const zhang = await login('zhang');
    const before = (await tr.store.getTicket('R0001'))!.history.length;
    await zhang.post('/tickets/R0001/actions', { _csrf: await zhang.csrf('/tickets/R0001'), action: 'close', reason: '重复' });
    expect((await tr.store.getTicket('R0001'))!.history.length).toBe(before);
    const page = await (await zhang.get('/tickets/R0001')).text();
    expect(page).toContain('flash error');
    expect(page).toContain('关闭需要主任、领导或管理处来操作。');
    // A form missing what the command needs is answered before the bot is asked.
    await zhang.post('/tickets/R0001/actions', { _csrf: await zhang.csrf('/tickets/R0001'), action: 'complete', result: ' ' });
    expect(await (await zhang.get('/tickets/R0001')).text()).toContain('请填写处理结果');
  });

  it('names chats in a ticket\'s history as the office knows them, never by platform and id', async () => {
    await tr.say('zhang', 'engineering', '接单 R0001');
    const page = await (await (await login('li')).get('/tickets/R0001')).text();
    expect(page).toContain('已通知工程班(工程班)');
    expect(page).toContain('阳光家园业主群');
    expect(page).toContain('<td>控制台</td>');
    expect(page).not.toMatch(/console:/);
  });

  it('leaves a question the FAQ answered off the board, and the ledgers call it 已答复, not 已完成待评价', async () => {
    const [answer] = await tr.say('孙先生', 'owners', '咨询 停车月卡多少钱');
    expect(answer).toContain('S0001');
    const li = await login('li');
    const board = await (await li.get('/')).text();
    expect(board).toContain('R0001');
    expect(board).not.toContain('S0001');
    expect(board).toContain('<b>1</b>件未结');
    const duty = await (await li.get('/ledgers/duty?month=2026-11')).text();
    expect(duty).toMatch(/S0001[^]*?已答复/);
    expect(duty).not.toContain('已完成待评价');
  });

  it('shows the owner\'s appointment window on the ticket page, not only its start', async () => {
    await tr.say('吴女士', 'owners', '报修 6栋3单元401 卫生间马桶堵了 13500003333 今天下午');
    await tr.say('吴女士', 'owners', '确认');
    expect(await (await (await login('li')).get('/tickets/R0002')).text()).toMatch(/预约时间<\/th>\s*<td>11月27日 14:00–18:00<\/td>/);
  });

  it('without a CJK font on the server, says so instead of offering a chart picture that ends in an error', async () => {
    vi.stubEnv('HUIYIN_CJK_FONT', '/nonexistent/NotoSansCJK-Regular.ttc');
    try {
      const li = await login('li');
      const page = await (await li.get('/monthly?month=2026-11')).text();
      expect(page).not.toContain('/monthly/chart.png');
      expect(page).toContain('服务器缺少中文字体');
      const picture = await li.get('/monthly/chart.png?month=2026-11');
      expect(picture.status).toBe(503);
      expect(picture.headers.get('content-type')).toContain('text/html');
      expect(await picture.text()).toContain('fonts-noto-cjk');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('the monthly page lists work reopened after a 不满意, with the reason and a link', async () => {
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    await tr.say('王女士', 'owners', '不满意');
    const page = await (await (await login('li')).get('/monthly?month=2026-11')).text();
    expect(page).toMatch(/<h2>重开返工<\/h2>[^]*?<a href="\/tickets\/R0001">R0001<\/a><\/td><td>\S+/);
  });

  it("the FAQ's answer is in the duty log but not in the rate: 月报, the monthly page and the ledger agree (timeliness J10)", async () => {
    expect((await tr.say('刘先生', 'owners', '咨询 停车月卡怎么办理'))[0]).toContain('S0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    const report = (await tr.say('li', 'office', '月报'))[0]!;
    expect(report).toContain('其中自动答复咨询 1 件,不计入及时率');
    expect(report).toContain('及时率 100%(1/1)');
    expect(report).not.toContain('自动答复 ');
    const li = await login('li');
    const page = await (await li.get('/monthly?month=2026-11')).text();
    expect(page).toMatch(/<b>100%<\/b>总及时率<small>1\/1/);
    expect(page).toMatch(/<b>1<\/b>件自动答复/);
    const csv = await (await li.get('/ledgers/duty/download?format=csv&month=2026-11')).text();
    expect(csv.split('\r\n').find((l) => l.startsWith('S0001'))).toContain('不计(自动答复)');
  });

  it('closing unfinished work from the ticket page needs a reason, as 关闭 in chat does', async () => {
    const li = await login('li');
    expect(await (await li.get('/tickets/R0001')).text()).toMatch(/<input name="reason"[^>]*required/);
    const refused = await li.post('/tickets/R0001/actions', { _csrf: await li.csrf('/tickets/R0001'), action: 'close', reason: '' });
    expect(refused.status).toBe(303);
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
  });

  it('the digest page offers today so far beside the day that ended', async () => {
    const li = await login('li');
    const yesterday = await (await li.get('/digest')).text();
    expect(yesterday).toContain('件昨日新增');
    expect(yesterday).toContain('href="/digest?day=today');
    const today = await (await li.get('/digest?day=today')).text();
    expect(today).toMatch(/<b>1<\/b>\s*件今日新增/);
    expect(today).toContain('11月27日 截至09:00');
  });

  it('a link works once and only for its ten minutes', async () => {
    const staff = tr.config.staff.find((s) => s.id === 'chen')!;
    const link = async () => new URL((await issueLoginLink({ store: tr.store, clock: tr.clock, web: tr.config.web }, staff)).url).searchParams.get('token')!;
    const once = await link();
    expect((await post('/login', { token: once })).status).toBe(303);
    expect((await post('/login', { token: once })).status).toBe(401);
    const late = await link();
    tr.clock.advance(11 * 60_000);
    const refused = await post('/login', { token: late });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('链接无效、已用过或已过期');
  });

  it('limits login attempts per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= LOGIN_LIMIT; i += 1) statuses.push((await post('/login', { token: `guess-${i}-aaaaaaaaaaaaaaaa` })).status);
    expect(statuses.slice(0, LOGIN_LIMIT).every((s) => s === 401)).toBe(true);
    expect(statuses[LOGIN_LIMIT]).toBe(429);
  });

  it('gives the 后台 link only in a private chat', async () => {
    expect(await tr.say('zhang', 'engineering', '后台')).toEqual(['[engineering] 台账和报表在网页后台;后台登录链接只能私聊获取,请私聊我发送「后台」。']);
    const [answer] = await tr.say('zhang', 'dm', '后台');
    expect(answer).toContain('[dm] 后台登录链接');
    expect(answer).toContain('11月27日 09:10 前有效');
    expect(answer).toMatch(/\nhttp:\/\/127\.0\.0\.1:8787\/login\?token=[\w-]{32}\n台账、月报和每日简报都在后台/);
    // Owners typing it get no link.
    expect((await tr.say('赵先生', 'dm', '后台')).join('\n')).not.toContain('token=');
  });

  it('sends a clerk asking for 台账 or 导出 in chat to the ledgers in the console (seen in play: silence)', async () => {
    expect(await tr.say('zhang', 'engineering', '台账')).toEqual(['[engineering] 台账和报表在网页后台;后台登录链接只能私聊获取,请私聊我发送「后台」。']);
    const [answer] = await tr.say('zhang', 'dm', '导出');
    expect(answer).toMatch(/^\[dm\] 后台登录链接.*\nhttp:\/\/127\.0\.0\.1:8787\/login\?token=[\w-]{32}\n台账、月报和每日简报都在后台,台账可按月导出 Excel。$/s);
  });
});
