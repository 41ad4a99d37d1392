import type { Clock } from '../../clock.ts';
import type { ResolvedConfig } from '../../config/load.ts';
import type { StaffConfig } from '../../config/schema.ts';
import type { ClassifyFn } from '../../conversation/classify-fn.ts';
import type { UrgentKind, UrgentMatcher } from '../../conversation/urgent.ts';
import type { Directory } from '../../services/directory.ts';
import type { Notifier } from '../../services/notifier.ts';
import type { TicketEvent, TicketEventInput } from '../../domain/events.ts';
import type { Actor } from '../../domain/people.ts';
import { parseTicketNumber, type TicketNumber } from '../../domain/ticket-number.ts';
import type { Ticket } from '../../domain/ticket.ts';
import type { IncomingMessage, OutgoingMessage } from '../../messages.ts';
import type { Store } from '../../store/store.ts';
import { staffT, t } from '../../templates.ts';

/** Everything a staff command may use. */
export interface StaffContext {
  store: Store;
  directory: Directory;
  notifier: Notifier;
  clock: Clock;
  config: ResolvedConfig;
  staff: StaffConfig;
  message: IncomingMessage;
  classify?: ClassifyFn;
  /** Emergency words (rules/conversation/urgent.yaml): a phone call about one is recorded as one (登记). */
  urgent?: { match: UrgentMatcher; kinds: UrgentKind[] };
  log: (line: string) => void;
}

export interface CommandOutput {
  /** The one answer to whoever typed the command. */
  reply: string;
  /** Everyone else who must hear: the owner, a unit's chat, leadership. */
  notices: OutgoingMessage[];
}

/** A command that cannot be carried out as typed. Its message is the one line the person reads; nothing changed. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export function fail(message: string): never {
  throw new CommandError(message);
}

export function actorOf(ctx: StaffContext): Actor {
  return { kind: 'staff', platform: ctx.staff.platform, id: ctx.staff.id, name: ctx.staff.name };
}

/** Heads and managers can do everything within their estates. */
export function elevated(staff: StaffConfig): boolean {
  return staff.role === 'head' || staff.role === 'manager';
}

/** The estate's name as staff know it (阳光家园), or its id when the config has no such estate. */
export function estateName(ctx: Pick<StaffContext, 'config'>, estate: string): string {
  return ctx.config.estates.find((e) => e.id === estate)?.name ?? estate;
}

/**
 * A name that is not among `candidates`: "no such person", or, when the company has them in another estate (张工 of
 * 阳光家园 named in 玫瑰园), who they are. Seen in play: 派单 R0001 刘工 said 没有名为「刘工」的工作人员 of a colleague.
 */
export function unknownStaffFor(ctx: Pick<StaffContext, 'config'>, name: string, candidates: StaffConfig[], estate: string | undefined): never {
  const known = candidates.map((s) => s.name);
  const elsewhere = ctx.config.staff.find((s) => (s.name === name || s.id === name) && s.estate && s.estate !== estate);
  fail(elsewhere && estate ? staffT.otherEstateStaff(elsewhere.name, estateName(ctx, elsewhere.estate!), estateName(ctx, estate), known) : staffT.unknownStaff(name, known));
}

export function inScope(staff: StaffConfig, estate: string): boolean {
  return !staff.estate || staff.estate === estate;
}

export function isHandlerOf(staff: StaffConfig, ticket: Ticket): boolean {
  return ticket.handler?.platform === staff.platform && ticket.handler.id === staff.id;
}

/** Splits "R0001 the rest" into the ticket and the rest, checking the number and the staff member's estates. */
export async function ticketArg(ctx: StaffContext, args: string, form: string): Promise<{ ticket: Ticket; rest: string }> {
  const [typed = '', ...words] = args.split(/\s+/).filter(Boolean);
  if (!typed) fail(staffT.usage(form));
  const { first, rest } = unglued(typed, words);
  const number = parseTicketNumber(first);
  if (!number) fail(t.badTicketNumber(first));
  const ticket = await ctx.store.getTicket(number);
  if (!ticket) fail(t.unknownTicket(number));
  if (!inScope(ctx.staff, ticket.estate)) fail(t.notInScope(number, estateName(ctx, ticket.estate)));
  return { ticket, rest: rest.join(' ') };
}

/**
 * 接单 / 完成 修好了 without a number, as an engineer types them under the notice on a phone, and 派给张工吧 as the desk
 * types it: the one ticket it can be (the one waiting for this person's unit, the one in their hands, the one waiting
 * to be sent) is taken; several are listed to choose from.
 */
export async function ticketOrOnly(
  ctx: StaffContext,
  args: string,
  form: string,
  which: 'waiting' | 'mine' | 'to assign',
): Promise<{ ticket: Ticket; rest: string }> {
  const [typed = ''] = args.split(/\s+/).filter(Boolean);
  // Something meant as a number (X12, R0001修好了) goes the usual way, and a wrong one is told so.
  if (MEANT_AS_NUMBER.test(typed) || (which === 'waiting' && typed)) return ticketArg(ctx, args, form);
  const candidates = await onlyCandidates(ctx.store, ctx.staff, which);
  if (candidates.length === 1) return { ticket: candidates[0]!, rest: args.trim() };
  if (candidates.length === 0) fail(staffT.usage(form));
  fail(staffT.whichTicket(form, candidates.slice(-5).map((x) => t.ticketLine(x, ctx.config.timezone))));
}

/** The tickets a command without a number can be about, for this person. */
export async function onlyCandidates(store: Store, staff: StaffConfig, which: 'waiting' | 'mine' | 'to assign'): Promise<Ticket[]> {
  const open = (await store.listTickets({ status: [which === 'mine' ? 'accepted' : 'open'] })).filter((x) => inScope(staff, x.estate));
  // 'to assign' ("派给张工吧" under a notice): the desk sends any unit's waiting work, so every waiting ticket counts.
  return which === 'mine' ? open.filter((x) => isHandlerOf(staff, x)) : which === 'to assign' ? open : open.filter((x) => x.unit === staff.unit || elevated(staff));
}

const MEANT_AS_NUMBER = /^#?[A-Za-zＡ-Ｚａ-ｚ]\s*[0-9０-９]/;

/** A number typed straight into the words after it on a phone ("完成R0001修好了"): the number, then the words. */
const GLUED = /^(#?[RCSrcsＲＣＳ][0-9０-９]{1,9})([^0-9０-９\s].*)$/;

function unglued(first: string, rest: string[]): { first: string; rest: string[] } {
  const glued = parseTicketNumber(first) ? undefined : GLUED.exec(first);
  return glued && parseTicketNumber(glued[1]!) ? { first: glued[1]!, rest: [glued[2]!, ...rest] } : { first, rest };
}

/** Appends one event made by this staff member from this chat, with any notices it causes, in one write. */
export function record(ctx: StaffContext, number: TicketNumber, event: TicketEventInput | TicketEventInput[], notices: TicketEvent[] = []): Promise<Ticket> {
  const at = ctx.clock.now().toISOString();
  const own = (Array.isArray(event) ? event : [event]).map((e) => ({ ...e, at, by: actorOf(ctx), via: `${ctx.message.chat.platform}:${ctx.message.chat.id}` }) as TicketEvent);
  return ctx.store.appendEvents(number, [...own, ...notices.map((n) => ({ ...n, at }))]);
}
