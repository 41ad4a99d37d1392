/**
 * A ticket number's sequence, with nothing else of ticket-number.ts: the start-up threads (store/partition-format.ts)
 * read it without loading zod. It takes any string (a TicketNumber is one), so this file imports nothing from
 * ticket-number.ts, which re-exports it: the two would otherwise import each other (test/architecture).
 */
export function sequenceOf(number: string): number {
  return Number(number.slice(1));
}
