import { takesAppointment, visitFields } from '../../conversation/appointment.ts';
import { buildingCorrection, correctedValue, readCorrection, SAYS_WRONG } from '../../conversation/correction.ts';
import type { IntakeWords } from '../../conversation/intake-words.ts';
import type { ParsedTime } from '../../conversation/parse-time.ts';
import type { TicketEvent } from '../../domain/events.ts';
import { parseTicketNumber } from '../../domain/ticket-number.ts';
import { CONTACT_PHONE } from '../../conversation/extract.ts';
import { amendedText, formatWindow, ownerT } from '../../templates.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';

/**
 * Issue 16 §3 after recording: "时间改成周六下午", "电话改成139…", "地点是9栋2单元3楼走廊" (optionally after the ticket
 * number) corrects the owner's own ticket that is still in work, with an event in its history (`scheduled` for a
 * time, `amended` for the rest), and the unit is told. Returns undefined when the message is not such a correction,
 * so it goes on to the usual handling.
 *
 * Said without @ in a group, it counts only while the report is fresh (within the intake timeout) and when the new
 * value reads as one: chatter that happens to start with 时间/问题 must not rewrite a ticket.
 */
export async function correctRecorded(ctx: OwnerContext, text: string, words: IntakeWords, opts: { addressed: boolean; freshMs: number }): Promise<OwnerOutput | undefined> {
  const [first = '', ...more] = text.trim().split(/\s+/);
  const number = parseTicketNumber(first);
  const said = number ? more.join(' ') : text;
  const correction = readCorrection(said, words.correction) ?? onlyAPhone(said);
  if (!correction) return partOfRoomCorrected(ctx, number ? text : '', said, opts);
  const found = await ownTicket(ctx, number ? text : '', ['open', 'accepted']);
  if ('error' in found) return number || opts.addressed ? { reply: found.error, notices: [] } : undefined;
  const { ticket } = found;
  const now = ctx.clock.now();
  const fresh = now.getTime() - Date.parse(ticket.createdAt) <= opts.freshMs;
  const explicit = opts.addressed || !!number;
  if (!explicit && !fresh) return undefined;
  const timezone = ctx.config.timezone;
  const value = correction.value ? correctedValue(correction, words.correction, now, timezone) : undefined;
  if (!value) return explicit || correction.value ? { reply: ownerT.correctionUsage(correction.field), notices: [] } : undefined;

  const base = { at: now.toISOString(), by: ownerActor(ctx.message), via: via(ctx.message) };
  let event: TicketEvent;
  let summary: string;
  if (value.field === 'time') {
    if (!takesAppointment(ticket.category)) return { reply: ownerT.noAppointmentForRecorded(ticket), notices: [] };
    if ('anytime' in value) {
      summary = '时间→随时都可以';
      event = { ...base, type: 'relayed', direction: 'to_staff', text: `业主更正:${summary}` };
    } else {
      ({ event, summary } = moveVisit(base, value.time, timezone));
    }
  } else {
    event = {
      ...base,
      type: 'amended',
      ...(value.field === 'location' && { location: value.location }),
      ...(value.field === 'phone' && { phone: value.phone ?? null }),
      ...(value.field === 'description' && { description: value.description }),
    };
    summary = amendedText(event);
  }
  return applyCorrection(ctx, ticket.number, event, summary);
}

/**
 * "不对 是502", "是6栋 不是5栋" right after 确认: the part of the room said right, as at the questions before the read-back
 * (buildingCorrection). Seen in play (field13): said a minute after 确认 it met silence, and R0001 kept 5栋2单元501. As any
 * correction without @ in a group, it counts only while the report is fresh.
 */
async function partOfRoomCorrected(ctx: OwnerContext, numbered: string, said: string, opts: { addressed: boolean; freshMs: number }): Promise<OwnerOutput | undefined> {
  if (!SAYS_WRONG.test(said)) return undefined;
  const found = await ownTicket(ctx, numbered, ['open', 'accepted']);
  if ('error' in found) return undefined;
  const { ticket } = found;
  const now = ctx.clock.now();
  if (!opts.addressed && !numbered && now.getTime() - Date.parse(ticket.createdAt) > opts.freshMs) return undefined;
  const value = buildingCorrection(said, ticket.location);
  if (value?.field !== 'location') return undefined;
  const event: TicketEvent = { at: now.toISOString(), by: ownerActor(ctx.message), via: via(ctx.message), type: 'amended', location: value.location };
  return applyCorrection(ctx, ticket.number, event, amendedText(event));
}

/** A phone number with at most its lead words ("13700001111", "我的手机是 137-0000-1111"). */
const ONLY_PHONE = new RegExp(`^\\s*${CONTACT_PHONE}[\\s。.!!~]*$`, 'i');

/**
 * A number and nothing else, sent after the request was recorded: its contact phone. Seen in play: in a private chat,
 * where the read-back does not ask for one, "13700001111" right after 确认 was asked 报修、投诉还是咨询 as a new matter.
 * As any correction without @ in a group, it counts only while the report is fresh.
 */
function onlyAPhone(text: string): { field: 'phone'; value: string } | undefined {
  const input = text.normalize('NFKC');
  return ONLY_PHONE.test(input) ? { field: 'phone', value: input.trim() } : undefined;
}

/** The owner's new visit time (4.2.1.1: the work is done within the owner's appointment), with its summary. */
export function moveVisit(base: Pick<TicketEvent, 'at' | 'by' | 'via'>, time: ParsedTime, timezone: string): { event: TicketEvent; summary: string } {
  const visit = visitFields(time);
  return {
    event: { ...base, type: 'scheduled', ...visit, reason: '业主更改上门时间' },
    summary: `时间→${formatWindow(visit.appointmentAt, visit.appointmentEnd, timezone)}`,
  };
}

/** Records the owner's change and tells whoever holds the work. */
export async function applyCorrection(
  ctx: OwnerContext,
  number: string,
  event: TicketEvent,
  summary: string,
  said: 'correction' | 'when_home' = 'correction',
): Promise<OwnerOutput> {
  const next = await ctx.store.appendEvent(number, event);
  // The owner saying when they are home corrected nothing they had said: they are told it is noted, not 已更正.
  const notice = said === 'when_home' ? ownerT.whenHomeNotice(next, summary) : ownerT.correctionNotice(next, summary);
  const notices = await ctx.notifier.toUnit(next, next.unit, notice);
  return { reply: said === 'when_home' ? ownerT.whenHomeNoted(next, summary) : ownerT.corrected(next, summary), notices };
}
