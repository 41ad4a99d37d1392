import { recordStalledComplaint } from '../../jobs/stalled-complaint.ts';
import { ownerT } from '../../templates.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';

/**
 * 催单 [R0001]: the handler (or the unit, if nobody has it yet) is nudged at once. When this is the owner's second
 * prompt about work already due, the matter becomes a valid complaint (4.3.1.5): a complaint record entry goes to the
 * office head (jobs/stalled-complaint.ts), the same step the reminder scan would take.
 */
export async function chase(ctx: OwnerContext, args: string): Promise<OwnerOutput> {
  const found = await ownTicket(ctx, args, ['open', 'accepted']);
  if ('error' in found) return { reply: found.error, notices: [] };
  const { ticket } = found;
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return { reply: ownerT.nothingToChase(ticket), notices: [] };
  const next = await ctx.store.appendEvent(ticket.number, {
    type: 'nudged',
    reason: 'owner_chase',
    at: ctx.clock.now().toISOString(),
    by: ownerActor(ctx.message),
    via: via(ctx.message),
    ...(ticket.handler && { target: ticket.handler.name }),
  });
  const notices = await ctx.notifier.toUnit(next, next.unit, ownerT.chaseNotice(next));
  const opened = await recordStalledComplaint(ctx, next);
  if (opened) notices.push(...opened.messages);
  return { reply: ownerT.chased(next, opened?.complaint.number), notices };
}
