/**
 * One-time login links for the office console (issue 21). A staff member asks with 后台 in a private chat, or an
 * operator runs `huiyin web-link --staff NAME`; the link works once, for `web.linkMinutes`. Only a hash of the token
 * is stored, so the data directory (or a backup of it) never holds a usable link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { StaffConfig, WebConfig } from '../config/schema.ts';
import type { Store } from '../store/store.ts';

export const LOGIN_LINKS = 'web-links';
/** Web sessions (web/session.ts); swept here so the composition root needs nothing from web/. */
export const WEB_SESSIONS = 'web-sessions';

export interface LoginLinkRecord {
  staff: { platform: StaffConfig['platform']; id: string };
  expiresAt: string;
}

export interface LoginLinkDeps {
  store: Store;
  clock: Clock;
  web: WebConfig;
  /** Random bytes; injectable for tests. */
  random?: (size: number) => Buffer;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Where people open the console: the configured public address, else the bound address (loopback for 0.0.0.0). */
export function webBaseUrl(web: WebConfig): string {
  if (web.publicUrl) return web.publicUrl.replace(/\/+$/, '');
  const host = web.host === '0.0.0.0' || web.host === '::' ? '127.0.0.1' : web.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${web.port}`;
}

/** Makes a link for `staff` and stores its hash; returns the URL to hand to that person only. */
export async function issueLoginLink(deps: LoginLinkDeps, staff: StaffConfig): Promise<{ url: string; expiresAt: Date }> {
  const token = (deps.random ?? randomBytes)(24).toString('base64url');
  const expiresAt = new Date(deps.clock.now().getTime() + deps.web.linkMinutes * 60_000);
  const record: LoginLinkRecord = { staff: { platform: staff.platform, id: staff.id }, expiresAt: expiresAt.toISOString() };
  await deps.store.putRecord(LOGIN_LINKS, hashToken(token), record);
  return { url: `${webBaseUrl(deps.web)}/login?token=${token}`, expiresAt };
}

/** Tokens being redeemed right now in this process: two tabs posting the same link cannot both get in. */
const redeeming = new Set<string>();

/**
 * Redeems a token: the staff member it was made for, or undefined when it is unknown, used or expired. Used and
 * expired tokens are deleted.
 */
export async function redeemLoginLink(deps: Pick<LoginLinkDeps, 'store' | 'clock'>, token: string): Promise<LoginLinkRecord['staff'] | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  const key = hashToken(token);
  if (redeeming.has(key)) return undefined;
  redeeming.add(key);
  try {
    const record = await deps.store.getRecord<LoginLinkRecord>(LOGIN_LINKS, key);
    if (!record) return undefined;
    await deps.store.deleteRecord(LOGIN_LINKS, key);
    return Date.parse(record.expiresAt) > deps.clock.now().getTime() ? record.staff : undefined;
  } finally {
    redeeming.delete(key);
  }
}

/** Forgets links nobody used (run now and then, so the namespace stays small). */
export async function sweepLoginLinks(deps: Pick<LoginLinkDeps, 'store' | 'clock'>): Promise<number> {
  const now = deps.clock.now().getTime();
  const stale = (await deps.store.listRecords<LoginLinkRecord>(LOGIN_LINKS)).filter(([, r]) => !(Date.parse(r.expiresAt) > now));
  for (const [key] of stale) await deps.store.deleteRecord(LOGIN_LINKS, key);
  return stale.length;
}

/** Forgets web sessions past their end. */
export async function sweepWebSessions(deps: Pick<LoginLinkDeps, 'store' | 'clock'>): Promise<number> {
  const now = deps.clock.now().getTime();
  const stale = (await deps.store.listRecords<{ expiresAt: string }>(WEB_SESSIONS)).filter(([, r]) => !(Date.parse(r.expiresAt) > now));
  for (const [key] of stale) await deps.store.deleteRecord(WEB_SESSIONS, key);
  return stale.length;
}
