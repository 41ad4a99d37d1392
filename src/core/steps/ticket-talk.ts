import { chase } from '../../commands/owner/chase.ts';
import { ownerQuery } from '../../commands/owner/query.ts';
import { requestReschedule } from '../../commands/owner/reschedule.ts';
import { takesAppointment } from '../../conversation/appointment.ts';
import { asksAboutHandover, readNewVisit, readTicketTalk, saysWhenHome, timeNotSuiting } from '../../conversation/ticket-talk.ts';
import { supplement } from '../../commands/owner/supplement.ts';
import type { Ticket } from '../../domain/ticket.ts';
import { startOfDay } from '../../zoned-time.ts';
import { addressed } from './replies.ts';
import { placedVerdict } from './classify-and-start.ts';
import type { ClassifyFn } from '../../conversation/classify-fn.ts';
import { ticketNumberSaid } from '../../conversation/ticket-number-said.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { ownerT } from '../../templates.ts';
import { CANCEL_QUESTION_TTL_MS } from '../../conversation/cancel-question.ts';
import type { MessageStep } from './turn.ts';

/**
 * An owner with work in progress talking about it without a command (policy 4.2.1.1, 4.3.1.5). The field trial: "@回音
 * 我报的修什么时候来人啊" was asked which kind of matter it was, "师傅什么时候到" met silence, "厨房水管还在漏 快点来"
 * opened a second repair for the same leak. Now they get the progress, a 催单, or a question whether to cancel.
 */
/** How long after its last change finished or closed work is still what "怎么样了" asks about. */
const RECENT_MS = 7 * 24 * 3_600_000;

export const ticketTalk: MessageStep = {
  name: 'ticket talk',
  async run(turn) {
    const { message, bot, staff } = turn;
    if (staff) return undefined;
    // "R0001 改到后天下午": the number the owner was given says which work, and that the words are about it, as @ does
    // (seen in play: silence in the group, while "改到后天下午" alone moved the visit).
    const leading = ticketNumberSaid(turn.text);
    const number = leading?.number;
    const text = leading?.rest ?? turn.text;
    const words = CONVERSATION_VOCABULARY.ticket_talk;
    const home = saysWhenHome(text, words);
    const talk = readTicketTalk(text, words);
    if (!talk && !home) return (await handover(turn, number, text)) ?? notSuiting(turn, number, text);
    const ctx = bot.ownerContext(message);
    const open = await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id }, status: ['open', 'accepted'] });
    const latest = number ? open.find((x) => x.number === number) : open.at(-1);
    // Work no longer open, or not the owner's: answered as 查询 answers it (没有找到您名下的工单 R0002, or where it
    // stands); nothing else is done to it. Seen in play (field13): '@回音 R0002 能不能改到后天' from an owner with no
    // R0002 was read back as a 咨询 to confirm with 内容:R0002 能不能改到后天.
    if (number && !latest) return bot.answer(message, { reply: await ownerQuery(ctx, number), notices: [] });
    const explicit = addressed(message) || number !== undefined;
    if (home && latest && takesAppointment(latest.category)) {
      // "师傅什么时候来啊 我下午3点后才在家": the time they are home is what the engineer needs; it is recorded before the
      // question is answered (the reply shows the new time and who was told).
      const { appointment } = bot.intakeWords;
      const asides = [...(words.available ?? []), ...(words.available_filler ?? []), ...words.ask, ...appointment.propose];
      const visit = readNewVisit(text, ctx.clock.now(), ctx.config.timezone, words, { propose: asides, filler: appointment.filler });
      if (visit && (explicit || visit.onlyTheVisit)) return bot.answer(message, await requestReschedule(ctx, latest, visit.time, 'when_home'));
    }
    if (!talk) return undefined;
    if (!latest) {
      // Seen in play: "我的报修怎么样了" in a private chat, after the engineer had finished the work, was taken as a new
      // request ("请问这是:报修、投诉,还是咨询?"). Work finished lately is what the owner means; in a private chat,
      // with nothing lately, the list (or "no tickets") answers. In a group, old work does not make chatter a question.
      if (talk !== 'ask') return undefined;
      const since = ctx.clock.now().getTime() - RECENT_MS;
      const mine = await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id } });
      const recent = mine.filter((x) => Date.parse(x.updatedAt) >= since).at(-1);
      if (recent) return bot.answer(message, { reply: await ownerQuery(ctx, recent.number), notices: [] });
      if (message.chat.kind === 'private') return bot.answer(message, { reply: await ownerQuery(ctx, ''), notices: [] });
      return undefined;
    }
    // "@回音 你们保安怎么回事 外卖都不让进" from an owner whose noise complaint is open was answered with that complaint's
    // progress (seen in play): 怎么回事 asks about the new matter. Words the classifier places as a matter for another
    // unit are a new matter, not talk about this work.
    if (!number && (talk === 'ask' || talk === 'chase') && anotherUnitsMatter(bot.deps.classify?.(text), addressed(message), latest.unit)) return undefined;
    switch (talk) {
      case 'ask':
        return bot.answer(message, { reply: await ownerQuery(ctx, latest.number), notices: [] });
      case 'chase':
        return bot.answer(message, await chase(ctx, latest.number, text));
      case 'cancel': {
        // The owner's yes to the question cancels what it asked about (cancel-question.ts); an open intake or offer
        // keeps its place, and the owner still has 取消 R0001.
        const asked = !(await bot.sessions.has(turn.key));
        if (asked) {
          const expiresAt = new Date(ctx.clock.now().getTime() + CANCEL_QUESTION_TTL_MS).toISOString();
          await bot.sessions.write(turn.key, { version: 1, kind: 'cancel_question', number: latest.number, expiresAt }, message.sender.displayName, { deferred: true });
        }
        return bot.answer(message, { reply: ownerT.confirmCancel(latest, asked), notices: [] });
      }
      case 'reschedule': {
        // Without a time ("会议改到下次") or for work with no visit, it is not about moving the visit.
        // A booked visit still to come lends its day to a time said without one ("改到下午吧").
        const now = ctx.clock.now();
        const booked = latest.appointmentAt ? startOfDay(new Date(latest.appointmentAt), ctx.config.timezone) : undefined;
        const bookedDay = booked && booked.getTime() >= startOfDay(now, ctx.config.timezone).getTime() ? booked : undefined;
        const visit = readNewVisit(text, now, ctx.config.timezone, words, bot.intakeWords.appointment, bookedDay);
        if (!visit || !takesAppointment(latest.category)) return undefined;
        if (!explicit && !visit.onlyTheVisit) return undefined;
        return bot.answer(message, await requestReschedule(ctx, latest, visit.time));
      }
    }
  },
};

/** How long after the work was taken up or passed on a question about who holds it is about that (the notice). */
const HANDOVER_MS = 2 * 3_600_000;

/**
 * "怎么又换人了", "为什么转给管理处了" from the owner right after the notice that their work was taken up or passed on
 * (seen in play, field14: silence in the group): the question goes to whoever holds the work now, as 【业主补充】, and the
 * owner is told who has it (policy 5.3: every item answered; 4.3.1.5). Only the owner's own work, and only within hours
 * of the handover: a neighbour's "怎么又换人了" about the guard on duty is left alone.
 */
async function handover(turn: Parameters<MessageStep['run']>[0], number: string | undefined, text: string) {
  const { message, bot } = turn;
  if (!asksAboutHandover(text, CONVERSATION_VOCABULARY.ticket_talk)) return undefined;
  const ctx = bot.ownerContext(message);
  const open = await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id }, status: ['open', 'accepted'] });
  const since = ctx.clock.now().getTime() - HANDOVER_MS;
  const latest = (number ? open.filter((x) => x.number === number) : open).filter((x) => handedOverSince(x, since)).at(-1);
  if (!latest) return undefined;
  return bot.answer(message, await supplement(ctx, `${latest.number} ${text}`));
}

function handedOverSince(ticket: Ticket, since: number): boolean {
  const last = ticket.history.findLast((e) => e.type === 'accepted' || e.type === 'transferred');
  return !!last && Date.parse(last.at) >= since;
}

/** Whether the words are placed as a matter (not a question) for a unit other than the one holding the work. */
function anotherUnitsMatter(classified: ReturnType<ClassifyFn> | undefined, addressedToBot: boolean, unit: string): boolean {
  const verdict = placedVerdict(classified, addressedToBot);
  return !!verdict && verdict.category !== 'consult' && verdict.unit !== unit;
}

/**
 * "明天上午没空" with work booked for then, and no other time said: the owner is told the booked time and how to move
 * or cancel it. Seen in play: silence, and the engineer would come when nobody was home (policy 4.2.1.1, the owner's
 * appointment). Only the day of the booked visit counts, so talk about other days is left to the neighbours.
 */
async function notSuiting(turn: Parameters<MessageStep['run']>[0], number: string | undefined, text: string) {
  const { message, bot } = turn;
  const ctx = bot.ownerContext(message);
  const timezone = ctx.config.timezone;
  const time = timeNotSuiting(text, ctx.clock.now(), timezone, CONVERSATION_VOCABULARY.ticket_talk);
  if (!time) return undefined;
  const open = await ctx.store.listTickets({ owner: { platform: message.chat.platform, id: message.sender.id }, status: ['open', 'accepted'] });
  const day = (at: Date | string) => startOfDay(new Date(at), timezone).getTime();
  const booked = open.filter((x) => (number ? x.number === number : true) && x.appointmentAt && takesAppointment(x.category) && day(x.appointmentAt) === day(time.start)).at(-1);
  if (!booked) return undefined;
  return bot.answer(message, { reply: ownerT.visitNotSuiting(booked, timezone), notices: [] });
}
