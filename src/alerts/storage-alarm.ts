/**
 * Managers hear once per incident when the data directory's disk is full (issue 17, item 1): with the free space left
 * and what the bot does meanwhile. An incident begins at the first write refused for lack of space and ends at the
 * first write that succeeds after `quietMs` without a refusal, so a nearly full disk where small writes sometimes
 * pass does not alert on every message. The end is announced too, so nobody keeps phoning owners back needlessly.
 */
import type { Clock } from '../clock.ts';
import { formatDateTime } from '../zoned-time.ts';
import { formatBytes, freeBytes } from '../store/disk-space.ts';
import type { SpaceListener } from '../store/space-watch.ts';

export interface StorageAlarmOptions {
  /** Where the data lives (its filesystem's free space goes into the alert); undefined for a database. */
  dataDir: string | undefined;
  /** Sends to every alert channel (createOfflineAlert: the webhook robot and the managers' chat); the log until set. */
  alert?: (text: string) => Promise<void>;
  clock: Clock;
  timezone: string;
  log: (line: string) => void;
  /** How long writes must keep working before the incident counts as over (default 5 minutes). */
  quietMs?: number;
  /** Injected for tests; statfs otherwise. */
  freeBytes?: (dir: string) => Promise<number | undefined>;
}

export const storageAlertText = {
  full: (at: string, where: string, free: string, detail: string) =>
    `【回音】数据盘已满(${at}):${where} 剩余 ${free},新消息无法保存(${detail})。` +
    '业主和员工会收到提示改打服务电话;请尽快清理磁盘空间(如 backups/ 下的旧备份),空间恢复后回音自动恢复保存。',
  recovered: (at: string, since: string, free: string) => `【回音】数据盘已恢复(${at}):自 ${since} 起无法保存的情况已结束,剩余 ${free}。期间改打电话的请求请人工补登。`,
};

export class StorageAlarm implements SpaceListener {
  private incident: { since: Date; lastFailure: number } | undefined;
  /** The alert of the incident in progress, for tests and an orderly shutdown. */
  private sending: Promise<void> = Promise.resolve();

  private alert: (text: string) => Promise<void>;

  constructor(private readonly options: StorageAlarmOptions) {
    this.alert = options.alert ?? (async (text) => options.log(`alert (no channel yet): ${text}`));
  }

  /** The alert channels, known only once the platforms are open (they carry the managers' chats). */
  alertVia(alert: (text: string) => Promise<void>): void {
    this.alert = alert;
  }

  get active(): boolean {
    return this.incident !== undefined;
  }

  /** Resolves when the alerts already started have been sent (or have failed, which is logged). */
  settled(): Promise<void> {
    return this.sending;
  }

  full(error: Error): void {
    const now = this.options.clock.now();
    if (this.incident) {
      this.incident.lastFailure = now.getTime();
      return;
    }
    this.incident = { since: now, lastFailure: now.getTime() };
    const dir = this.options.dataDir;
    this.options.log(`storage: a write was refused for lack of space (${error.message}); managers alerted, owners told to call`);
    this.send(async () => storageAlertText.full(this.at(now), dir ?? '数据库', await this.free(), shortReason(error)));
  }

  written(): void {
    const incident = this.incident;
    if (!incident) return;
    const now = this.options.clock.now();
    if (now.getTime() - incident.lastFailure < (this.options.quietMs ?? 5 * 60_000)) return;
    this.incident = undefined;
    this.options.log(`storage: writes work again (refused since ${incident.since.toISOString()})`);
    this.send(async () => storageAlertText.recovered(this.at(now), this.at(incident.since), await this.free()));
  }

  private send(text: () => Promise<string>): void {
    this.sending = this.sending
      .then(async () => this.alert(await text()))
      .catch((error: unknown) => this.options.log(`storage alert failed: ${(error as Error).message}`));
  }

  private async free(): Promise<string> {
    const dir = this.options.dataDir;
    if (!dir) return 'unknown';
    return formatBytes(await (this.options.freeBytes ?? freeBytes)(dir));
  }

  private at(date: Date): string {
    return formatDateTime(date.toISOString(), this.options.timezone);
  }
}

function shortReason(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.message.slice(0, 80);
}
