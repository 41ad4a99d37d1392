import type { Notifier } from '../core/notifier.ts';
import { parseTicketNumber } from '../domain/ticket-number.ts';
import type { IncomingMessage, OutgoingMessage } from '../messages.ts';
import type { Store } from '../store/store.ts';
import { t } from '../templates.ts';

/**
 * 取消 R0001 from an owner: only their own ticket, only while it is still being worked on; the unit hears so nobody
 * goes to the door for nothing.
 */
export async function ownerCancel(
  deps: { store: Store; notifier: Notifier; now: Date },
  message: IncomingMessage,
  args: string,
): Promise<{ reply: string; notices: OutgoingMessage[] }> {
  const raw = args.split(/\s+/)[0] ?? '';
  const number = parseTicketNumber(raw);
  if (!number) return { reply: t.badTicketNumber(raw), notices: [] };
  const ticket = await deps.store.getTicket(number);
  if (!ticket || ticket.owner.platform !== message.chat.platform || ticket.owner.id !== message.sender.id) {
    return { reply: t.notYourTicket(number), notices: [] };
  }
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return { reply: `工单 ${number} 已${ticket.status === 'completed' ? '完成' : '关闭'},无需取消。`, notices: [] };
  const next = await deps.store.appendEvent(number, {
    type: 'closed',
    reason: 'cancelled',
    note: '业主取消',
    at: deps.now.toISOString(),
    by: { kind: 'owner', platform: message.chat.platform, id: message.sender.id, name: message.sender.displayName },
    via: `${message.chat.platform}:${message.chat.id}`,
  });
  const notices = await deps.notifier.toUnit(next, next.unit, `【业主取消】${next.number} ${next.description}`);
  return { reply: `已取消 ${number}。`, notices };
}
