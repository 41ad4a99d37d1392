/**
 * The columns of each of the three paper records (policy 6.1–6.3), as the policy describes what each records. One
 * shared set of columns gave the repair notice no 接单时间 and the complaint record a 预约时间 it never keeps.
 *
 * - 维修服务通知单 (6.1, 4.2.1.1): the repair as notified to engineering (立即告知工程班), who took it and when, the
 *   owner's appointment (在业户预约时间内完成), the office's chasing (跟踪、催办), the result, and the owner's
 *   confirmation of quality, timeliness and attitude.
 * - 客服中心值班记录本 (6.2, 3.1, 4.2.2): every request the duty line took: who took it, to whom it was passed on (传达),
 *   the chasing (跟催) and the answer given back (反馈).
 * - 投诉记录表 (6.3, 3.1, 4.2.3, 4.3): the complaint, what kind it is (有效投诉 4.3.1, 协办事项 4.3.2, 过高要求 4.3.3) with
 *   its clause and outside party, who took it, where it was passed up (转交管理处负责人, 上报公司领导), the resolution time
 *   told to the owner (5.2), the result and the return visit (5.6).
 */
import { CATEGORY_NAME_ZH, OUTSIDE_PARTY_NAME_ZH, UNIT_NAME_ZH } from '../domain/category.ts';
import type { Ledger } from '../domain/ledger.ts';
import type { Timeliness } from '../domain/timeliness.ts';
import { statusName, type Ticket } from '../domain/ticket.ts';
import { formatDateTime } from '../zoned-time.ts';
import { urges } from './urged.ts';

/** What a cell may read: the ticket, its verdict and the words of the ledger module. */
export interface Cells {
  ticket: Ticket;
  timeliness: Timeliness;
  tz: string;
  botName: string;
  appointment: string;
  moves: string;
  timely: string;
  credit: string;
  returnVisit: string;
}

type Column = readonly [header: string, cell: (c: Cells) => string];

const CHANNEL_ZH = { chat: '群聊/私聊', phone: '电话', in_person: '来访', staff_chat: '工作群' } as const;

/** Who took the request (3.1 受理人): the member of staff who logged it, else the bot on the duty line, and how it came. */
function takenBy(c: Cells): string {
  const created = c.ticket.history[0];
  if (created?.type !== 'created') return '';
  const who = created.by.kind === 'staff' ? created.by.name : c.botName;
  return `${who}(${CHANNEL_ZH[created.channel]})`;
}

/** Whom it was passed to and when (3.1 传达, 4.2.1.1 立即告知工程班): each unit once, at the first notice. */
function passedOn(c: Cells): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of c.ticket.history) {
    if (e.type !== 'notified' || seen.has(e.unit)) continue;
    seen.add(e.unit);
    out.push(`${UNIT_NAME_ZH[e.unit]} ${formatDateTime(e.at, c.tz)}${e.onDuty ? `(值班 ${e.onDuty})` : ''}`);
  }
  return out.join(';');
}

/** Passed up (3.1): to the office head, to leadership, with why. */
function passedUp(c: Cells): string {
  return c.ticket.history
    .flatMap((e) => (e.type === 'escalated' ? [`${formatDateTime(e.at, c.tz)} 上报${UNIT_NAME_ZH[e.to]}:${e.reason}`] : []))
    .join(';');
}

/** The chasing (3.1 跟催, 4.2.1.1 催办, 4.3.1.5): the owner's 催单 and the office's 督办, counted. */
function chased(c: Cells): string {
  const owner = c.ticket.history.filter((e) => e.type === 'nudged' && e.reason === 'owner_chase').length;
  const urged = urges(c.ticket).length;
  return [owner ? `业主催单${owner}次` : '', urged ? `督办${urged}次` : ''].filter(Boolean).join(';');
}

function acceptedAt(c: Cells): string {
  const e = c.ticket.history.find((h) => h.type === 'accepted' || (h.type === 'transferred' && h.toHandler));
  return e ? formatDateTime(e.at, c.tz) : '';
}

const ratings = (c: Cells) => c.ticket.ratings;

const COMMON_HEAD: Column[] = [
  ['编号', (c) => c.ticket.number],
  ['受理时间', (c) => formatDateTime(c.ticket.createdAt, c.tz)],
];
const OWNER: Column[] = [
  ['房号/地点', (c) => c.ticket.location?.text ?? c.ticket.owner.room ?? ''],
  ['电话', (c) => c.ticket.owner.phone ?? ''],
];
const VERDICT: Column[] = [
  ['完成时间', (c) => formatDateTime(c.timeliness.doneAt ?? c.ticket.completedAt, c.tz)],
];
const TIMELY: Column[] = [
  ['是否及时', (c) => c.timely],
  ['及时率计入', (c) => c.credit],
];

export const COLUMNS: Record<Ledger, readonly Column[]> = {
  repairNotice: [
    ...COMMON_HEAD,
    ['业主', (c) => c.ticket.owner.displayName],
    ...OWNER,
    ['报修内容', (c) => c.ticket.description],
    ['条款', (c) => c.ticket.clause],
    ['受理人', takenBy],
    ['通知工程班', passedOn],
    ['处理人', (c) => c.ticket.handler?.name ?? ''],
    ['接单时间', acceptedAt],
    ['预约时间', (c) => c.appointment],
    ['承诺时间', (c) => formatDateTime(c.ticket.promisedAt, c.tz)],
    ['时限变更', (c) => c.moves],
    ['跟催', chased],
    ...VERDICT,
    ['处理结果', (c) => c.ticket.result ?? ''],
    ...TIMELY,
    ['质量', (c) => (ratings(c) ? String(ratings(c)!.quality) : '')],
    ['及时', (c) => (ratings(c) ? String(ratings(c)!.timeliness) : '')],
    ['态度', (c) => (ratings(c) ? String(ratings(c)!.attitude) : '')],
    ['回访', (c) => c.returnVisit],
    ['状态', (c) => statusName(c.ticket)],
  ],
  complaintRecord: [
    ...COMMON_HEAD,
    ['投诉人', (c) => c.ticket.owner.displayName],
    ...OWNER,
    ['投诉内容', (c) => c.ticket.description],
    ['性质', (c) => CATEGORY_NAME_ZH[c.ticket.category]],
    ['条款', (c) => c.ticket.clause],
    ['协助方', (c) => (c.ticket.party ? OUTSIDE_PARTY_NAME_ZH[c.ticket.party] : '')],
    ['受理人', takenBy],
    ['转交/上报', passedUp],
    ['责任部门', (c) => UNIT_NAME_ZH[c.ticket.unit]],
    ['处理人', (c) => c.ticket.handler?.name ?? ''],
    ['承诺时间', (c) => formatDateTime(c.ticket.promisedAt, c.tz)],
    ['时限变更', (c) => c.moves],
    ['跟催', chased],
    ...VERDICT,
    ['处理结果', (c) => c.ticket.result ?? ''],
    ...TIMELY,
    ['业主评价', (c) => (ratings(c) ? `质量${ratings(c)!.quality} 及时${ratings(c)!.timeliness} 态度${ratings(c)!.attitude}` : '')],
    ['回访', (c) => c.returnVisit],
    ['状态', (c) => statusName(c.ticket)],
  ],
  dutyLog: [
    ...COMMON_HEAD,
    ['业主', (c) => c.ticket.owner.displayName],
    ...OWNER,
    ['内容', (c) => c.ticket.description],
    ['类别', (c) => CATEGORY_NAME_ZH[c.ticket.category]],
    ['条款', (c) => c.ticket.clause],
    ['受理人', takenBy],
    ['传达', passedOn],
    ['处理人', (c) => c.ticket.handler?.name ?? ''],
    ['预约时间', (c) => c.appointment],
    ['承诺时间', (c) => formatDateTime(c.ticket.promisedAt, c.tz)],
    ['时限变更', (c) => c.moves],
    ['跟催', chased],
    ...VERDICT,
    ['处理结果(反馈)', (c) => c.ticket.result ?? ''],
    ...TIMELY,
    ['回访', (c) => c.returnVisit],
    ['状态', (c) => statusName(c.ticket)],
  ],
};

/** The headers of a ledger, in the order of its paper form. */
export function ledgerColumns(ledger: Ledger): string[] {
  return COLUMNS[ledger].map(([header]) => header);
}

/** Long text columns, wider in the spreadsheet and wrapped on the page. */
export const TEXT_COLUMNS: ReadonlySet<string> = new Set(['报修内容', '投诉内容', '内容', '处理结果', '处理结果(反馈)', '时限变更', '转交/上报']);
