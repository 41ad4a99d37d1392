/**
 * Telling managers, through a channel that still works, that a chat platform went offline (issue 8: a WeChat session
 * drops or needs a new scan; nobody is watching the terminal). Two kinds of channel:
 * - a group-robot webhook (`ALERT_WEBHOOK_URL`): WeCom and DingTalk take `{msgtype:'text', text:{content}}`, Feishu/Lark
 *   takes `{msg_type:'text', content:{text}}` — chosen from the URL's host;
 * - any number of hooks the composition root adds, e.g. sending to the Telegram managers' chat.
 * An alert never throws: a failing channel is logged and the others are still tried. An alert may carry a picture
 * (a login QR code): the WeCom robot gets it as an image message, every other channel gets words instead.
 */
import { createHash } from 'node:crypto';

export type AlertChannel = (text: string) => Promise<void>;

/**
 * A picture that goes with an alert, e.g. a login QR code drawn locally as PNG. Channels that can show it (the WeCom
 * group robot: `msgtype: image`) get the text and then the picture; every other channel gets the text followed by
 * `fallback`, which must say the same thing in words.
 */
export interface AlertImage {
  png: Buffer;
  fallback: string;
}

/** Which group robot a webhook is: what its JSON looks like and whether it takes a picture. */
export type WebhookKind = 'wecom' | 'dingtalk' | 'feishu';

export interface OfflineAlertOptions {
  /** A group robot's webhook URL; undefined for none. */
  webhookUrl?: string | undefined;
  /** More channels, e.g. `(text) => deliver({ chat: telegramManagers, text })`. */
  hooks?: AlertChannel[];
  log: (line: string) => void;
  /** Give up on a webhook that does not answer within this time. */
  timeoutMs?: number;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** The robot behind `webhookUrl`; default: from the URL's host (WeCom/DingTalk/Feishu), WeCom's JSON otherwise. */
  webhookKind?: WebhookKind | undefined;
}

export interface OfflineAlert {
  /** Sends `text` (and `image` where a channel can show it) on every channel; resolves when all have answered or failed. */
  (text: string, image?: AlertImage): Promise<void>;
  /** Adds a channel later (the Telegram adapter may start after WeChat). */
  addHook(hook: AlertChannel): void;
  /** How many channels are configured; 0 means alerts only reach the log. */
  readonly channels: number;
}

export function createOfflineAlert(options: OfflineAlertOptions): OfflineAlert {
  const hooks: AlertChannel[] = [...(options.hooks ?? [])];
  const channels = (): ImageChannel[] => [
    ...(options.webhookUrl ? [webhookChannel(options.webhookUrl, options)] : []),
    // Other platforms' managers' chats take words only.
    ...hooks.map((hook): ImageChannel => (text, image) => hook(image ? `${text}\n${image.fallback}` : text)),
  ];
  const alert = (async (text: string, image?: AlertImage) => {
    const all = channels();
    options.log(`alert: ${text.split('\n')[0]}${image ? ' (with a picture)' : ''}${all.length === 0 ? ' (no alert channel configured: set ALERT_WEBHOOK_URL)' : ''}`);
    const results = await Promise.allSettled(all.map((send) => send(text, image)));
    for (const r of results) if (r.status === 'rejected') options.log(`alert channel failed: ${(r.reason as Error).message}`);
  }) as OfflineAlert;
  alert.addHook = (hook) => void hooks.push(hook);
  Object.defineProperty(alert, 'channels', { get: () => channels().length });
  return alert;
}

type ImageChannel = (text: string, image?: AlertImage) => Promise<void>;

/** The robot a webhook URL belongs to, from its host; unknown hosts are treated as WeCom (the most common here). */
export function webhookKindOf(url: string): WebhookKind {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // An invalid URL fails at fetch time with a clear message; the kind does not matter.
  }
  if (/(^|\.)(feishu\.cn|larksuite\.com|larkoffice\.com)$/.test(host)) return 'feishu';
  if (/(^|\.)dingtalk\.com$/.test(host)) return 'dingtalk';
  return 'wecom';
}

/** The JSON body a group robot expects for a plain text message. */
export function webhookBody(url: string, text: string, kind: WebhookKind = webhookKindOf(url)): unknown {
  if (kind === 'feishu') return { msg_type: 'text', content: { text } };
  return { msgtype: 'text', text: { content: text } };
}

/**
 * The WeCom group robot's picture message: the PNG itself, base64 with its md5 (at most 2 MB). DingTalk's and
 * Feishu's robots only show pictures already hosted somewhere (a URL, an image_key from an app's upload): they get
 * words (`AlertImage.fallback`).
 */
export function webhookImageBody(png: Buffer): unknown {
  return { msgtype: 'image', image: { base64: png.toString('base64'), md5: createHash('md5').update(png).digest('hex') } };
}

function webhookChannel(url: string, options: OfflineAlertOptions): ImageChannel {
  const doFetch = options.fetch ?? fetch;
  const kind = options.webhookKind ?? webhookKindOf(url);
  const post = async (payload: unknown) => {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    // Robots answer 200 with an error code in the body (WeCom errcode, DingTalk errcode, Feishu code).
    const body = await response.text();
    if (!response.ok) throw new Error(`webhook answered ${response.status}: ${body.slice(0, 200)}`);
    const code = parseCode(body);
    if (code !== undefined && code !== 0) throw new Error(`webhook refused the message: ${body.slice(0, 200)}`);
  };
  return async (text, image) => {
    if (!image || kind !== 'wecom') return post(webhookBody(url, image ? `${text}\n${image.fallback}` : text, kind));
    await post(webhookBody(url, text, kind));
    try {
      await post(webhookImageBody(image.png));
    } catch (error) {
      // The words are the picture's last resort (a robot that refuses pictures, one over 2 MB).
      await post(webhookBody(url, image.fallback, kind));
      throw error;
    }
  };
}

function parseCode(body: string): number | undefined {
  try {
    const json = JSON.parse(body) as { errcode?: unknown; code?: unknown; StatusCode?: unknown };
    const code = json.errcode ?? json.code ?? json.StatusCode;
    return typeof code === 'number' ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The alert texts, in one place so managers always get the same wording. `platform` is the registry's display name
 * of the platform that is down (微信, Telegram), so any platform can use them.
 */
export const alertText = {
  loggedOut: (platform: string, account: string, at: string, reason: string) =>
    `【回音】${platform}已掉线(账号:${account},${at})。原因:${reason}。掉线期间的通知会保存,重新登录后补发。请尽快重新扫码登录。`,
  needsScan: (platform: string, at: string) =>
    `【回音】${platform}需要扫码登录(${at})。用作机器人的${platform}号扫描随后的二维码图片(二维码更新时会重发新的,至多每分钟一次)。\n登录之前,业主在${platform}里的消息收不到。`,
  /** Said instead of the picture where a channel cannot show one: the code's own content (the platform's login link). */
  scanFallback: (qrcode: string) => `(此处收不到图片:二维码也画在服务器终端/日志里;或用任何二维码工具把这段内容生成二维码再扫:${qrcode})`,
  undelivered: (platform: string, chat: string, text: string, reason: string) =>
    `【回音】一条${platform}消息发不出去(${chat}):${reason}。内容:${text.length > 80 ? `${text.slice(0, 80)}…` : text}`,
  noLogin: (platform: string, waited: string, lastError: string) =>
    `【回音】${platform}启动 ${waited} 后仍未登录,最近的错误:${lastError}。请检查网络、协议服务令牌,或查看终端里的登录二维码。`,
  cannotStart: (platform: string, reason: string, retryIn: string) =>
    `【回音】${platform}协议启动失败:${reason}。${retryIn ? `${retryIn}后自动重试。` : '已停止重试,请检查网络和协议服务令牌后重启回音。'}`,
  processStarted: (at: string, platforms: string) => `【回音】回音已启动(${at}),平台:${platforms}。若非人工重启,说明进程曾退出,已被自动拉起。`,
  crashed: (at: string, reason: string) => `【回音】回音进程异常退出(${at}):${reason}。服务管理器(systemd/pm2)会自动重启它;若反复出现,请查看日志。`,
  rateLimited: (platform: string, at: string, notice: string, resumeAt: string) =>
    `【回音】${platform}提示发送过于频繁(${at}):「${notice}」。已暂停发送,${resumeAt}后慢速恢复;消息保存在待发队列里,不会丢失。`,
  backOnline: (platform: string, account: string, at: string, offlineFor: string) =>
    `【回音】${platform}已重新登录(账号:${account},${at}),掉线 ${offlineFor}。保存的通知正在补发。`,
};
