import { recordStalledComplaint } from '../../jobs/stalled-complaint.ts';
import { formatTime, formatWindow, ownerT } from '../../templates.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';

/** How long a second chase is taken as the same prompt as the first. */
const CHASE_AGAIN_MINUTES = 10;

/**
 * 催单 [R0001]: the handler (or the unit, if nobody has it yet) is nudged at once. When this is the owner's second
 * prompt about work already due, the matter becomes a valid complaint (4.3.1.5): a complaint record entry goes to the
 * office head (jobs/stalled-complaint.ts), the same step the reminder scan would take. Chased in a sentence, the
 * owner's words go with the notice: "楼上的人电话打不通 你们快点" reached the office as the description alone (seen in play).
 */
export async function chase(ctx: OwnerContext, args: string, said?: string): Promise<OwnerOutput> {
  const found = await ownTicket(ctx, args, ['open', 'accepted']);
  if ('error' in found) return { reply: found.error, notices: [] };
  const { ticket } = found;
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return { reply: ownerT.nothingToChase(ticket), notices: [] };
  // "怎么还没人联系我" then "催一下" a minute later sent the engineers two 【催单】 (seen in play): a chase within
  // CHASE_AGAIN_MINUTES of the last is the same prompt, answered with when it went and not sent or counted again.
  const now = ctx.clock.now();
  const last = ticket.history.findLast((e) => e.type === 'nudged' && e.reason === 'owner_chase');
  // To someone else since (接单 in between), it is news to them and goes.
  const sameTarget = last?.type === 'nudged' && last.target === ticket.handler?.name;
  if (last && sameTarget && now.getTime() - Date.parse(last.at) < CHASE_AGAIN_MINUTES * 60_000) {
    return { reply: ownerT.chasedAlready(ticket, formatTime(last.at, ctx.config.timezone)), notices: [] };
  }
  const next = await ctx.store.appendEvent(ticket.number, {
    type: 'nudged',
    reason: 'owner_chase',
    at: now.toISOString(),
    by: ownerActor(ctx.message),
    via: via(ctx.message),
    ...(ticket.handler && { target: ticket.handler.name }),
    ...(said && { said }),
  });
  const notices = await ctx.notifier.toUnit(next, next.unit, ownerT.chaseNotice(next));
  const opened = await recordStalledComplaint(ctx, next);
  if (opened) notices.push(...opened.messages);
  // "师傅怎么还没来 等了一下午了" in the morning, the visit booked for 14:00–18:00 (seen in play, field14): the chase goes,
  // and the owner is told the time booked, which has not come yet (policy 4.2.1.1: the owner's appointment; 5.3).
  const booked = next.appointmentAt && Date.parse(next.appointmentAt) > now.getTime() ? formatWindow(next.appointmentAt, next.appointmentEnd, ctx.config.timezone) : undefined;
  return { reply: ownerT.chased(next, opened?.complaint.number, booked), notices };
}
