import type { Config } from '../../src/config/schema.ts';
import { CATEGORY_NAME_ZH, UNIT_NAME_ZH } from '../../src/domain/category.ts';
import type { TicketEvent } from '../../src/domain/events.ts';
import { amendedText } from '../../src/templates.ts';
import { when } from './format.ts';

const NUDGE_ZH = { owner_chase: '业主催单', first_response: '提醒受理', appointment: '预约提醒', deadline: '期限提醒', return_visit: '回访提醒' } as const;
const CLOSE_ZH = { return_visit: '回访后结案', cancelled: '取消', duplicate: '重复工单', no_action: '无需处理' } as const;
const CHANNEL_ZH = { chat: '聊天登记', phone: '电话受理', in_person: '上门受理', staff_chat: '工作群登记' } as const;

const PLATFORM_ZH: Record<string, string> = { console: '控制台', telegram: 'Telegram', wechat: '微信', wecom: '企业微信', phone: '电话/上门' };
const OWNERS_CHAT_ZH = '业主群';
const PRIVATE_CHAT_ZH = '私聊';

/** The platform as the office names it (the owner's 渠道). */
export function platformName(platform: string): string {
  return PLATFORM_ZH[platform] ?? platform;
}

/**
 * A chat the office knows by its name, not its id: "console:engineering" or "telegram:-1001234" meant nothing to the
 * office head reading a history. A configured chat is named by its title, or else by its part; any other chat the
 * bot was in is a private one.
 */
export function chatName(ref: string, config: Pick<Config, 'chats'>): string {
  const colon = ref.indexOf(':');
  const platform = colon < 0 ? '' : ref.slice(0, colon);
  const id = colon < 0 ? ref : ref.slice(colon + 1);
  const chat = config.chats.find((c) => c.platform === platform && c.id === id);
  const name = chat ? (chat.title ?? (chat.role === 'owners' ? OWNERS_CHAT_ZH : UNIT_NAME_ZH[chat.role])) : PRIVATE_CHAT_ZH;
  const platforms = new Set(config.chats.map((c) => c.platform));
  return platforms.size > 1 && platform ? `${platformName(platform)} ${name}` : name;
}

/** One line of the history in the office's words. */
export function eventText(e: TicketEvent, timezone: string, config: Pick<Config, 'chats'>): { what: string; detail: string } {
  switch (e.type) {
    case 'created':
      return { what: '登记', detail: `${CHANNEL_ZH[e.channel]}:${CATEGORY_NAME_ZH[e.category]}(条款 ${e.clause}),${e.description}` };
    case 'confirmed':
      return { what: '业主确认', detail: '复述无误,正式登记(4.1.1)' };
    case 'notified':
      return { what: '通知部门', detail: `已通知${UNIT_NAME_ZH[e.unit]}${e.chat ? `(${chatName(e.chat, config)})` : ''}` };
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
export function viaText(e: TicketEvent, config: Pick<Config, 'chats'>): string {
  if (!e.via) return '';
  return e.via.endsWith(':web') ? '网页后台' : chatName(e.via, config);
}
