import type { Clock } from '../clock.ts';
import type { Unit } from '../domain/category.ts';
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

  /** Tells a unit's chats, records that it did, and returns the messages. No chat configured: logged by the caller. */
  async toUnit(ticket: Ticket, unit: Unit, text: string, quickReplies?: QuickReply[]): Promise<OutgoingMessage[]> {
    const out: OutgoingMessage[] = [];
    for (const chat of this.directory.chatsForUnit(unit, ticket.estate)) {
      out.push({ chat: { platform: chat.platform, id: chat.id }, text, ...(quickReplies && { quickReplies }) });
      await this.store.appendEvent(ticket.number, {
        type: 'notified',
        at: this.clock.now().toISOString(),
        by: { kind: 'system', name: this.botName },
        unit,
        chat: `${chat.platform}:${chat.id}`,
      });
    }
    return out;
  }

  /** A new ticket: its unit hears at once, with the commands that apply; major matters also reach leadership (3.1). */
  async announce(ticket: Ticket, timezone: string): Promise<OutgoingMessage[]> {
    const units: Unit[] = ticket.major && ticket.unit !== 'managers' ? [ticket.unit, 'managers'] : [ticket.unit];
    const out: OutgoingMessage[] = [];
    for (const unit of units) {
      out.push(...(await this.toUnit(ticket, unit, t.unitNotice(ticket, timezone), t.newTicketButtons(ticket))));
    }
    return out;
  }

  /**
   * The owner hears in the chat they asked from, named so they see it in a busy group. Requests logged from a phone
   * call have no chat: staff call the owner back.
   */
  toOwner(ticket: Ticket, text: string): OutgoingMessage[] {
    const created = ticket.history[0];
    const via = created?.via;
    if (!via || ticket.owner.platform === 'phone') return [];
    const [platform, ...rest] = via.split(':');
    const chatId = rest.join(':');
    const isPrivate = !this.directory.chat(platform as Ticket['owner']['platform'], chatId);
    return [{ chat: { platform: platform as Ticket['owner']['platform'], id: chatId }, text: isPrivate ? text : `@${ticket.owner.displayName} ${text}` }];
  }
}
