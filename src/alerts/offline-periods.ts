import type { Platform } from '../domain/people.ts';
import type { PlatformInfo } from '../platform/module.ts';
import type { Store } from '../store/store.ts';

/** Store records of the times a platform session was down, one record per period (issue 8: the digest says how long). */
export const OFFLINE_NAMESPACE = 'offline-periods';

export interface OfflinePeriod {
  platform: Platform;
  /** ISO instant the session was seen to drop (logout) or to need a scan. */
  from: string;
  /** ISO instant of the next login; absent while still offline. */
  to?: string;
  /** Why it went offline, for the digest and the log: "logout: …", "needs scan". */
  reason: string;
}

/**
 * Opens and closes offline periods. At most one open period per platform: a second "offline" while one is open keeps
 * the earlier start (the bot has been offline since then), so a logout followed by scan prompts is one period. An
 * open period survives a restart and is closed by the next login.
 */
export class OfflineLog {
  /** `platforms`: the registry's entries, for the names the summary uses (微信, Telegram). */
  constructor(
    private readonly store: Store,
    private readonly platforms: readonly Pick<PlatformInfo, 'id' | 'displayName'>[] = [],
  ) {}

  /** Opens a period unless one is open; returns the open period. */
  async wentOffline(platform: Platform, at: Date, reason: string): Promise<OfflinePeriod> {
    const open = await this.open(platform);
    if (open) return open;
    const period: OfflinePeriod = { platform, from: at.toISOString(), reason };
    await this.store.putRecord(OFFLINE_NAMESPACE, keyOf(period), period);
    return period;
  }

  /** Closes the open period, if any; returns it closed. */
  async cameOnline(platform: Platform, at: Date): Promise<OfflinePeriod | undefined> {
    const open = await this.open(platform);
    if (!open) return undefined;
    const closed: OfflinePeriod = { ...open, to: at.toISOString() };
    await this.store.putRecord(OFFLINE_NAMESPACE, keyOf(open), closed);
    return closed;
  }

  async open(platform: Platform): Promise<OfflinePeriod | undefined> {
    const all = await this.store.listRecords<OfflinePeriod>(OFFLINE_NAMESPACE);
    return all.map(([, p]) => p).find((p) => p.platform === platform && p.to === undefined);
  }

  /** Periods overlapping [from, to), oldest first; an open period counts as lasting until `to`. */
  async periods(from: Date, to: Date, platform?: Platform): Promise<OfflinePeriod[]> {
    const all = await this.store.listRecords<OfflinePeriod>(OFFLINE_NAMESPACE);
    return all
      .map(([, p]) => p)
      .filter((p) => (platform === undefined || p.platform === platform) && Date.parse(p.from) < to.getTime() && (p.to === undefined || Date.parse(p.to) > from.getTime()))
      .sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  }

  /**
   * What a digest says about [from, to): undefined when the bot was never offline, else one line per platform that
   * was, such as "微信掉线 2 次,共 1小时5分钟(仍未恢复)". Only the part inside the window counts. Without `platform`,
   * every platform in the registry.
   */
  async summary(from: Date, to: Date, platform?: Platform): Promise<string | undefined> {
    const ids = platform !== undefined ? [platform] : this.platforms.map((p) => p.id);
    const lines: string[] = [];
    for (const id of ids) {
      const line = await this.summaryOf(from, to, id);
      if (line) lines.push(line);
    }
    return lines.length > 0 ? lines.join('\n') : undefined;
  }

  private async summaryOf(from: Date, to: Date, platform: Platform): Promise<string | undefined> {
    const periods = await this.periods(from, to, platform);
    if (periods.length === 0) return undefined;
    let total = 0;
    for (const p of periods) {
      const start = Math.max(Date.parse(p.from), from.getTime());
      const end = Math.min(p.to === undefined ? to.getTime() : Date.parse(p.to), to.getTime());
      total += Math.max(0, end - start);
    }
    const stillOpen = periods.some((p) => p.to === undefined);
    const name = this.platforms.find((p) => p.id === platform)?.displayName ?? platform;
    return `${name}掉线 ${periods.length} 次,共 ${formatDuration(total)}${stillOpen ? '(仍未恢复)' : ''}`;
  }
}

function keyOf(p: OfflinePeriod): string {
  return `${p.platform}:${p.from}`;
}

/** 1小时5分钟, 3分钟, 不到1分钟. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '不到1分钟';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && `${days}天`, hours && `${hours}小时`, rest && `${rest}分钟`].filter(Boolean).join('');
}
