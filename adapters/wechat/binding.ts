import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StaffConfig } from '../../src/config/schema.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Staff bind themselves to their configured entry once (issue 18 §4): the office head (or a manager) asks the bot
 * `绑定码 张工` in a private chat or the office chat, or reads the code in the bot's log at login; 张工 sends the bot
 * `绑定 123456` in a private chat. The code is one-time: an HMAC of the staff id and a counter that a successful
 * binding advances, under a secret kept in the store. From then on the person is that staff id (people.ts), and the
 * bot gives them a remark name so that the next login recognises them for certain.
 *
 * A WeChat-only concern, so the words live here rather than in the core's commands.
 */

export const BINDING_NAMESPACE = 'wechat-binding';
const SECRET_KEY = 'secret';

export type BindingCommand = { kind: 'bind'; code: string } | { kind: 'code'; name: string };

/** `绑定 123456` / `绑定码 张工` (spaces, a colon and full-width digits tolerated). */
export function parseBindingCommand(text: string): BindingCommand | undefined {
  const t = text.replace(/[\uff10-\uff19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  const code = /^绑定码[\s::]*(\S.*)$/.exec(t);
  if (code) return { kind: 'code', name: code[1]!.trim() };
  const bind = /^绑定[\s::]*(\d[\d\s]{5,8})$/.exec(t);
  if (bind) {
    const digits = bind[1]!.replace(/\s/g, '');
    if (digits.length === 6) return { kind: 'bind', code: digits };
  }
  return undefined;
}

export const BINDING_TEXT = {
  bound: (name: string) => `已绑定:您是「${name}」。以后微信重新登录,我也认得您。`,
  wrongCode: '绑定码不对或已经用过。请向管理处主任要一个新的:他发「绑定码 您的名字」给我即可。',
  tooManyTries: '绑定码错误次数太多,请稍后再试。',
  saidInGroup: '绑定码要私聊发给我。这个码在群里公开了,已作废:请向管理处主任要一个新的,再私聊发给我。',
  code: (name: string, code: string) => `「${name}」的绑定码:${code}\n请${name}私聊我发送「绑定 ${code}」。只能用一次。`,
  unknownName: (names: string[]) => `没有这位员工。可选:${names.join('、') || '(配置里没有微信员工)'}`,
  notAllowed: '只有管理处主任和公司领导可以要绑定码。',
} as const;

export class BindingCodes {
  private constructor(
    private readonly store: Store,
    private readonly secret: Buffer,
  ) {}

  static async open(store: Store): Promise<BindingCodes> {
    let secret = await store.getRecord<string>(BINDING_NAMESPACE, SECRET_KEY);
    if (!secret) {
      secret = randomBytes(32).toString('hex');
      await store.putRecord(BINDING_NAMESPACE, SECRET_KEY, secret);
    }
    return new BindingCodes(store, Buffer.from(secret, 'hex'));
  }

  /** The current one-time code of a staff member. */
  async codeFor(staffId: string): Promise<string> {
    return this.codeAt(staffId, await this.counter(staffId));
  }

  /** The staff member this code binds, spending it; undefined when no current code matches. */
  async spend(code: string, staff: readonly StaffConfig[]): Promise<StaffConfig | undefined> {
    for (const member of staff) {
      const n = await this.counter(member.id);
      const expected = Buffer.from(this.codeAt(member.id, n));
      const given = Buffer.from(code);
      if (given.length === expected.length && timingSafeEqual(given, expected)) {
        await this.store.putRecord(BINDING_NAMESPACE, `n:${member.id}`, n + 1);
        return member;
      }
    }
    return undefined;
  }

  private async counter(staffId: string): Promise<number> {
    return (await this.store.getRecord<number>(BINDING_NAMESPACE, `n:${staffId}`)) ?? 0;
  }

  private codeAt(staffId: string, n: number): string {
    const mac = createHmac('sha256', this.secret).update(`bind:${staffId}:${n}`).digest();
    return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }
}
