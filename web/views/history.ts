import { CATEGORY_NAME_ZH, UNIT_NAME_ZH } from '../../src/domain/category.ts';
import type { TicketEvent } from '../../src/domain/events.ts';
import { amendedText } from '../../src/templates.ts';
import { when } from './format.ts';

const NUDGE_ZH = { owner_chase: '业主催单', first_response: '提醒受理', appointment: '预约提醒', deadline: '期限提醒', return_visit: '回访提醒' } as const;
const CLOSE_ZH = { return_visit: '回访后结案', cancelled: '取消', duplicate: '重复工单', no_action: '无需处理' } as const;
const CHANNEL_ZH = { chat: '聊天登记', phone: '电话受理', in_person: '上门受理', staff_chat: '工作群登记' } as const;

/** One line of the history in the office's words. */
export function eventText(e: TicketEvent, timezone: string): { what: string; detail: string } {
  switch (e.type) {
    case 'created':
      return { what: '登记', detail: `${CHANNEL_ZH[e.channel]}:${CATEGORY_NAME_ZH[e.category]}(条款 ${e.clause}),${e.description}` };
    case 'confirmed':
      return { what: '业主确认', detail: '复述无误,正式登记(4.1.1)' };
    case 'notified':
      return { what: '通知部门', detail: `已通知${UNIT_NAME_ZH[e.unit]}${e.chat ? `(${e.chat})` : ''}` };
    case 'accepted':
      return { what: '受理', detail: `由 ${e.handler.name} 负责` };
    case 'scheduled':
      // A window that ends where it starts is a time to be done by ("8点前").
      return {
        what: '预约',
        detail:
          e.appointmentEnd === e.appointmentAt
            ? `${when(e.appointmentAt, timezone)} 前`
            : `${when(e.appointmentAt, timezone)}${e.appointmentEnd ? ` 至 ${when(e.appointmentEnd, timezone)}` : ''}`,
      };
    case 'promised':
      return { what: '承诺', detail: `${when(e.promisedAt, timezone)} 前完成${e.reason ? `,原因:${e.reason}` : ''}` };
    case 'relayed':
      return { what: e.direction === 'to_owner' ? '回复业主' : '业主补充', detail: e.text };
    case 'assisted':
      return { what: `${UNIT_NAME_ZH[e.unit]}协助`, detail: e.part === 'on_it' ? '已接单协助' : `已完成:${e.result ?? ''}` };
    case 'transferred':
      return { what: '转交', detail: `转${UNIT_NAME_ZH[e.toUnit]}${e.toHandler ? ` ${e.toHandler.name}` : ''}${e.reason ? `,${e.reason}` : ''}` };
    case 'reclassified':
      return { what: '定性', detail: `${CATEGORY_NAME_ZH[e.category]}(条款 ${e.clause}),${UNIT_NAME_ZH[e.unit]}负责${e.reason ? `,${e.reason}` : ''}` };
    case 'escalated':
      return { what: '升级', detail: `报${UNIT_NAME_ZH[e.to]}:${e.reason}${e.clause ? `(${e.clause})` : ''}` };
    case 'nudged':
      return { what: NUDGE_ZH[e.reason], detail: e.target ?? '' };
    case 'completed':
      return { what: '完成', detail: e.result };
    case 'rated':
      return { what: '业主评价', detail: `质量 ${e.ratings.quality} · 及时 ${e.ratings.timeliness} · 态度 ${e.ratings.attitude}${e.comment ? `,${e.comment}` : ''}` };
    case 'reopened':
      return { what: '重开', detail: e.reason };
    case 'amended':
      return { what: '业主更正', detail: amendedText(e) };
    case 'closed':
      return { what: '关闭', detail: `${CLOSE_ZH[e.reason]}${e.note ? `:${e.note}` : ''}` };
  }
}

export function actorName(e: TicketEvent): string {
  if (e.by.kind === 'system') return '系统';
  return e.by.kind === 'owner' ? `业主 ${e.by.name}` : e.by.name;
}

/** Where it was done: the web console, a chat, or the system. */
export function viaText(e: TicketEvent): string {
  if (!e.via) return '';
  return e.via.endsWith(':web') ? '网页后台' : e.via;
}
