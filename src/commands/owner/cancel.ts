import { ownerT } from '../../templates.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';

/**
 * 取消 R0001 from an owner: only their own ticket, only while it is still being worked on; the unit hears so nobody
 * goes to the door for nothing.
 */
export async function ownerCancel(ctx: OwnerContext, args: string): Promise<OwnerOutput> {
  const found = await ownTicket(ctx, args, ['open', 'accepted']);
  if ('error' in found) return { reply: found.error, notices: [] };
  const { ticket } = found;
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return { reply: ownerT.nothingToCancel(ticket), notices: [] };
  const next = await ctx.store.appendEvent(ticket.number, {
    type: 'closed',
    reason: 'cancelled',
    note: '业主取消',
    at: ctx.clock.now().toISOString(),
    by: ownerActor(ctx.message),
    via: via(ctx.message),
  });
  const notices = await ctx.notifier.toUnit(next, next.unit, ownerT.cancelNotice(next));
  return { reply: ownerT.cancelled(next), notices };
}
