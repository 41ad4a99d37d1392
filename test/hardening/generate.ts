/**
 * A seeded generator of hostile traffic for the adversarial suite: owners, staff and strangers in the same groups
 * and private chats, typing requests, owner and staff commands with random arguments, huge and malformed text.
 * Deterministic for a seed (mulberry32), so a failing run can be replayed by its seed and step.
 */
import { OWNER_COMMANDS } from '../../src/commands/aliases.ts';
import { STAFF_WORDS } from '../../src/commands/staff/registry.ts';
import { random } from '../store/fixtures/generate.ts';

export type Rng = () => number;

/** mulberry32, the same seeded generator the store's fixtures use. */
export const seeded: (seed: number) => Rng = random;

export const pick = <T>(rnd: Rng, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
export const chance = (rnd: Rng, p: number): boolean => rnd() < p;

export interface Person {
  id: string;
  name: string;
  kind: 'owner' | 'staff' | 'stranger';
  /** Owners: the phone they give (a distinct number each), so leaks can be traced to its owner. */
  phone?: string;
  /** Staff: the group they work in. */
  home?: string;
}

/** Owners with hostile display names; every one has their own phone number. */
export const OWNERS: Person[] = [
  { id: 'owner-a', name: '王女士', kind: 'owner', phone: '13511223344' },
  { id: 'owner-b', name: '<b>刘先生</b><script>alert(1)</script>', kind: 'owner', phone: '13912345678' },
  { id: 'owner-c', name: '*陈*_阿姨_ [点我](http://evil.example) `x`', kind: 'owner', phone: '15011112222' },
  { id: 'owner-d', name: '🏠🔧 老李 👨‍👩‍👧', kind: 'owner', phone: '18699990000' },
  { id: 'owner-e', name: '@所有人\n张工\u0000\u202e', kind: 'owner', phone: '17755554444' },
];

export const STAFF: Person[] = [
  { id: 'zhang', name: '张工', kind: 'staff', home: 'engineering' },
  { id: 'li', name: '李主任', kind: 'staff', home: 'office' },
  { id: 'chen', name: '陈文员', kind: 'staff', home: 'office' },
  { id: 'zhao', name: '赵总', kind: 'staff', home: 'managers' },
];

/** Strangers: one pretends to be 张工 by display name, one has an id that looks like a prototype key. */
export const STRANGERS: Person[] = [
  { id: 'impostor', name: '张工', kind: 'stranger' },
  { id: '__proto__', name: 'constructor', kind: 'stranger' },
];

export const GROUPS = ['owners', 'engineering', 'office', 'managers', 'elsewhere'] as const;

const ROOMS = ['5栋2单元502', '3栋1单元101', '12栋2单元1803', '1号楼301室', '3栋大堂', '地下车库B2', ''];
const PROBLEMS = ['厨房水管漏水', '卫生间马桶堵了', '楼道灯不亮', '电梯困人', '楼上往下漏水', '保安态度很差', '物业费多收了', '门禁卡坏了', '想请人打扫卫生', '停车月卡怎么办', '家里跳闸了'];
const WHEN = ['随时', '明天下午两点', '周六上午', '今晚8点前', '11月30日14:00', '下午', '现在', '后天', ''];
const TRIGGERS = ['报修', '维修', '投诉', '咨询', '请问', '有偿服务', '家政', '求助', '登记', ''];
const CHATTER = ['大家好', '今天天气不错', '哈哈哈', '有人一起拼车吗', '收到', '👍', '好的谢谢', '[图片]'];
const REPLIES = ['确认', '确认', '确认', '修改', '取消', '是', '对', '好的', '登记', '不用了', '随时', '明天上午', '5栋2单元502'];
const RATINGS = ['5 5 4', '满意', '基本满意', '不满意 还在滴水', '1 1 1', '5 5 5 5', '0 0 0', '9 9 9', '-1 5 5'];
const STAFF_NAMES = ['张工', '李主任', '陈文员', '赵总', '王女士', '不存在的人', '__proto__', ''];
const UNITS = ['工程班', '管理处', '主任', '领导', '保安部', ''];
const LABELS = ['协助', '有效投诉', '报修', '过分要求', '咨询', '有偿服务', 'xyz', ''];
const CLAUSES = ['4.3.2.1', '4.3.1.5', '9.9.9', '4.2.1.1', ''];
const TIMES = ['明天下午两点', '周五18点', '一年以后', '昨天', '今晚8点前', '25点', '2026-02-30', '', '周五18点 等厂家配件'];
const TEXTS = ['已处理', '换了角阀', '', '<i>已修好</i>', '**已完成**', '满意', '\u0000\u0007'];

/** Ticket numbers an attacker would try: real ones, others' ones, unknown, malformed, unicode look-alikes. */
export function ticketNumber(rnd: Rng, known: readonly string[]): string {
  if (known.length > 0 && chance(rnd, 0.6)) return pick(rnd, known);
  return pick(rnd, [
    'R0001', 'R0002', 'C0001', 'S0001', 'R9999', 'R0000', 'r0001', 'R1', 'R00001', 'R-0001', 'Ｒ０００１', 'X0001',
    'R99999999999999999999', '__proto__', 'constructor', 'R0001R0002', '#R0001', '', '../R0001', 'R0001\u0000',
  ]);
}

/** Text that breaks parsers and renderers. */
export function hostile(rnd: Rng): string {
  return pick(rnd, [
    'x'.repeat(100_000),
    `报修 ${'漏水'.repeat(50_000)}`,
    '报修 ' + '5栋2单元502 '.repeat(300),
    '\u0000\u0001\u0002\u001b[31m红色\u001b[0m',
    '\u200b\u200c\u200d\ufeff',
    '   \n\t  ',
    '',
    '报修 <img src=x onerror=alert(1)> 5栋2单元502 漏水',
    '投诉 [点这里](javascript:alert(1)) **保安** _态度_ `差`',
    '报修 🚿💧💧💧 5栋2单元502 🙏🙏',
    '报修 \ud800 5栋2单元502 坏了',
    '咨询 ${process.exit()} {{constructor}} %s %d',
    '@回音 @回音 @回音',
    '/start@huiyin_bot',
    '/help',
    '报修\u202e5栋2单元502\u202c 漏水',
    'ＲＥＰＡＩＲ 报修 ５栋２单元５０２ 厨房水管漏水',
    '报修 5栋2单元502 厨房水管漏水 138 0013 8000',
  ]);
}

/** An owner's message: a request, an answer to the bot, a command, a rating, chatter, or something hostile. */
export function ownerText(rnd: Rng, me: Person, known: readonly string[]): string {
  const r = rnd();
  if (r < 0.25) {
    const parts = [pick(rnd, TRIGGERS), pick(rnd, ROOMS), pick(rnd, PROBLEMS), chance(rnd, 0.7) ? me.phone! : '', pick(rnd, WHEN)];
    return parts.filter(Boolean).join(' ');
  }
  if (r < 0.5) return pick(rnd, REPLIES);
  if (r < 0.7) {
    const word = pick(rnd, Object.keys(OWNER_COMMANDS));
    return `${chance(rnd, 0.2) ? '/' : ''}${word} ${chance(rnd, 0.8) ? ticketNumber(rnd, known) : ''} ${chance(rnd, 0.4) ? pick(rnd, PROBLEMS) : ''}`.trim();
  }
  if (r < 0.78) return pick(rnd, RATINGS);
  if (r < 0.85) {
    // Owners trying staff commands on tickets (their own or others').
    const word = pick(rnd, Object.keys(STAFF_WORDS));
    return `${word} ${ticketNumber(rnd, known)} ${pick(rnd, TEXTS)}`.trim();
  }
  if (r < 0.93) return pick(rnd, CHATTER);
  return hostile(rnd);
}

/** A staff (or stranger's) command with random arguments. */
export function staffText(rnd: Rng, known: readonly string[], phones: readonly string[]): string {
  const word = pick(rnd, Object.keys(STAFF_WORDS));
  const name = STAFF_WORDS[word]!;
  const n = ticketNumber(rnd, known);
  const slash = chance(rnd, 0.15) ? '/' : '';
  const args: Record<string, () => string> = {
    accept: () => n,
    assign: () => `${n} ${pick(rnd, STAFF_NAMES)}`,
    schedule: () => `${n} ${pick(rnd, TIMES)}`,
    promise: () => `${n} ${pick(rnd, TIMES)} ${chance(rnd, 0.3) ? '等配件' : ''}`,
    reply: () => `${n} ${pick(rnd, TEXTS)}`,
    done: () => `${n} ${pick(rnd, TEXTS)}`,
    transfer: () => `${n} ${pick(rnd, UNITS)} ${chance(rnd, 0.5) ? '不归我们' : ''}`,
    reclassify: () => `${n} ${pick(rnd, LABELS)} ${pick(rnd, CLAUSES)}`,
    escalate: () => `${n} ${chance(rnd, 0.7) ? '业主很生气' : ''}`,
    visit: () => `${n} ${pick(rnd, ['满意', '不满意', '还行', ''])} ${chance(rnd, 0.5) ? '备注' : ''}`,
    close: () => `${n} ${pick(rnd, ['重复', '重复 R0001', '已解决', ''])}`,
    cancel: () => `${n} ${pick(rnd, ['业主撤回', ''])}`,
    // Staff log requests taken by phone: with an owner's phone, which must not leak into groups.
    log: () => `${pick(rnd, ['报修', '投诉', '咨询', ''])} ${pick(rnd, ROOMS)} ${pick(rnd, ['王先生', '<b>x</b>', ''])} ${chance(rnd, 0.8) ? pick(rnd, phones) : ''} ${pick(rnd, PROBLEMS)}`,
    show: () => n,
    todo: () => '',
    overdue: () => '',
    help: () => '',
  };
  const rest = chance(rnd, 0.05) ? hostile(rnd) : (args[name]?.() ?? '');
  return `${slash}${word} ${rest}`.replace(/\s+$/, '');
}
