import { z } from 'zod';
import { type Category, isComplaint } from './category.ts';

/**
 * The ledger a ticket's number is kept in (policy 6.1–6.3): R for the repair service notice (维修服务通知单),
 * C for the complaint record (投诉记录表), S for every other duty-log entry (值班记录本).
 */
export const TicketPrefixSchema = z.enum(['R', 'C', 'S']);
export type TicketPrefix = z.infer<typeof TicketPrefixSchema>;

/** At least four digits, so numbers line up in a ledger; more digits once a ledger passes 9999. */
export const TicketNumberSchema = z
  .string()
  .regex(/^[RCS](\d{4}|[1-9]\d{4,})$/, 'a ticket number: R, C or S and at least four digits, e.g. R0001');
export type TicketNumber = z.infer<typeof TicketNumberSchema>;

export function prefixFor(category: Category): TicketPrefix {
  if (category === 'repair') return 'R';
  if (isComplaint(category)) return 'C';
  return 'S';
}

export function formatTicketNumber(prefix: TicketPrefix, sequence: number): TicketNumber {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  return `${prefix}${String(sequence).padStart(4, '0')}`;
}

export { sequenceOf } from './ticket-sequence.ts';

export function prefixOf(number: TicketNumber): TicketPrefix {
  return TicketPrefixSchema.parse(number[0]);
}

const HAN = /[\u4e00-\u9fff]/;

/**
 * Reads a ticket number the way people type it on a phone: `r12`, `R 0012`, `Ｒ００１２`, `#R0012`.
 * Returns the canonical form (`R0012`) or undefined when the text holds no ticket number.
 */
export function parseTicketNumber(text: string): TicketNumber | undefined {
  // A Chinese character (U+4E00–U+9FFF) is its own NFKC form and nothing composes with it, so text holding one can
  // never match below: answered without normalising (most owner messages are asked this of their first word, and
  // the normalising was ~40 ms of a bench:engine run).
  if (HAN.test(text)) return undefined;
  const ascii = text.normalize('NFKC');
  const m = /^\s*#?\s*([rcsRCS])\s*-?\s*(\d{1,9})\s*$/.exec(ascii);
  if (!m) return undefined;
  const sequence = Number(m[2]);
  if (sequence < 1) return undefined;
  return formatTicketNumber(m[1]!.toUpperCase() as TicketPrefix, sequence);
}

/**
 * A ticket number a message opens with ("R0001 取消", "r1能不能改到周六上午"), and the words after it; undefined when it
 * opens with none. Owners copy the number from 已登记,编号 R0001 and then say what they want.
 */
export function leadingTicketNumber(text: string): { number: TicketNumber; rest: string } | undefined {
  const said = text.normalize('NFKC');
  const m = LEADING_NUMBER.exec(said);
  const number = m ? parseTicketNumber(m[1]!) : undefined;
  return number ? { number, rest: said.slice(m![0].length) } : undefined;
}

const LEADING_NUMBER = /^\s*(#?\s*[rcs]\s*-?\s*\d{1,9})(?!\d)[\s,,::]*/i;
