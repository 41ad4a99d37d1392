import type { TicketStatus } from '../../domain/ticket.ts';
import { ownerT } from '../../templates.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';

/** 补充 [R0001] 内容: more information (or a photo) for staff; it goes into the history and to the unit's chat. */
/** The work more words can still be added to. */
export const SUPPLEMENTED: readonly TicketStatus[] = ['open', 'accepted', 'completed'];

export async function supplement(ctx: OwnerContext, args: string): Promise<OwnerOutput> {
  const found = await ownTicket(ctx, args, SUPPLEMENTED);
  if ('error' in found) return { reply: found.error, notices: [] };
  const { ticket, rest } = found;
  // A number typed for work already closed or cancelled: said so, instead of an error and no answer.
  if (ticket.status === 'closed') return { reply: ownerT.nothingToSupplement(ticket), notices: [] };
  const photos = ctx.message.attachments.length;
  const text = [rest, photos ? `(${photos}张图片/附件)` : ''].filter(Boolean).join(' ');
  if (!text) return { reply: ownerT.supplementUsage(), notices: [] };
  const next = await ctx.store.appendEvent(ticket.number, {
    type: 'relayed',
    direction: 'to_staff',
    text,
    at: ctx.clock.now().toISOString(),
    by: ownerActor(ctx.message),
    via: via(ctx.message),
  });
  const notices = await ctx.notifier.toUnit(next, next.unit, ownerT.supplementNotice(next, text));
  return { reply: ownerT.supplemented(next), notices };
}
