/**
 * Issue 18 §5: each new login QR code goes to managers as a picture drawn here (WeCom robot `msgtype: image`, base64 +
 * md5), throttled and only while nobody is logged in; words elsewhere; no third-party link anywhere. The robot is a
 * webhook server on 127.0.0.1; the pictures are decoded back to the code's content with jsQR (already installed).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { types, WechatyBuilder } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { WECHAT_MAX_AGE_MS, WECHAT_OUTBOX } from '../../adapters/wechat/from-env.ts';
import { WechatAdapter } from '../../adapters/wechat/wechat-adapter.ts';
import { platformParts } from '../../app/compose.ts';
import { createOfflineAlert } from '../../src/alerts/offline-alert.ts';
import { systemClock } from '../../src/clock.ts';
import { parseConfig } from '../../src/config/load.ts';
import { openLowdbStore } from '../../src/store/lowdb-store.ts';

// Both come with file-box (through jimp); neither is a dependency of Huiyin.
const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };
const jsQR = require('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

const SAMPLE = join(import.meta.dirname, '../../config/sample.yaml');
type Posted = { at: number; path: string; body: { msgtype?: string; msg_type?: string; text?: { content: string }; content?: { text: string }; image?: { base64: string; md5: string } } };
const posted: Posted[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      posted.push({ at: Date.now(), path: req.url ?? '', body: JSON.parse(body) });
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

/** The content of a WeCom image message's QR code, after checking it is a sound PNG whose md5 is the one given. */
function decode(image: { base64: string; md5: string }): string | undefined {
  const png = Buffer.from(image.base64, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(createHash('md5').update(png).digest('hex')).toBe(image.md5);
  expect(png.length).toBeLessThan(2 * 1024 * 1024);
  const { width, height, data } = PNG.sync.read(png);
  expect(width).toBeGreaterThanOrEqual(100);
  return jsQR(new Uint8ClampedArray(data), width, height)?.data;
}

const textOf = (p: Posted) => p.body.text?.content ?? p.body.content?.text ?? '';
const waitFor = async (what: string, ok: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('a new QR code → text and its picture at once; changes within the throttle wait and only the newest goes; none once logged in; words on other channels; no link', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'huiyin-wechat-qr-'));
  const store = await openLowdbStore({ dataDir: dir, log: () => undefined });
  const config = { ...parseConfig(await readFile(SAMPLE, 'utf8'), SAMPLE, dir), dataDir: dir };
  const logs: string[] = [];
  const telegram: string[] = [];
  const alert = createOfflineAlert({ webhookUrl: `${base}/wecom?key=1`, log: (l) => void logs.push(l), hooks: [async (t) => void telegram.push(t)] });
  const shown: string[] = [];
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const throttleMs = 1_500;
  const adapter = new WechatAdapter({
    wechaty: WechatyBuilder.build({ puppet }),
    store,
    config,
    log: (l) => void logs.push(l),
    parts: platformParts('wechat', { store, clock: systemClock, log: (l) => void logs.push(l) })({ outbox: WECHAT_OUTBOX, guard: { maxAgeMs: WECHAT_MAX_AGE_MS } }),
    onOffline: alert,
    showQr: (qr) => void shown.push(qr),
    qrAlertIntervalMs: throttleMs,
    loginTimeoutMs: 0,
    jitterMs: 0,
  });
  const images = () => posted.filter((p) => p.path.startsWith('/wecom') && p.body.msgtype === 'image');
  try {
    await adapter.start(async () => undefined);
    const first = 'https://login.weixin.qq.com/l/first-code==';
    // The first code is sent (and the throttle starts) after this moment: the next may come throttleMs later at the soonest.
    const firstScanAt = Date.now();
    mocker.scan(first, types.ScanStatus.Waiting);
    await waitFor('first picture', () => images().length === 1);
    const texts = posted.filter((p) => p.path.startsWith('/wecom') && p.body.msgtype === 'text');
    expect(texts).toHaveLength(1);
    expect(textOf(texts[0]!)).toContain('需要扫码');
    expect(decode(images()[0]!.body.image!)).toBe(first);
    // The Telegram managers' chat cannot show the picture: it gets words, with the code's own content.
    expect(telegram).toHaveLength(1);
    expect(telegram[0]).toContain(first);

    // The same code again: nothing. Two new ones inside the throttle: neither now, the newest when the time is up.
    mocker.scan(first, types.ScanStatus.Waiting);
    mocker.scan('https://login.weixin.qq.com/l/second-code==', types.ScanStatus.Timeout);
    const third = 'https://login.weixin.qq.com/l/third-code==';
    mocker.scan(third, types.ScanStatus.Waiting);
    await new Promise((r) => setTimeout(r, 300));
    expect(images()).toHaveLength(1);
    expect(shown).toEqual([first, first, 'https://login.weixin.qq.com/l/second-code==', third]);
    await waitFor('second picture', () => images().length === 2, throttleMs + 3_000);
    expect(decode(images()[1]!.body.image!)).toBe(third);
    expect(images()[1]!.at - firstScanAt).toBeGreaterThanOrEqual(throttleMs);

    // Logged in: a code that still comes is not sent (nobody needs to scan).
    mocker.scan('https://login.weixin.qq.com/l/fourth-code==', types.ScanStatus.Waiting);
    const me = mocker.createContact({ name: '回音' });
    mocker.login(me);
    await waitFor('login', () => adapter.loggedIn);
    mocker.scan('https://login.weixin.qq.com/l/fifth-code==', types.ScanStatus.Waiting);
    await new Promise((r) => setTimeout(r, throttleMs + 500));
    expect(images()).toHaveLength(2);

    // No alert text links to anyone else's site (the old alert carried a wechaty.js.org link): the only address in
    // any of them is the code's own content (WeChat's login host), in the words for channels without pictures.
    const said = [...posted.map(textOf), ...telegram, ...logs].join('\n');
    const hosts = [...said.matchAll(/https?:\/\/([^/\s)）]+)/g)].map((m) => m[1]);
    expect(hosts.length).toBeGreaterThan(0);
    expect(new Set(hosts)).toEqual(new Set(['login.weixin.qq.com']));
    expect(said).not.toContain('wechaty.js.org');
  } finally {
    await adapter.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}, 30_000);

it('DingTalk and Feishu robots cannot take a local picture: they get the words instead, one message', async () => {
  const png = Buffer.from('not really a png');
  for (const [kind, path] of [['dingtalk', '/ding'], ['feishu', '/feishu']] as const) {
    const alert = createOfflineAlert({ webhookUrl: `${base}${path}`, webhookKind: kind, log: () => undefined });
    const before = posted.length;
    await alert('【回音】微信需要扫码登录', { png, fallback: '(二维码内容:weixin://code)' });
    const got = posted.slice(before);
    expect(got).toHaveLength(1);
    expect(got[0]!.body.msgtype ?? got[0]!.body.msg_type).toBe('text');
    expect(textOf(got[0]!)).toBe('【回音】微信需要扫码登录\n(二维码内容:weixin://code)');
  }
});
