import { CATEGORY_NAME_ZH, type Category, UNIT_NAME_ZH, type Unit } from './domain/category.ts';
import { LEDGER_NAME_ZH, ledgersOf } from './domain/ledger.ts';
import { formatLocation, type Location } from './domain/location.ts';
import { maskPhone } from './domain/people.ts';
import { STATUS_NAME_ZH, type Ticket } from './domain/ticket.ts';
import type { Estate } from './config/schema.ts';

/**
 * Every sentence the bot says, in one place, so a company can change the tone without touching the logic.
 * Times are shown in the deployment's timezone.
 */
export function formatTime(iso: string | Date, timezone: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: timezone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}月${get('day')}日 ${get('hour')}:${get('minute')}`;
}

export const t = {
  serviceCard: (estate: Estate) =>
    [
      `【${estate.name} 服务卡】(制度5.1)`,
      `24小时报修:${estate.serviceCard.repair}`,
      `投诉:${estate.serviceCard.complaint}`,
      `咨询:${estate.serviceCard.consult}`,
      `服务质量投诉:${estate.serviceCard.qualityComplaint}`,
      '在群里@我或发「报修 + 房号 + 问题」即可登记。',
    ].join('\n'),

  help: (isStaff: boolean) =>
    [
      '可以这样找我:',
      '· 报修 5栋2单元502 厨房水管漏水',
      '· 投诉 / 咨询 / 有偿服务 + 内容',
      '· 服务卡:查看24小时服务电话',
      '· 查询 R0001:查看工单进度',
      ...(isStaff ? ['工作人员:查询 R0001 查看工单与处理记录'] : []),
    ].join('\n'),

  askRoom: () => '请问是哪个房间?(例如 5栋2单元502;公共区域请直接写地点,如「3栋大堂」)',
  askDetails: (category: Category) => `好的,请简单说一下${category === 'repair' ? '需要维修的问题' : '具体情况'}。`,

  readBack: (draft: { category: Category; description: string; location?: Location; phone?: string }) =>
    [
      '请核对:',
      `类别:${CATEGORY_NAME_ZH[draft.category]}`,
      ...(draft.location ? [`地点:${formatLocation(draft.location)}`] : []),
      `内容:${draft.description}`,
      ...(draft.phone ? [`电话:${maskPhone(draft.phone)}`] : []),
      '回复「确认」登记,回复「修改」重新填写,回复「取消」放弃。',
    ].join('\n'),
  confirmHint: () => '请回复「确认」登记,「修改」重新填写,或「取消」。',
  cancelled: () => '已取消,本次内容没有登记。需要时随时找我。',
  restart: () => '好的,我们重新来。请说一下需要登记的内容。',

  recorded: (ticket: Ticket) =>
    [
      `已登记,编号 ${ticket.number}(${ledgersOf(ticket.category).map((l) => LEDGER_NAME_ZH[l]).join(' / ')})。`,
      `已通知${UNIT_NAME_ZH[ticket.unit]},受理后会告诉您处理人。查询进度请发「查询 ${ticket.number}」。`,
    ].join('\n'),

  unitNotice: (ticket: Ticket, timezone: string) =>
    [
      `【新${CATEGORY_NAME_ZH[ticket.category]}】${ticket.number}${ticket.major ? '【重大】' : ''}  条款 ${ticket.clause}`,
      ...(ticket.location ? [`地点:${formatLocation(ticket.location)}`] : []),
      `内容:${ticket.description}`,
      `业主:${ticket.owner.displayName}${ticket.owner.phone ? ` ${maskPhone(ticket.owner.phone)}` : ''}`,
      ...(ticket.appointmentAt ? [`预约:${formatTime(ticket.appointmentAt, timezone)}`] : []),
      `登记时间:${formatTime(ticket.createdAt, timezone)}`,
    ].join('\n'),

  ticketSummary: (ticket: Ticket, timezone: string, opts: { showPhone: boolean; history: boolean }) =>
    [
      `${ticket.number} ${CATEGORY_NAME_ZH[ticket.category]}(条款 ${ticket.clause})· ${STATUS_NAME_ZH[ticket.status]}`,
      ...(ticket.location ? [`地点:${formatLocation(ticket.location)}`] : []),
      `内容:${ticket.description}`,
      `负责:${UNIT_NAME_ZH[ticket.unit]}${ticket.handler ? ` · ${ticket.handler.name}` : ''}`,
      ...(opts.history
        ? [`业主:${ticket.owner.displayName}${ticket.owner.phone ? ` ${opts.showPhone ? ticket.owner.phone : maskPhone(ticket.owner.phone)}` : ''}`]
        : []),
      ...(ticket.result ? [`结果:${ticket.result}`] : []),
      ...(opts.history
        ? ['记录:', ...ticket.history.map((e) => `  ${formatTime(e.at, timezone)} ${e.type} · ${e.by.name}`)]
        : [`更新:${formatTime(ticket.updatedAt, timezone)}`]),
    ].join('\n'),

  unknownTicket: (number: string) => `没有找到工单 ${number},请核对编号(例如 R0001)。`,
  notYourTicket: (number: string) => `没有找到您名下的工单 ${number}。`,
  badTicketNumber: (text: string) => `「${text}」不是工单编号,编号形如 R0001、C0001、S0001。`,
  staffOnly: () => '这个指令仅限工作人员使用。',
  tooLong: (max: number) => `消息太长了(超过${max}字),请分几条简要说明。`,
  unitLabel: (unit: Unit) => UNIT_NAME_ZH[unit],
  internalError: () => '抱歉,刚才处理出了点问题,已记录。请稍后再试,或拨打服务卡上的电话。',
};
