/**
 * Web sessions: a random id in an HttpOnly, SameSite=Strict cookie; the store keeps only its hash, the staff member
 * it belongs to, a CSRF token for the forms and a one-shot message for the next page. The staff member is looked up
 * in the config on every request, so someone removed from `staff:` is out at once.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { hashToken, WEB_SESSIONS } from '../src/access/login-links.ts';
import type { StaffConfig } from '../src/config/schema.ts';
import type { WebDeps } from './deps.ts';

export const SESSIONS = WEB_SESSIONS;
export const COOKIE = 'huiyin_session';

export interface SessionRecord {
  staff: { platform: StaffConfig['platform']; id: string };
  csrf: string;
  expiresAt: string;
  flash?: { kind: 'ok' | 'error'; text: string };
}

export interface Session {
  key: string;
  record: SessionRecord;
  staff: StaffConfig;
}

function secureCookie(deps: WebDeps): boolean {
  return deps.config.web.publicUrl?.startsWith('https:') ?? false;
}

export async function openSession(c: Context, deps: WebDeps, staff: SessionRecord['staff']): Promise<void> {
  const random = deps.random ?? randomBytes;
  const id = random(32).toString('base64url');
  const hours = deps.config.web.sessionHours;
  const record: SessionRecord = {
    staff,
    csrf: random(24).toString('base64url'),
    expiresAt: new Date(deps.clock.now().getTime() + hours * 3_600_000).toISOString(),
  };
  await deps.store.putRecord(SESSIONS, hashToken(id), record);
  setCookie(c, COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/', secure: secureCookie(deps), maxAge: Math.round(hours * 3600) });
}

export async function readSession(c: Context, deps: WebDeps): Promise<Session | undefined> {
  const id = getCookie(c, COOKIE);
  if (!id || !/^[A-Za-z0-9_-]{20,80}$/.test(id)) return undefined;
  const key = hashToken(id);
  const record = await deps.store.getRecord<SessionRecord>(SESSIONS, key);
  if (!record) return undefined;
  if (!(Date.parse(record.expiresAt) > deps.clock.now().getTime())) {
    await deps.store.deleteRecord(SESSIONS, key);
    return undefined;
  }
  const staff = deps.directory.staffMember(record.staff.platform, record.staff.id);
  return staff ? { key, record, staff } : undefined;
}

export async function closeSession(c: Context, deps: WebDeps, session: Session | undefined): Promise<void> {
  if (session) await deps.store.deleteRecord(SESSIONS, session.key);
  deleteCookie(c, COOKIE, { path: '/', secure: secureCookie(deps) });
}

/** Leaves a message for the next page this session sees (post/redirect/get). */
export async function setFlash(deps: WebDeps, session: Session, flash: SessionRecord['flash']): Promise<void> {
  await deps.store.putRecord(SESSIONS, session.key, { ...session.record, flash });
}

export async function takeFlash(deps: WebDeps, session: Session): Promise<SessionRecord['flash']> {
  const { flash, ...rest } = session.record;
  if (flash) await deps.store.putRecord(SESSIONS, session.key, rest);
  return flash;
}

/** The form's token matches the session's (synchronizer token; the Origin check runs before this). */
export function csrfMatches(session: Session, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const a = Buffer.from(token);
  const b = Buffer.from(session.record.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}
