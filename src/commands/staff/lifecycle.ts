import type { StaffConfig } from '../../config/schema.ts';
import { parseTime } from '../../conversation/parse-time.ts';
import { takesAppointment, visitFields } from '../../conversation/appointment.ts';
import { clauseFits, DEFAULT_CLAUSE, DEFAULT_UNIT } from '../../domain/policy.ts';
import type { TicketEvent, TicketEventInput } from '../../domain/events.ts';
import { statusName, type Ticket, urgentResponders } from '../../domain/ticket.ts';
import { UNIT_NAME_ZH, type Unit } from '../../domain/category.ts';
import { parseTicketNumber } from '../../domain/ticket-number.ts';
import { ticketTimeliness } from '../../reports/analysis.ts';
import { URGE_PREFIX } from '../../reports/urged.ts';
import { formatTime, formatWindow, ownerT, staffT, t } from '../../templates.ts';
import { type CommandOutput, elevated, fail, isHandlerOf, record, type StaffContext, ticketArg, ticketOrOnly, unknownStaffFor } from './context.ts';
import { CATEGORY_WORDS, namedOf, unitOf } from './words.ts';
import { COMMAND_VOCABULARY } from '../vocabulary.ts';
import { saysOnTheWay } from './arrival.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { readRatingWords } from '../../conversation/rating-words.ts';
import { outageKind, sharedFault } from '../../conversation/same-outage.ts';

/**
 * Commands that move a ticket through the procedure (policy 4.2, 5.2–5.6). Each checks who may do it, turns the
 * arguments into one event, lets the state machine accept or refuse it, and says who must hear.
 */

/** The handler, anyone elevated, and the office (which tracks and chases all work, 4.2.1.1) may work a ticket. */
function mayWork(ctx: StaffContext, ticket: Ticket): boolean {
  return isHandlerOf(ctx.staff, ticket) || elevated(ctx.staff) || ctx.staff.unit === 'office' || ctx.staff.unit === ticket.unit;
}

function requireWork(ctx: StaffContext, ticket: Ticket): void {
  // Which unit has it, and who: 王队长's 接单 of 工程班's work only heard 不在您负责的范围内 (seen in play).
  if (!mayWork(ctx, ticket)) fail(staffT.notOurUnit(ticket.number, UNIT_NAME_ZH[ticket.unit], ticket.handler?.name));
}

/** The office arranges and the heads decide: dispatch, reclassification, visits and closing are theirs. */
function requireDesk(ctx: StaffContext, what: string): void {
  if (!elevated(ctx.staff) && ctx.staff.unit !== 'office') fail(t.needsRole(what));
}

const tz = (ctx: StaffContext) => ctx.config.timezone;

/**
 * A unit sent to help with an emergency another unit holds (engineering at a fire, policy 4.2.1): its staff say they
 * are on it and report their part, but the ticket, its clocks and its closing stay with the holder (field trial: 接单
 * and 完成 were refused as out of scope).
 */
function helpingUnit(ctx: StaffContext, ticket: Ticket): boolean {
  return ticket.urgent !== undefined && ctx.staff.unit !== ticket.unit && urgentResponders(ticket).includes(ctx.staff.unit);
}

function assistingNow(ctx: StaffContext, ticket: Ticket): boolean {
  const last = ticket.history.findLast((e) => e.type === 'assisted' && e.unit === ctx.staff.unit && e.by.kind === 'staff' && e.by.id === ctx.staff.id);
  return last?.type === 'assisted' && last.part === 'on_it';
}

async function assistOnIt(ctx: StaffContext, ticket: Ticket): Promise<CommandOutput> {
  const unit = ctx.staff.unit;
  if (assistingNow(ctx, ticket)) return { reply: staffT.alreadyAssisting(ticket, unit, ctx.staff.name), notices: [] };
  const next = await record(ctx, ticket.number, { type: 'assisted', unit, part: 'on_it' });
  const holder = await ctx.notifier.toUnit(next, next.unit, staffT.holderAssisting(next, unit, ctx.staff.name));
  return { reply: staffT.assisting(next, unit, ctx.staff.name), notices: [...ctx.notifier.toOwner(next, staffT.ownerAssisting(next, unit, ctx.staff.name)), ...holder] };
}

async function assistDone(ctx: StaffContext, ticket: Ticket, result: string): Promise<CommandOutput> {
  const unit = ctx.staff.unit;
  const next = await record(ctx, ticket.number, { type: 'assisted', unit, part: 'done', result });
  const holder = await ctx.notifier.toUnit(next, next.unit, staffT.holderAssistDone(next, unit, ctx.staff.name, result));
  return { reply: staffT.assistDone(next, unit), notices: holder };
}

export async function accept(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const { ticket } = await ticketOrOnly(ctx, args, '接单 R0001', 'waiting');
  if (!mayWork(ctx, ticket) && helpingUnit(ctx, ticket)) return assistOnIt(ctx, ticket);
  requireWork(ctx, ticket);
  // "R0001 收到" from 张工 under 李主任's 派给你 was told 当前处理中,不能接单(已由张工受理) (seen in play): it is already
  // theirs, and that is the answer.
  if (ticket.status === 'accepted' && isHandlerOf(ctx.staff, ticket)) return { reply: staffT.alreadyYours(ticket, takesAppointment(ticket.category) && !ticket.appointmentAt), notices: [] };
  const next = await record(ctx, ticket.number, { type: 'accepted', handler: ctx.directory.staffRef(ctx.staff) });
  return {
    reply: staffT.accepted(next.number, ctx.staff.name),
    notices: [...ctx.notifier.toOwner(next, staffT.ownerAccepted(next)), ...ctx.notifier.toReporters(next, staffT.reporterAccepted(next, reportedAs(next)))],
  };
}

export async function assign(ctx: StaffContext, args: string): Promise<CommandOutput> {
  requireDesk(ctx, '派单');
  // "派给张工吧" with no number, under the notice: the one ticket waiting to be sent (several are listed).
  const { ticket, rest } = await ticketOrOnly(ctx, args.replace(LEADING_TO, ''), '派单 R0001 张工', 'to assign');
  // "派单 R0001 给张工", "R0001 派给张工": the 给 is how it is said, not part of the name (seen in play).
  const typed = rest.replace(LEADING_TO, '').split(/\s+/)[0];
  const candidates = ctx.config.staff.filter((s) => !s.estate || s.estate === ticket.estate);
  // "派单 R0001" with no name: who it can go to, the ticket's own unit first (seen in play: only 格式:派单 R0001 张工,
  // and the office had to know the names by heart).
  if (!typed) fail(staffT.assignWhom(ticket.number, whomFor(ticket.unit, candidates)));
  // "派给张工吧", "派单 R0001 张工处理": what is said after the name is not part of it (unit_particles).
  const { word: name, found: target } = namedOf(typed, (w) => candidates.find((s) => s.name === w || s.id === w));
  if (!target) unknownStaffFor(ctx, name, candidates, ticket.estate);
  const handler = ctx.directory.staffRef(target);
  // Given to someone whose unit's chat is not the ticket's unit's (张工 given work that had been sent to 秩序部), the work
  // goes to their unit too: else the reminders and the owner's 不满意 went to a chat they are not in (seen in play).
  const ownChats = ctx.directory.chatsForUnit(target.unit, ticket.estate);
  const elsewhere = target.unit !== ticket.unit && !ctx.directory.chatsForUnit(ticket.unit, ticket.estate).some((c) => ownChats.some((o) => o.platform === c.platform && o.id === c.id));
  const next =
    ticket.status === 'open' && !elsewhere
      ? await record(ctx, ticket.number, { type: 'accepted', handler })
      : await record(ctx, ticket.number, { type: 'transferred', toUnit: target.unit, toHandler: handler });
  const toTarget = ctx.directory
    .chatsForUnit(target.unit, next.estate)
    .map((chat) => ({ chat: { platform: chat.platform, id: chat.id }, text: staffT.assignedToYou(next, target.name, tz(ctx)) }));
  return {
    reply: staffT.assigned(next.number, target.name),
    notices: [...toTarget, ...ctx.notifier.toOwner(next, staffT.ownerAccepted(next)), ...ctx.notifier.toReporters(next, staffT.reporterAccepted(next, reportedAs(next)))],
  };
}

/** Those who can take work, by unit, the ticket's unit first; managers are not sent work. */
function whomFor(unit: Unit, staff: readonly StaffConfig[]): Array<{ unit: Unit; names: string[] }> {
  const units = [...new Set([unit, ...staff.map((s) => s.unit)])].filter((u) => u !== 'managers');
  return units.map((u) => ({ unit: u, names: staff.filter((s) => s.unit === u).map((s) => s.name) })).filter((g) => g.names.length > 0);
}

/** The words after a time: why it was set or moved, kept in the audit trail of deadline moves (timeliness D4). */
function reasonAfter(rest: string, timeText: string): string {
  return rest.replace(timeText, '').replace(/^[\s,,;;]*(原因[::]?)?/, '').trim();
}

/**
 * Said back to staff when the time they set came after the deadline had passed: it is kept for the work, but the
 * ticket stays late (docs/timeliness.md D5), and they should know it.
 */
function lateMoveNote(ctx: StaffContext, ticket: Ticket): string {
  const move = ticketTimeliness(ticket, ctx.clock.now(), ctx.config).moves.at(-1);
  return move && !move.counts && move.at === ticket.updatedAt ? staffT.moveAfterDeadline(formatTime(move.from, tz(ctx))) : '';
}

export async function schedule(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '预约 R0001 明天下午两点 [改约原因]';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireWork(ctx, ticket);
  if (!rest) fail(staffT.usage(form));
  const time = parseTime(rest, ctx.clock.now(), tz(ctx));
  if (!time) fail(staffT.badTime(rest));
  const reason = visitWordOnly(reasonAfter(rest, time.text));
  const visit = visitFields(time);
  const takes = takesItUp(ctx, ticket);
  const next = await record(ctx, ticket.number, [...takes, { type: 'scheduled', ...visit, ...(reason && { reason }) }]);
  const when = formatWindow(visit.appointmentAt, visit.appointmentEnd, tz(ctx));
  const said = staffT.scheduled(next.number, when) + lateMoveNote(ctx, next);
  return {
    reply: takes.length > 0 ? staffT.acceptedWith(next.number, ctx.staff.name, said) : said,
    notices: [...ctx.notifier.toOwner(next, staffT.ownerScheduled(next, when)), ...(takes.length > 0 ? ctx.notifier.toReporters(next, staffT.reporterAccepted(next, reportedAs(next))) : [])],
  };
}

/**
 * A member of the ticket's own unit who sets its visit or its promised time while nobody has accepted it takes it
 * up in their name, in the same write, as 完成 does (seen in play: 张工's "R0001 明天上午10点上门" set the visit, the
 * ticket stayed 待受理 and the owner heard "工作人员会按时处理"). Policy 5.2: the owner is told who comes and when.
 * The office arranging a visit for engineering (4.2.1.1) or a head setting one does not take the work.
 */
function takesItUp(ctx: StaffContext, ticket: Ticket): TicketEventInput[] {
  const own = ctx.staff.unit === ticket.unit && !elevated(ctx.staff);
  return ticket.status === 'open' && own ? [{ type: 'accepted', handler: ctx.directory.staffRef(ctx.staff) }] : [];
}

/** "R0001 明天上午10点上门": 上门 says what happens at the time (rules/vocabulary/commands.yaml after_number.visit), not why. */
function visitWordOnly(reason: string): string {
  const bare = reason.replace(/[\s\p{P}]+/gu, '');
  return COMMAND_VOCABULARY.after_number.visit.some((w) => bare === w || bare === `${w}吧` || bare === `${w}处理`) ? '' : reason;
}

export async function promise(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '承诺 R0001 周五18点 [超过3天请写原因]';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireWork(ctx, ticket);
  if (!rest) fail(staffT.usage(form));
  const time = parseTime(rest, ctx.clock.now(), tz(ctx));
  if (!time) fail(staffT.badTime(rest));
  // A window means "by its end": 周五 is a promise for Friday's close of work. "明天中午前" is by noon, not by the end
  // of the midday window (it was promised as 14:00).
  // 前 is by the start of what was named; 今天之内 / 最迟周六 / 两小时以内 by its end (parse-time.ts `by`).
  const by = time.before ? (time.by ?? time.start) : (time.end ?? time.start);
  const reason = reasonAfter(rest, time.text);
  const takes = takesItUp(ctx, ticket);
  const next = await record(ctx, ticket.number, [...takes, { type: 'promised', promisedAt: by.toISOString(), ...(reason && { reason }) }]);
  const when = formatTime(by, tz(ctx));
  const said = staffT.promised(next.number, when) + lateMoveNote(ctx, next);
  return {
    reply: takes.length > 0 ? staffT.acceptedWith(next.number, ctx.staff.name, said) : said,
    notices: [...ctx.notifier.toOwner(next, staffT.ownerPromised(next, when)), ...(takes.length > 0 ? ctx.notifier.toReporters(next, staffT.reporterAccepted(next, reportedAs(next))) : [])],
  };
}

/** What the owners who joined a ticket reported, in their words: an emergency, or the outage (停电) they had too. */
function reportedAs(ticket: Ticket): string {
  const words = CONVERSATION_VOCABULARY.same_outage;
  return ticket.urgent ? staffT.emergencyWord : (outageKind(ticket.description, words) ?? sharedFault(ticket.description, words) ?? staffT.outageWord);
}

export async function reply(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const { ticket, rest } = await ticketArg(ctx, args, '回复 R0001 内容');
  // A unit sent to help with an emergency (engineering at a fire) tells the owner what it did, without holding it.
  const helping = ticket.urgent !== undefined && urgentResponders(ticket).includes(ctx.staff.unit);
  if (!helping) requireWork(ctx, ticket);
  if (!rest) fail(staffT.usage('回复 R0001 内容'));
  // A consultation is handled once it is answered (docs/timeliness.md J7): the reply is its result, in the same write.
  const answers = ticket.category === 'consult' && (ticket.status === 'open' || ticket.status === 'accepted');
  const answered: TicketEvent[] = answers
    ? [{ type: 'completed', result: rest, at: ctx.clock.now().toISOString(), by: { kind: 'staff', platform: ctx.staff.platform, id: ctx.staff.id, name: ctx.staff.name } }]
    : [];
  // "R0001 到了" from an engineer on unaccepted work: whoever is at the door has taken it (as with 预约), or the
  // emergency clocks go on calling for someone to 接单 while they are there. So has whoever is on the way ("R0001 马上到",
  // "回复 R0001 在路上了 十分钟到"; seen in play, field13: the owner was told 张工 was coming while 工程班 went on being
  // reminded 待接单).
  const takes = !answers && (rest === staffT.arrived || saysOnTheWay(rest)) ? takesItUp(ctx, ticket) : [];
  const next = await record(ctx, ticket.number, [...takes, { type: 'relayed', direction: 'to_owner', text: rest }], answered);
  const said = answers ? staffT.answered(next.number) : staffT.relayed(next.number);
  return { reply: takes.length > 0 ? staffT.acceptedWith(next.number, ctx.staff.name, said) : said, notices: [...ctx.notifier.toOwner(next, staffT.ownerRelayed(next, rest, ctx.staff.name)), ...ctx.notifier.toReporters(next, staffT.reporterRelayed(next, reportedAs(next), rest, ctx.staff.name))] };
}

export async function done(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '完成 R0001 处理结果';
  const { ticket, rest } = await ticketOrOnly(ctx, args, form, 'mine');
  const helping = !mayWork(ctx, ticket) && helpingUnit(ctx, ticket);
  if (!helping) requireWork(ctx, ticket);
  // Done already: said first, not "还差处理结果" (seen in play: 张工, told to add the result to 完成 R0001, did, and was
  // then told 当前已完成待评价,不能完工).
  if (ticket.status === 'completed') fail(staffT.alreadyCompleted(ticket, ctx.config.timezone));
  // Policy 5.4: the handler reports the result back; without it there is nothing to record.
  if (!rest) fail(staffT.doneNeedsResult(ticket.number));
  if (helping) return assistDone(ctx, ticket, rest);
  // The desk that accepted it hears the result (5.4) unless the office did the work itself; same write as the result.
  // Done before anyone typed 接单 (the engineer on the spot fixed it): accepted by them and completed in one write,
  // instead of "尚未受理,请先接单" and a second try (seen in play).
  const accepted: TicketEventInput[] = ticket.status === 'open' ? [{ type: 'accepted', handler: ctx.directory.staffRef(ctx.staff) }] : [];
  const handler = ticket.handler ?? ctx.directory.staffRef(ctx.staff);
  const planned = ticket.unit === 'office' ? undefined : ctx.notifier.plan('office', ticket.estate, staffT.deskCompleted({ ...ticket, handler, result: rest }));
  // Typed in the office's own chat (the office head finishing a complaint), the desk read it there: no 【完工】 echo.
  const here = (m: { chat: { platform: string; id: string } }) => m.chat.platform === ctx.message.chat.platform && m.chat.id === ctx.message.chat.id;
  const desk = planned && !planned.messages.every(here) ? planned : undefined;
  const next = await record(ctx, ticket.number, [...accepted, { type: 'completed', result: rest }], desk?.events);
  const owners = [...ctx.notifier.toOwner(next, staffT.ownerCompleted(next), { quickReplies: ownerT.ratingButtons() }), ...ctx.notifier.toReporters(next, staffT.reporterCompleted(next, reportedAs(next)))];
  return { reply: staffT.completed(next.number), notices: [...owners, ...(desk?.messages ?? [])] };
}

/** 给, 交给, 到 before a name or a unit: "派给张工", "转给秩序部", "转到工程班". */
const LEADING_TO = /^\s*(?:交给|转给|给|到|至)\s*/;

/** The units in the order the messages list them. */
const UNITS_IN_ORDER: readonly Unit[] = ['engineering', 'office', 'security', 'office_head', 'managers'];

export async function transfer(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '转 R0001 工程班|管理处|主任|领导 [原因]';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireWork(ctx, ticket);
  const [typed = '', ...why] = rest.replace(LEADING_TO, '').split(/\s+/).filter(Boolean);
  if (!typed) fail(staffT.usage(form));
  const { word, unit } = unitOf(typed);
  // The units this estate has: a unit with no chat in the config hears nothing of work sent to it (seen in play: 转 to
  // a unit the estate lacks was recorded, and nobody was told).
  const here = UNITS_IN_ORDER.filter((u) => ctx.directory.chatsForUnit(u, ticket.estate).length > 0);
  if (!unit) {
    // "把R0002转给张工": a person, not a unit (seen in play: 没有「张工」这个部门). The desk means 派单; others are told who does.
    const person = namedOf(typed, (w) => ctx.config.staff.find((s) => (s.name === w || s.id === w) && (!s.estate || s.estate === ticket.estate))).found;
    if (person && (elevated(ctx.staff) || ctx.staff.unit === 'office')) return assign(ctx, `${ticket.number} ${person.name}`);
    if (person) fail(staffT.transferToPerson(ticket.number, person.name, UNIT_NAME_ZH[person.unit]));
    fail(staffT.unknownUnit(word, here));
  }
  const reason = why.join(' ');
  // To the unit that already holds it, with words: what was meant is 督办, and the answer says so.
  if (unit === ticket.unit) fail(staffT.alreadyThere(ticket.number, UNIT_NAME_ZH[unit], reason));
  if (!here.includes(unit)) fail(staffT.unitNotHere(word, unit, here));
  const next = await record(ctx, ticket.number, { type: 'transferred', toUnit: unit, ...(reason && { reason }) });
  const notices = await ctx.notifier.toUnit(next, unit, staffT.transferNotice(next, ctx.staff.name, reason, tz(ctx)), t.newTicketButtons(next));
  return { reply: staffT.transferred(next.number, unit), notices: [...notices, ...ctx.notifier.toOwner(next, staffT.ownerTransferred(next))] };
}

/**
 * 督办 R0001 要求: the office, a head or a manager presses whoever holds the work (policy 3.1 跟催, 4.2.1.1 催办). The
 * field trial's manager typed "转 R0001 工程班 今天必须修好" to the unit already holding it and was only refused.
 */
export async function urge(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '督办 R0001 要求';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireDesk(ctx, '督办');
  if (ticket.status !== 'open' && ticket.status !== 'accepted') fail(staffT.notOpenToUrge(ticket.number, statusName(ticket)));
  // "催办 R0001" alone, as a head types it, presses for the work itself (seen in play: it only got the form back).
  const said = rest || staffT.urgeDefault();
  const next = await record(ctx, ticket.number, { type: 'relayed', direction: 'to_staff', text: `${URGE_PREFIX}${said}` });
  const notices = await ctx.notifier.toUnit(next, next.unit, staffT.urgeNotice(next, ctx.staff.name, said));
  return { reply: staffT.urged(next), notices };
}

export async function reclassify(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '定性 R0001 报修|有偿|投诉|协助|超范围|咨询 [条款]';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireDesk(ctx, '定性');
  const [word = '', clauseArg] = rest.split(/\s+/).filter(Boolean);
  if (!word) fail(staffT.usage(form));
  const category = CATEGORY_WORDS[word.toLowerCase()] ?? CATEGORY_WORDS[word];
  if (!category) fail(staffT.unknownCategory(word));
  const clause = clauseArg ?? (category === ticket.category ? ticket.clause : DEFAULT_CLAUSE[category]);
  if (!/^\d+(\.\d+)*$/.test(clause) || !clauseFits(category, clause)) fail(staffT.clauseMismatch(clause, word));
  const next = await record(ctx, ticket.number, { type: 'reclassified', category, clause, unit: DEFAULT_UNIT[category] });
  // The unit it now belongs to hears of it (field trial: 定性 突发事件 made it 秩序部's and nobody there knew); not the
  // chat the command was typed in, which has just read the answer.
  if (next.unit === ticket.unit) return { reply: staffT.reclassified(next, ticket.category), notices: [] };
  const here = `${ctx.message.chat.platform}:${ctx.message.chat.id}`;
  const plan = ctx.notifier.plan(next.unit, next.estate, staffT.reclassifyNotice(next, ctx.staff.name, tz(ctx)), t.newTicketButtons(next));
  const events = plan.events.filter((e) => e.type !== 'notified' || e.chat !== here);
  const after = events.length > 0 ? await ctx.store.appendEvents(next.number, events) : next;
  return { reply: staffT.reclassified(after, ticket.category), notices: plan.messages.filter((m) => `${m.chat.platform}:${m.chat.id}` !== here) };
}

export async function escalate(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '升级 R0001 原因';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  if (!rest) fail(staffT.usage(form));
  const next = await record(ctx, ticket.number, { type: 'escalated', to: 'managers', reason: rest });
  const notices = await ctx.notifier.toUnit(next, 'managers', staffT.escalationNotice(next, rest, ctx.staff.name, tz(ctx)));
  if (notices.length === 0) ctx.log(`no managers' chat configured: escalation of ${next.number} was recorded but not announced`);
  return { reply: staffT.escalated(next.number), notices };
}

const SATISFIED = /^(满意|基本满意|好|ok|yes|y)$/i;
const UNSATISFIED = /^(不满意|差|no|n)$/i;

export async function visit(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '回访 R0001 满意|不满意 [备注]';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireDesk(ctx, '回访');
  if (ticket.status === 'closed') fail(staffT.visitClosed(ticket));
  const { verdict, note } = visitWords(rest);
  // The 【回访任务】 an owner's 不满意 hands out (5.6) is about work that is open again: its own outcomes (issue 16 §4).
  if (reopenedByOwner(ticket)) return visitReopened(ctx, ticket, verdict, note, form);
  if (SATISFIED.test(verdict)) {
    const next = await record(ctx, ticket.number, { type: 'closed', reason: 'return_visit', note: [verdict, note].filter(Boolean).join(' ') });
    return { reply: staffT.visitedOk(next.number), notices: [] };
  }
  if (UNSATISFIED.test(verdict)) {
    // Policy 5.6 and 3.1: an unhappy owner reopens the work and the office head hears of it.
    const reason = note || '回访不满意';
    const next = await record(ctx, ticket.number, { type: 'reopened', reason });
    const notices = [
      ...(await ctx.notifier.toUnit(next, 'office_head', staffT.reopenNotice(next, reason))),
      ...(next.unit === 'office_head' ? [] : await ctx.notifier.toUnit(next, next.unit, staffT.reopenNotice(next, reason))),
    ];
    return { reply: staffT.visitedUnhappy(next.number), notices };
  }
  fail(rest ? staffT.visitVerdictUnread(ticket.number, rest) : staffT.usage(form));
}

/**
 * 重开 R0001 原因: done or closed work that is not right after all (the owner phones back: it leaks again), policy 5.6.
 * The office, a head or a manager; the work goes back to whoever held it, who hears why, and so does the owner.
 */
export async function reopen(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const form = '重开 R0001 原因';
  const { ticket, rest } = await ticketArg(ctx, args, form);
  requireDesk(ctx, '重开');
  if (ticket.status === 'open' || ticket.status === 'accepted') fail(staffT.notReopenable(ticket.number, statusName(ticket)));
  if (!rest) fail(staffT.usage(form));
  const next = await record(ctx, ticket.number, { type: 'reopened', reason: rest });
  const notices = [
    ...(await ctx.notifier.toUnit(next, next.unit, staffT.reopenByStaffNotice(next, ctx.staff.name, rest))),
    ...ctx.notifier.toOwner(next, staffT.ownerReopened(next, rest)),
  ];
  return { reply: staffT.reopened(next), notices };
}

/**
 * 满意|不满意 first, or the owner's answer as the clerk typed it ("回访 R0001 业主说挺好的", "回访 R0001 还是漏"): read
 * with the owners' rating words (rules/vocabulary/conversation.yaml), kept whole as the note. Praise together with a
 * complaint, or no rating word at all, still gets the form (the field trial's 还行吧 was refused; now it is 满意).
 */
/** How a clerk puts the owner's word before the verdict: "业主满意", "业主说不满意" (seen in play). */
const OWNER_SAID = /^(?:业主|客户|住户)(?:说|表示|反映|反馈|觉得)?(?=满意|基本满意|不满意)/;

function visitWords(rest: string): { verdict: string; note: string } {
  const [first = '', ...noteWords] = rest.replace(OWNER_SAID, '').split(/\s+/).filter(Boolean);
  if (SATISFIED.test(first) || UNSATISFIED.test(first)) return { verdict: first, note: noteWords.join(' ') };
  const read = rest.trim() ? readRatingWords(rest, CONVERSATION_VOCABULARY.rating_words) : undefined;
  if (read?.kind === 'rated') return { verdict: '满意', note: rest.trim() };
  if (read?.kind === 'unhappy') return { verdict: '不满意', note: rest.trim() };
  return { verdict: first, note: noteWords.join(' ') };
}

function reopenedByOwner(ticket: Ticket): boolean {
  if (ticket.status !== 'open' && ticket.status !== 'accepted') return false;
  const reopened = ticket.history.findLast((e) => e.type === 'reopened');
  return reopened?.by.kind === 'owner';
}

/**
 * A return visit after the owner's 不满意: 满意 means the call settled it (the work stands as done and the ticket is
 * closed by the visit); 不满意 records what the owner still wants, goes to the office head (3.1) and back to whoever
 * holds the work, which stays open.
 */
async function visitReopened(ctx: StaffContext, ticket: Ticket, verdict: string, note: string, form: string): Promise<CommandOutput> {
  const now = ctx.clock.now().toISOString();
  const by = { kind: 'staff' as const, platform: ctx.staff.platform, id: ctx.staff.id, name: ctx.staff.name };
  if (SATISFIED.test(verdict)) {
    const result = staffT.visitSettled(note);
    const closed: TicketEvent = { type: 'closed', reason: 'return_visit', note: [verdict, note].filter(Boolean).join(' '), at: now, by };
    const next = await record(ctx, ticket.number, { type: 'completed', result }, [closed]);
    return { reply: staffT.visitedOk(next.number), notices: ctx.notifier.toOwner(next, staffT.ownerVisitSettled(next)) };
  }
  if (UNSATISFIED.test(verdict)) {
    const reason = `回访不满意${note ? `:${note}` : ''}`;
    const next = await record(ctx, ticket.number, { type: 'escalated', to: 'office_head', reason });
    const head = await ctx.notifier.toUnit(next, 'office_head', staffT.visitUnhappyNotice(next, note));
    const holder = next.unit === 'office_head' ? [] : await ctx.notifier.toUnit(next, next.unit, staffT.visitUnhappyNotice(next, note));
    return { reply: staffT.visitedStillUnhappy(next.number), notices: [...head, ...holder] };
  }
  fail([verdict, note].join('') ? staffT.visitVerdictUnread(ticket.number, [verdict, note].filter(Boolean).join(' ')) : staffT.usage(form));
}

/**
 * Work dropped before it was done leaves the rate's 总件数 (docs/timeliness.md J5): without a reason on record anyone
 * could take late-looking work out of the rate, and the owner was told only 已关闭 (5.3 事事有着落). Seen in play:
 * "关闭 R0003" closed a phoned-in repair with nothing said.
 */
function requireReasonToDrop(ticket: Ticket, rest: string, word: string): void {
  if (!rest && (ticket.status === 'open' || ticket.status === 'accepted')) fail(staffT.dropNeedsReason(word, ticket.number));
}

export async function close(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const { ticket, rest } = await ticketArg(ctx, args, '关闭 R0001 [原因]');
  requireDesk(ctx, '关闭');
  requireReasonToDrop(ticket, rest, '关闭');
  const duplicate = /^重复/.test(rest);
  const next = await record(ctx, ticket.number, { type: 'closed', reason: duplicate ? 'duplicate' : 'no_action', ...(rest && { note: rest }) });
  return { reply: staffT.closed(next.number), notices: ctx.notifier.toOwner(next, staffT.ownerClosed(next, await forOwner(ctx, next, rest))) };
}

/**
 * Staff words relayed to an owner keep no other owner's ticket number ("重复 R0001" where R0001 is a neighbour's):
 * an owner sees only their own tickets, and 查 would refuse the number anyway.
 */
async function forOwner(ctx: StaffContext, ticket: Ticket, note: string): Promise<string> {
  let out = note;
  for (const m of note.matchAll(/[RCSrcs]\s*-?\s*\d{1,9}(?!\d)/g)) {
    const number = parseTicketNumber(m[0]);
    const other = number && (await ctx.store.getTicket(number));
    if (other && (other.owner.platform !== ticket.owner.platform || other.owner.id !== ticket.owner.id)) out = out.replace(m[0], staffT.sameMatterElsewhere());
  }
  return out;
}

export async function cancel(ctx: StaffContext, args: string): Promise<CommandOutput> {
  const { ticket, rest } = await ticketArg(ctx, args, '取消 R0001 [原因]');
  requireDesk(ctx, '取消');
  requireReasonToDrop(ticket, rest, '取消');
  const next = await record(ctx, ticket.number, { type: 'closed', reason: 'cancelled', ...(rest && { note: rest }) });
  return { reply: staffT.cancelled(next.number), notices: ctx.notifier.toOwner(next, staffT.ownerClosed(next, rest || '已取消')) };
}

