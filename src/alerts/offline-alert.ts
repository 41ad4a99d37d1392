/**
 * Telling managers, through a channel that still works, that a chat platform went offline (issue 8: a WeChat session
 * drops or needs a new scan; nobody is watching the terminal). Two kinds of channel:
 * - a group-robot webhook (`ALERT_WEBHOOK_URL`): WeCom and DingTalk take `{msgtype:'text', text:{content}}`, Feishu/Lark
 *   takes `{msg_type:'text', content:{text}}` — chosen from the URL's host;
 * - any number of hooks the composition root adds, e.g. sending to the Telegram managers' chat.
 * An alert never throws: a failing channel is logged and the others are still tried.
 */
export type AlertChannel = (text: string) => Promise<void>;

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
}

export interface OfflineAlert {
  /** Sends `text` on every channel; resolves when all have answered or failed. */
  (text: string): Promise<void>;
  /** Adds a channel later (the Telegram adapter may start after WeChat). */
  addHook(hook: AlertChannel): void;
  /** How many channels are configured; 0 means alerts only reach the log. */
  readonly channels: number;
}

export function createOfflineAlert(options: OfflineAlertOptions): OfflineAlert {
  const hooks: AlertChannel[] = [...(options.hooks ?? [])];
  const channels = (): AlertChannel[] => [...(options.webhookUrl ? [webhookChannel(options.webhookUrl, options)] : []), ...hooks];
  const alert = (async (text: string) => {
    const all = channels();
    options.log(`alert: ${text.split('\n')[0]}${all.length === 0 ? ' (no alert channel configured: set ALERT_WEBHOOK_URL)' : ''}`);
    const results = await Promise.allSettled(all.map((send) => send(text)));
    for (const r of results) if (r.status === 'rejected') options.log(`alert channel failed: ${(r.reason as Error).message}`);
  }) as OfflineAlert;
  alert.addHook = (hook) => void hooks.push(hook);
  Object.defineProperty(alert, 'channels', { get: () => channels().length });
  return alert;
}

/** The JSON body a group robot expects for a plain text message. */
export function webhookBody(url: string, text: string): unknown {
  let host = '';
  try {
    host = new URL(url).hostname;
  } catch {
    // An invalid URL fails at fetch time with a clear message; the body does not matter.
  }
  if (/(^|\.)(feishu\.cn|larksuite\.com|larkoffice\.com)$/.test(host)) return { msg_type: 'text', content: { text } };
  return { msgtype: 'text', text: { content: text } };
}

function webhookChannel(url: string, options: OfflineAlertOptions): AlertChannel {
  const doFetch = options.fetch ?? fetch;
  return async (text) => {
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(webhookBody(url, text)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    // Robots answer 200 with an error code in the body (WeCom errcode, DingTalk errcode, Feishu code).
    const body = await response.text();
    if (!response.ok) throw new Error(`webhook answered ${response.status}: ${body.slice(0, 200)}`);
    const code = parseCode(body);
    if (code !== undefined && code !== 0) throw new Error(`webhook refused the message: ${body.slice(0, 200)}`);
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
  needsScan: (platform: string, at: string, url: string) =>
    `【回音】${platform}需要扫码登录(${at})。用作机器人的${platform}号扫这个二维码:${url}\n登录之前,业主在${platform}里的消息收不到。`,
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
