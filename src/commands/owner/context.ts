import type { Clock } from '../../clock.ts';
import type { ResolvedConfig } from '../../config/load.ts';
import type { Directory } from '../../services/directory.ts';
import type { Notifier } from '../../services/notifier.ts';
import type { Actor } from '../../domain/people.ts';
import { parseTicketNumber } from '../../domain/ticket-number.ts';
import type { Ticket, TicketStatus } from '../../domain/ticket.ts';
import type { IncomingMessage, OutgoingMessage } from '../../messages.ts';
import type { Store } from '../../store/store.ts';
import { t } from '../../templates.ts';

/** Everything an owner's command may use. Owners act only on their own tickets. */
export interface OwnerContext {
  store: Store;
  notifier: Notifier;
  directory: Directory;
  clock: Clock;
  config: ResolvedConfig;
  message: IncomingMessage;
}

export interface OwnerOutput {
  reply: string;
  notices: OutgoingMessage[];
}

export function ownerActor(message: IncomingMessage): Actor {
  return { kind: 'owner', platform: message.chat.platform, id: message.sender.id, name: message.sender.displayName };
}

export function isOwnerOf(ticket: Ticket, message: IncomingMessage): boolean {
  return ticket.owner.platform === message.chat.platform && ticket.owner.id === message.sender.id;
}

/**
 * The owner, or a second owner whose report of the same emergency joined the ticket (core/emergency.ts): they were
 * told its number and may follow it (查询), though only the owner may cancel, chase or rate it.
 */
export function isReporterOf(ticket: Ticket, message: IncomingMessage): boolean {
  if (isOwnerOf(ticket, message)) return true;
  return ticket.urgent !== undefined && ticket.history.some((e) => e.type === 'relayed' && e.by.kind === 'owner' && e.by.platform === message.chat.platform && e.by.id === message.sender.id);
}

/**
 * The ticket an owner means: the number they typed, or without one their most recent ticket in one of `statuses`.
 * Someone else's number gets the same answer as a number that does not exist.
 */
export async function ownTicket(
  ctx: OwnerContext,
  args: string,
  statuses: readonly TicketStatus[],
  /** Which of the owner's tickets may be meant when no number is said (all by default). */
  meant: (ticket: Ticket) => boolean = () => true,
): Promise<{ ticket: Ticket; rest: string } | { error: string }> {
  const [first = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const number = parseTicketNumber(first);
  if (number) {
    const ticket = await ctx.store.getTicket(number);
    if (!ticket || !isOwnerOf(ticket, ctx.message)) return { error: t.notYourTicket(number) };
    return { ticket, rest: rest.join(' ') };
  }
  const mine = await ctx.store.listTickets({ owner: { platform: ctx.message.chat.platform, id: ctx.message.sender.id }, status: statuses });
  const latest = mine.findLast(meant);
  if (!latest) return { error: t.nothingInProgress() };
  return { ticket: latest, rest: args.trim() };
}

export function via(message: IncomingMessage): string {
  return `${message.chat.platform}:${message.chat.id}`;
}
