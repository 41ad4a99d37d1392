/**
 * Every sentence the reminders, the digest, the monthly analysis and the exports say (Chinese for users), in one
 * place beside src/templates.ts. Kept short: managers read these on a phone.
 */
import { excerpt } from '../domain/phone-mask.ts';
import { CATEGORY_NAME_ZH, UNIT_NAME_ZH } from '../domain/category.ts';
import type { Ticket } from '../domain/ticket.ts';
import { formatTime, formatWindow, yourTicket } from '../templates.ts';

const who = (ticket: Ticket) => (ticket.handler ? `@${ticket.handler.name} ` : '');
/**
 * The ticket in a reminder line. A description cut short ends in …: the 4.3.1.5 entry's "R0001「厨房水管漏水」到期未办,业主"
 * ran on into the line ("…业主 已60分钟仍无人接单", seen in a /time jump) as if the owner had waited, not the entry.
 */
const brief = (ticket: Ticket) => {
  const cut = excerpt(ticket.description, 20);
  return `${ticket.number} ${ticket.location?.text ?? ''}${ticket.location ? ' ' : ''}${cut}${cut.length < ticket.description.length ? '…' : ''}`;
};

/** A span in minutes as a reader says it: 45分钟, 2小时, 29小时30分钟. */
const spanText = (minutes: number) =>
  minutes < 60 ? `${minutes}分钟` : `${Math.floor(minutes / 60)}小时${minutes % 60 ? `${minutes % 60}分钟` : ''}`;

export const reminderT = {
  burstHeader: (count: number) => `【提醒汇总】共${count}条,请逐条处理:`,
  /** A reminder as the person on duty receives it privately (policy 3.1 值班人员负责…跟催). */
  onDuty: (text: string) => `【值班】${text}`,
  firstResponseUnit: (ticket: Ticket, minutes: number) => `【待接单提醒】${brief(ticket)} 已${minutes}分钟无人接单,请尽快接单(制度5.2)。接单 ${ticket.number}`,
  firstResponseHead: (ticket: Ticket, minutes: number) =>
    `【无人接单】${brief(ticket)} 已${minutes}分钟仍无人接单(${UNIT_NAME_ZH[ticket.unit]}),请主任安排。派单 ${ticket.number} 姓名`,
  /** A complaint still not taken, to the head again (3.1 跟催, 4.2.3 负责人安排跟进处理). */
  firstResponseChase: (ticket: Ticket, hours: number) =>
    `【投诉无人接单】${brief(ticket)} 已${hours}小时仍无人接单${ticket.escalatedTo === 'managers' ? '(已报公司领导)' : ''},业主在等联系(制度5.2),请主任接单或派单(制度3.1、4.2.3)。接单 ${ticket.number} · 派单 ${ticket.number} 姓名`,
  /** A complaint nobody took for a day goes to leadership (3.1 上报公司领导). */
  firstResponseManagers: (ticket: Ticket, hours: number) =>
    `【投诉无人受理】${brief(ticket)} 已${hours}小时无人接单(${UNIT_NAME_ZH[ticket.unit]}),报公司领导督办(制度3.1、5.2)。`,
  unacceptedReason: (hours: number) => `投诉${hours}小时无人接单(制度3.1、5.2)`,
  appointmentSoon: (ticket: Ticket, tz: string) =>
    `【预约提醒】${who(ticket)}${brief(ticket)} 预约 ${formatWindow(ticket.appointmentAt!, ticket.appointmentEnd, tz)},请按时上门。`,
  appointmentMissedOffice: (ticket: Ticket, tz: string) =>
    `【预约已过】${brief(ticket)} 预约 ${formatWindow(ticket.appointmentAt!, ticket.appointmentEnd, tz)} 已过仍未完工${ticket.handler ? `(${ticket.handler.name})` : ''},请跟进并告知业主(制度4.2.1.1)。`,
  /** A repair's appointment is its deadline: missed and overdue in one notice, for the office and the head alike. */
  appointmentMissedOverdue: (ticket: Ticket, deadline: string, tz: string) =>
    `【预约已过·超时】${brief(ticket)} 预约 ${formatWindow(ticket.appointmentAt!, ticket.appointmentEnd, tz)} 已过仍未完工,应于 ${formatTime(deadline, tz)} 前办结,现已超时${ticket.handler ? `(${ticket.handler.name})` : '(无人接单)'}。请主任督办,管理处告知业主新的时间(制度4.2.1.1、5.2)。`,
  appointmentMissedOwner: (ticket: Ticket) => `${yourTicket(ticket)} 没能在预约时间内完成,非常抱歉。管理处正在跟进,会尽快和您确认新的时间。`,
  deadlineSoon: (ticket: Ticket, deadline: string, tz: string) => `【即将到期】${who(ticket)}${brief(ticket)} 应于 ${formatTime(deadline, tz)} 前办结。`,
  overdueHead: (ticket: Ticket, deadline: string, tz: string) =>
    `【超时】${brief(ticket)} 应于 ${formatTime(deadline, tz)} 前办结,现已超时${ticket.handler ? `(${ticket.handler.name})` : '(无人接单)'},请主任督办(制度5.2)。`,
  overdueManagers: (ticket: Ticket, deadline: string, tz: string) =>
    `【严重超时】${brief(ticket)} 应于 ${formatTime(deadline, tz)} 前办结,已超时一天以上,${UNIT_NAME_ZH[ticket.unit]}${ticket.handler ? ` ${ticket.handler.name}` : ''}(制度3.1、5.2)。`,
  overdueDaily: (ticket: Ticket, deadline: string, tz: string, days: number) =>
    `【每日督办】${who(ticket)}${brief(ticket)} 应于 ${formatTime(deadline, tz)} 前办结,已超时${days}天,已报公司领导,请今日办结或回复进展(制度3.1、5.3)。`,
  ratingReminder: (ticket: Ticket) => `${yourTicket(ticket)} 已处理完毕,方便时请回复「满意」「不满意」或三个分数(如 5 5 5),谢谢!`,
  returnVisitTask: (ticket: Ticket, unrated: boolean) =>
    `【回访任务】${brief(ticket)} ${unrated ? '业主未评价' : '按制度需回访'},请联系业主回访(制度5.6)。回访 ${ticket.number} 满意|不满意`,
  urgentSilence: (ticket: Ticket, kind: string, minutes: number) =>
    kind === 'urgent_unfinished_managers'
      ? `【紧急未办结】${ticket.number} ${ticket.urgent ?? ''} 已${minutes}分钟仍未完成${ticket.handler ? `(${ticket.handler.name})` : ''},请领导督办(制度3.1)。`
      : `【紧急】${ticket.number} ${ticket.urgent ?? ''} 已${minutes}分钟无人接单!${brief(ticket)} 请立即处理:接单 ${ticket.number}${
          kind === 'urgent_unaccepted_unit' ? '' : ` · 派单 ${ticket.number} 姓名`
        }`,
  /** Still nobody after leadership heard: the unit and leadership again, every `reminders.urgent.chaseMinutes` (3.1 跟催, 5.3). */
  urgentChase: (ticket: Ticket, minutes: number) =>
    `【紧急催办】${ticket.number} ${ticket.urgent ?? ''} 已${spanText(minutes)}仍无人接单(已报公司领导)!${brief(ticket)} 请立即接单或派单(制度3.1、5.3):接单 ${ticket.number} · 派单 ${ticket.number} 姓名`,
  urgentReason: (minutes: number) => `紧急情况${minutes}分钟无人处理(制度3.1)`,
  unhappyTask: (ticket: Ticket) => `【回访任务】${brief(ticket)} 业主不满意,请尽快回访(制度5.6)。回访后发:回访 ${ticket.number} 满意|不满意 [业主说的情况]`,
  stalled: (ticket: Ticket, prompts: number, complaint: string) =>
    `【有效投诉 4.3.1.5】${brief(ticket)} 已到期未办,业主催办${prompts}次仍未办理,已记入投诉记录表 ${complaint},请主任跟进。`,
  stalledReason: (prompts: number, complaint: string) => `到期未办,业主催办${prompts}次(制度4.3.1.5),投诉记录 ${complaint}`,
  stalledComplaintText: (ticket: Ticket, prompts: number) =>
    `${ticket.number}「${excerpt(ticket.description, 30)}」到期未办,业主催办${prompts}次仍未办理(制度4.3.1.5)`,
  overdueReason: () => '超时未办结(制度5.2)',
  farOverdueReason: () => '严重超时(制度3.1、5.2)',
};

/** Percent with the counts behind it: 92.5%(37/40); 无 when nothing counted. */
export function rateText(rate: { timely: number; total: number; percent: number | null }): string {
  return rate.percent === null ? '无' : `${rate.percent}%(${rate.timely}/${rate.total})`;
}

export const digestT = {
  title: (estateName: string, day: string) => `【${estateName} 日报 ${day}】`,
  newByCategory: (parts: string[], total: number, today = false) => `${today ? '今日' : '昨日'}新增 ${total} 件${parts.length ? `:${parts.join(' ')}` : ''}`,
  soFar: (now: string) => `${now.split(' ')[0]} 截至${now.split(' ')[1]}`,
  // A report of the day that ended still counts the work as it stands now: 当前 says so (the title's date said otherwise).
  counts: (open: number, overdue: number, dueToday: number, unrated: number, today?: boolean) =>
    `${today ? '' : '当前'}在办 ${open} · 超时 ${overdue} · 今日到期 ${dueToday} · 待评价 ${unrated}`,
  section: (title: string, count: number) => `${title}(${count}):`,
  unacceptedTitle: () => '无人接单',
  waited: (hours: number) => (hours < 1 ? '已等不到1小时' : `已等${hours}小时`),
  more: (n: number) => `  …另 ${n} 件`,
  timely: (month: number, parts: string[]) => `${month}月累计及时率:${parts.join(' ')}`,
  // The lists are of work as it stands now, in the report of the day that ended too (日报 昨天 said 今日).
  nothing: () => '目前无需特别关注的工单。',
  /** The whole digest of a day with nothing new, nothing in hand and nothing overdue. */
  quietDay: (today?: boolean) => `${today ? '今日' : '昨日'}无新报事,无在办、无逾期。`,
};

/** 2026-11 → 2026年11月: the month a monthly report is for, never 本月 (it may be last month's). */
function monthZh(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

export const monthlyT = {
  title: (estateName: string, month: string) => `【${estateName} ${month} 月度分析】(制度5.5)`,
  rateTitle: (estateName: string, month: string, soFar?: string) => `【${estateName} ${month} 及时率${soFar ? ` 截至${soFar}` : ''}】(制度5.5)`,
  /** What the one figure rests on: registered, counted, and not counted yet (still within their deadline). */
  rateBasis: (total: number, counted: number, pending: number, auto: number) =>
    `登记 ${total} 件,计入 ${counted} 件${pending ? `;未到期 ${pending} 件暂不计入,到期后补计` : ''}${auto ? `;自动答复咨询 ${auto} 件不计入` : ''}`,
  rateNone: () => '及时率:暂无可计入的事项',
  rateMore: (command: string) => `分台账、分部门、分处理人等完整分析请发「${command}」。`,
  ofTitle: (estateName: string, month: string, who: string) => `【${estateName} ${month} ${who}】(制度5.5)`,
  ofLate: (n: number, parts: string[]) => `不及时 ${n} 件:${parts.join(';')}`,
  ofEmpty: (month: string, who: string) => `${monthZh(month)}没有${who}经办的事项。`,
  overall: (rate: string, change: string) => `及时率 ${rate}${change}`,
  change: (delta: number | null) => (delta === null ? '' : `,环比${delta >= 0 ? '+' : ''}${delta.toFixed(1)}个百分点`),
  line: (title: string, parts: string[]) => `${title}:${parts.length ? parts.join(';') : '无'}`,
  satisfaction: (month: string, n: number, q: string, t: string, a: string) =>
    n === 0 ? `满意度:${monthZh(month)}无评价` : `满意度(${n}份):质量${q} 及时${t} 态度${a}`,
  reworked: (n: number, parts: string[]) => `重开返工 ${n} 件:${parts.join(';')}`,
  // The report's own month: 月报 上个月 said 本月没有登记的事项 (seen in play).
  empty: (month: string) => `${monthZh(month)}没有登记的事项。`,
  counts: (total: number, completed: number, open: number, cancelled: number, auto: number) =>
    `登记 ${total} 件,完成 ${completed},在办 ${open},取消/重复 ${cancelled}${auto ? `;其中自动答复咨询 ${auto} 件,不计入及时率` : ''}`,
  pending: (n: number, parts: string[]) => `待定 ${n} 件(未到期未办结,不计入本次及时率,定案后补报):${parts.join(';')}`,
  restated: (month: string, sentAt: string, sent: string, now: string) => `【补报 ${month}】${sentAt} 所报及时率 ${sent} → 更正为 ${now}`,
  more: (n: number) => `等另 ${n} 件`,
};
