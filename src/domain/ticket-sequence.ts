/**
 * A ticket number's sequence, with nothing else of ticket-number.ts: the start-up threads (store/partition-format.ts)
 * read it without loading zod.
 */
import type { TicketNumber } from './ticket-number.ts';

export function sequenceOf(number: TicketNumber): number {
  return Number(number.slice(1));
}
