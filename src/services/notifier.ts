import type { Clock } from '../clock.ts';
import type { ChatConfig, StaffConfig } from '../config/schema.ts';
import type { Unit } from '../domain/category.ts';
import type { TicketEvent } from '../domain/events.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { OutgoingMessage, QuickReply } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { t } from '../templates.ts';
import type { Directory } from './directory.ts';

/**
 * Who hears about a ticket, and the `notified` event that records it (policy 4.1.1 报告; 5.3 every item answered).
 * Returns the messages to send; the caller's adapter sends them.
 */
export class Notifier {
  constructor(
    private readonly store: Store,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly botName: string,
  ) {}

  /** The `notified` events and messages for telling a unit's chats something, without writing anything yet. */
  plan(unit: Unit, estate: string, text: string, quickReplies?: QuickReply[]): { events: TicketEvent[]; messages: OutgoingMessage[] } {
    const chats = this.directory.chatsForUnit(unit, estate);
    const at = this.clock.now().toISOString();
    return {
      events: chats.map((chat) => ({ type: 'notified' as const, at, by: { kind: 'system' as const, name: this.botName }, unit, chat: `${chat.platform}:${chat.id}` })),
      messages: chats.map((chat) => ({ chat: { platform: chat.platform, id: chat.id }, text: this.forReader(chat, estate, text), ...(quickReplies && { quickReplies }) })),
    };
  }

  /**
   * A chat of no one estate (公司领导) in a company of several reads whose work each notice is: 【紧急】, 【严重超时】 and
   * new-ticket notices reached leadership as 'R0001 5栋502 厨房漏水' with nothing saying which estate's office to call
   * (seen in play, field13; 36f72fc named it in 查, 待办 and the digest). An estate's own chats read as before.
   */
  private forReader(chat: ChatConfig | undefined, estate: string, text: string): string {
    if (!chat || chat.estate || this.directory.config.estates.length < 2) return text;
    return t.estateTag(this.directory.estate(estate)?.name ?? estate, text);
  }

  /**
   * A notice to one member of staff in their private chat (the person on duty at night, policy 3.1), recorded as the
   * unit being told through them.
   */
  planPrivate(member: StaffConfig, unit: Unit, text: string): { events: TicketEvent[]; messages: OutgoingMessage[] } {
    const chat = this.directory.privateChat(member);
    const at = this.clock.now().toISOString();
    return {
      events: [{ type: 'notified', at, by: { kind: 'system', name: this.botName }, unit, chat: `${chat.platform}:${chat.id}`, onDuty: member.name }],
      messages: [{ chat, text }],
    };
  }

  /** Tells a unit's chats, records that it did, and returns the messages. No chat configured: logged by the caller. */
  async toUnit(ticket: Ticket, unit: Unit, text: string, quickReplies?: QuickReply[]): Promise<OutgoingMessage[]> {
    const { events, messages } = this.plan(unit, ticket.estate, text, quickReplies);
    await this.store.appendEvents(ticket.number, events);
    return messages;
  }

  /**
   * The messages announcing a new ticket: one to each chat its `notified` events name (see `openingEvents`), with the
   * commands that apply and buttons where the platform has them.
   */
  announcement(ticket: Ticket, timezone: string): OutgoingMessage[] {
    const notice = t.unitNotice(ticket, timezone);
    const buttons = t.newTicketButtons(ticket);
    return ticket.history.flatMap((e) => {
      if (e.type !== 'notified' || !e.chat) return [];
      const [platform, ...rest] = e.chat.split(':');
      const chat = { platform: platform as Ticket['owner']['platform'], id: rest.join(':') };
      const text = this.forReader(this.directory.chat(chat.platform, chat.id), ticket.estate, notice);
      // A unit sent to help with an emergency (a fire: engineering) does not hold it: its notice says who does, and its
      // 接单 records that it is on it (commands/staff/lifecycle.ts), without taking the ticket.
      const helping = ticket.urgent && e.unit !== ticket.unit && e.unit !== 'office_head' && e.unit !== 'managers' && e.unit !== 'office';
      if (helping) return [{ chat, text: t.unitNotice(ticket, timezone, { helping: true }), quickReplies: [{ label: '接单协助', text: `接单 ${ticket.number}` }, { label: '查看', text: `查 ${ticket.number}` }] }];
      return [{ chat, text, quickReplies: buttons }];
    });
  }

  /**
   * The owner hears in the chat they asked from, named so they see it in a busy group. Requests logged from a phone
   * call have no chat: staff call the owner back.
   */
  /**
   * The other owners whose reports joined this ticket, each in the chat they reported from: of the same emergency
   * (core/emergency.ts), told help is coming, or of the same outage or shared thing out of order
   * (core/steps/same-outage.ts), told 有进展会通知 (policy 4.3.2.4, 4.2.1.1). They hear when it is taken, what the office
   * tells the owner, and when it is done. Only those two steps record another owner's words on a ticket, so every
   * other owner's `relayed` event is such a reporter.
   */
  toReporters(ticket: Ticket, text: string): OutgoingMessage[] {
    const seen = new Set([`${ticket.owner.platform}:${ticket.owner.id}`]);
    const out: OutgoingMessage[] = [];
    // In a group, one message for all of them there, @-mentioning each: three owners of one outage got three copies of
    // every update, one after another (seen in play). A private chat is the owner's own.
    const groups = new Map<string, { chat: OutgoingMessage['chat']; people: Array<{ id: string; name: string }> }>();
    for (const e of ticket.history) {
      if (e.type !== 'relayed' || e.by.kind !== 'owner' || !e.via || seen.has(`${e.by.platform}:${e.by.id}`)) continue;
      seen.add(`${e.by.platform}:${e.by.id}`);
      const [platform, ...rest] = e.via.split(':');
      const chat = { platform: platform as Ticket['owner']['platform'], id: rest.join(':') };
      const person = { id: e.by.id, name: e.by.name };
      if (!this.directory.chat(chat.platform, chat.id)) {
        out.push({ chat, text });
        continue;
      }
      const group = groups.get(e.via);
      if (group) group.people.push(person);
      else groups.set(e.via, { chat, people: [person] });
    }
    for (const { chat, people } of groups.values()) {
      const named = people.map((p) => `@${p.name}`).join(' ');
      out.push({ chat, text: `${named} ${text}`, mention: people[0]!, ...(people.length > 1 && { mentions: people }) });
    }
    return out;
  }

  toOwner(ticket: Ticket, text: string, extra: Pick<OutgoingMessage, 'quickReplies'> = {}): OutgoingMessage[] {
    const created = ticket.history[0];
    const via = created?.via;
    if (!via || ticket.owner.platform === 'phone') return [];
    const [platform, ...rest] = via.split(':');
    const chatId = rest.join(':');
    const chat = { platform: platform as Ticket['owner']['platform'], id: chatId };
    if (!this.directory.chat(chat.platform, chatId)) return [{ chat, text, ...extra }];
    const mention = { id: ticket.owner.id, name: ticket.owner.displayName };
    return [{ chat, text: `@${mention.name} ${text}`, mention, ...extra }];
  }
}
