import type { ParsedTime } from '../../conversation/parse-time.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, via } from './context.ts';
import { applyCorrection, moveVisit } from './correct.ts';

/**
 * An owner moving the visit in their own words ("能不能改到后天上午", "推迟到周六上午"): the same as 时间改成…, since the
 * appointment is the owner's (policy 4.2.1.1: the work is done within the owner's appointment time) and whoever holds
 * the work is told. Seen in play: the owner was offered a new registration instead.
 */
export async function requestReschedule(ctx: OwnerContext, ticket: Ticket, time: ParsedTime, said: 'move' | 'when_home' = 'move'): Promise<OwnerOutput> {
  const base = { at: ctx.clock.now().toISOString(), by: ownerActor(ctx.message), via: via(ctx.message) };
  const { event, summary } = moveVisit(base, time, ctx.config.timezone);
  return applyCorrection(ctx, ticket.number, event, summary, said === 'when_home' ? 'when_home' : 'correction');
}
