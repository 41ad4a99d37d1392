import { ownerT } from '../../templates.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';

/** Chases from the same owner before the matter counts as "asked again and still not done" (policy 4.3.1.5). */
export const REPEATED_CHASES = 2;

/**
 * 催单 [R0001]: the handler (or the unit, if nobody has it yet) is nudged at once. From the second chase on the
 * office head hears too: a request asked for twice and still not done is itself a valid complaint (4.3.1.5).
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
  if (next.ownerChases >= REPEATED_CHASES && next.unit !== 'office_head') {
    notices.push(...(await ctx.notifier.toUnit(next, 'office_head', ownerT.repeatedChaseNotice(next))));
  }
  return { reply: ownerT.chased(next), notices };
}
