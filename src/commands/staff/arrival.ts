import { type Ticket, urgentResponders } from '../../domain/ticket.ts';
import type { Store } from '../../store/store.ts';
import type { StaffConfig } from '../../config/schema.ts';
import { COMMAND_VOCABULARY } from '../vocabulary.ts';
import { inScope, isHandlerOf } from './context.ts';

/** "到了" / "已到现场" and nothing else: an arrival word of rules/vocabulary/commands.yaml `after_number.arrived`. */
export function isBareArrival(text: string): boolean {
  const said = text.normalize('NFKC').replace(/[\s\p{P}]+/gu, '');
  return said.length > 0 && COMMAND_VOCABULARY.after_number.arrived.includes(said);
}

/** Words saying the speaker is on the way open it ("马上到", "在路上了 十分钟到"): `after_number.on_the_way`. */
export function saysOnTheWay(text: string): boolean {
  const said = text.normalize('NFKC').replace(/[\s\p{P}]+/gu, '');
  return (COMMAND_VOCABULARY.after_number.on_the_way ?? []).some((w) => said.startsWith(w));
}

/** "接了" / "我接了" and nothing else: `alone.accept` of rules/vocabulary/commands.yaml. */
export function isBareAccept(text: string): boolean {
  const said = text.normalize('NFKC').replace(/[\s\p{P}]+/gu, '');
  return said.length > 0 && COMMAND_VOCABULARY.alone.accept.includes(said);
}

/**
 * What "到了" without a number can be about: the open emergencies of the sender's estates their unit was sent to,
 * and the work in their hands. Seen in play: the engineer at a lift entrapment typed 到了 and nothing happened, while
 * the owner's family waited to hear someone was there.
 */
export async function arrivalCandidates(store: Store, staff: StaffConfig): Promise<Ticket[]> {
  const open = await store.listTickets({ status: ['open', 'accepted'] });
  return open.filter(
    (x) => inScope(staff, x.estate) && ((x.urgent !== undefined && urgentResponders(x).includes(staff.unit)) || isHandlerOf(staff, x)),
  );
}
