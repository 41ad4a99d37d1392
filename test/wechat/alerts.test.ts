import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfflineAlert, webhookBody } from '../../src/alerts/offline-alert.ts';
import { formatDuration, OfflineLog } from '../../src/alerts/offline-periods.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';
import { PLATFORMS } from '../../app/platforms.ts';

let server: Server;
let base: string;
const received: Array<{ url: string; body: unknown }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      // A robot that refuses (DingTalk answers 200 with an errcode, e.g. a missing keyword).
      if (req.url?.startsWith('/refuse')) res.end('{"errcode":310000,"errmsg":"keywords not in content"}');
      else if (req.url?.startsWith('/down')) (res.statusCode = 502), res.end('bad gateway');
      else res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('offline alert', () => {
  it('posts WeCom/DingTalk-style JSON to the webhook and calls every hook (e.g. the Telegram managers chat)', async () => {
    const logs: string[] = [];
    const telegram: string[] = [];
    const alert = createOfflineAlert({ webhookUrl: `${base}/ok?key=1`, log: (l) => void logs.push(l), hooks: [async (t) => void telegram.push(t)] });
    const later: string[] = [];
    alert.addHook(async (t) => void later.push(t));
    expect(alert.channels).toBe(3);
    await alert('微信已掉线');
    expect(received.at(-1)).toEqual({ url: '/ok?key=1', body: { msgtype: 'text', text: { content: '微信已掉线' } } });
    expect(telegram).toEqual(['微信已掉线']);
    expect(later).toEqual(['微信已掉线']);
    expect(logs.some((l) => l.includes('failed'))).toBe(false);
  });

  it('never throws: a refusing or failing channel is logged and the others still get the alert', async () => {
    const logs: string[] = [];
    const telegram: string[] = [];
    const refusing = createOfflineAlert({ webhookUrl: `${base}/refuse`, log: (l) => void logs.push(l), hooks: [async () => Promise.reject(new Error('telegram down')), async (t) => void telegram.push(t)] });
    await expect(refusing('掉线')).resolves.toBeUndefined();
    expect(telegram).toEqual(['掉线']);
    expect(logs.filter((l) => l.includes('alert channel failed'))).toHaveLength(2);
    expect(logs.join('\n')).toContain('keywords not in content');

    const down = createOfflineAlert({ webhookUrl: `${base}/down`, log: (l) => void logs.push(l) });
    await down('掉线');
    expect(logs.at(-1)).toContain('502');

    const unreachable = createOfflineAlert({ webhookUrl: 'http://127.0.0.1:9/', log: (l) => void logs.push(l), timeoutMs: 2000 });
    await expect(unreachable('掉线')).resolves.toBeUndefined();
  });

  it('says in the log when no channel is configured', async () => {
    const logs: string[] = [];
    await createOfflineAlert({ log: (l) => void logs.push(l) })('掉线');
    expect(logs[0]).toContain('ALERT_WEBHOOK_URL');
  });

  it('uses Feishu/Lark robot JSON for Feishu hosts', () => {
    expect(webhookBody('https://open.feishu.cn/open-apis/bot/v2/hook/x', 'hi')).toEqual({ msg_type: 'text', content: { text: 'hi' } });
    expect(webhookBody('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x', 'hi')).toEqual({ msgtype: 'text', text: { content: 'hi' } });
    expect(webhookBody('https://oapi.dingtalk.com/robot/send?access_token=x', 'hi')).toEqual({ msgtype: 'text', text: { content: 'hi' } });
  });
});

describe('offline periods', () => {
  it('keeps one open period per platform, closes it at login, and sums the part inside a window', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-offline-'));
    const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
    try {
      const log = new OfflineLog(store, PLATFORMS);
      await log.wentOffline('wechat', new Date('2026-11-27T08:00:00Z'), 'logout: kicked');
      // A scan prompt during the same outage does not start a new period.
      await log.wentOffline('wechat', new Date('2026-11-27T08:05:00Z'), 'needs scan');
      expect((await log.open('wechat'))?.reason).toBe('logout: kicked');
      await log.cameOnline('wechat', new Date('2026-11-27T09:05:00Z'));
      await log.wentOffline('wechat', new Date('2026-11-27T20:00:00Z'), 'needs scan');
      const day = [new Date('2026-11-27T00:00:00Z'), new Date('2026-11-28T00:00:00Z')] as const;
      expect(await log.periods(...day)).toHaveLength(2);
      // 1 h 5 min, plus 4 h of the still-open period up to the window's end.
      expect(await log.summary(...day)).toBe('微信掉线 2 次,共 5小时5分钟(仍未恢复)');
      expect(await new OfflineLog(store, PLATFORMS).summary(new Date('2026-11-26T00:00:00Z'), new Date('2026-11-27T00:00:00Z'))).toBeUndefined();
      expect(formatDuration(30_000)).toBe('不到1分钟');
      expect(formatDuration(26 * 3_600_000 + 60_000)).toBe('1天2小时1分钟');
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
