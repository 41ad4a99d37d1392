import type { Ratings } from '../../domain/events.ts';
import { ownerT } from '../../templates.ts';
import { answeredByBot, type Ticket } from '../../domain/ticket.ts';
import { CONVERSATION_VOCABULARY } from '../../conversation/vocabulary.ts';
import { type OwnerContext, type OwnerOutput, ownerActor, ownTicket, via } from './context.ts';
import { readRatingWords, reservationIn } from '../../conversation/rating-words.ts';

/**
 * What an owner may answer to "please rate": three digits for quality, timeliness and attitude (5 5 4), one digit
 * for all three (4), or a word.
 * 满意 counts as full marks and 基本满意 as 4 on each; 不满意 records no scores and reopens the work.
 */
const DIGITS = /^(?:[RCSrcs]\d{1,9}\s*)?([1-5])\s*[\s,,、/]?\s*([1-5])\s*[\s,,、/]?\s*([1-5])\s*(?:分)?$/;
/** One score for all three ("3", "4分", "5星"): what owners answer to "打分(1–5分)" more often than three digits. */
const ONE_SCORE = /^(?:[RCSrcs]\d{1,9}\s*)?([1-5])\s*(?:分|星)?[。.!!]?$/;
const WORDS: Record<string, Ratings | 'unhappy'> = {
  非常满意: { quality: 5, timeliness: 5, attitude: 5 },
  满意: { quality: 5, timeliness: 5, attitude: 5 },
  基本满意: { quality: 4, timeliness: 4, attitude: 4 },
  不满意: 'unhappy',
  不太满意: 'unhappy',
  很不满意: 'unhappy',
};

/** A lone score outside 1–5 ("6", "10分"): meant as a rating, so the owner is told the scale instead of silence. */
const OUT_OF_RANGE = /^(?:[RCSrcs]\d{1,9}\s*)?(?:0|[6-9]|10)\s*(?:分|星)?[。.!!]?$/;

/** Reads a rating answer; undefined when the text is not one (so it can be an ordinary message). */
export function readRating(text: string): { ratings: Ratings | 'unhappy'; comment: string; readAs?: string } | undefined {
  const trimmed = text.normalize('NFKC').trim();
  const digits = DIGITS.exec(trimmed);
  if (digits) return { ratings: { quality: Number(digits[1]), timeliness: Number(digits[2]), attitude: Number(digits[3]) }, comment: '' };
  const one = ONE_SCORE.exec(trimmed);
  if (one) return { ratings: { quality: Number(one[1]), timeliness: Number(one[1]), attitude: Number(one[1]) }, comment: '' };
  const words = /^(?:[RCSrcs]\d{1,9}\s*)?(非常满意|基本满意|不太满意|很不满意|不满意|满意)[,,。!!\s]*(.*)$/.exec(trimmed);
  if (!words) return undefined;
  return { ratings: WORDS[words[1]!]!, comment: words[2]!.trim(), readAs: words[1]! };
}

/**
 * Work the owner was asked to rate: not a question the bot answered from the FAQ, which was never put to them for a
 * rating. Seen in play: '@回音 物业电话多少' was answered (S0001), and the owner's '@回音 谢谢' got 谢谢您的评价!S0001
 * 已按「满意」记录并结案 — thanked for a rating they never gave. A number said (S0001 满意) still rates that ticket.
 */
const awaitsRating = (ticket: Ticket) => !answeredByBot(ticket);

/** A score this low is an unhappy owner whatever else they said (policy 5.6: unhappy return visits are followed up). */
const UNHAPPY_SCORE = 2;

/**
 * The owner's rating of completed work (policy 4.2.1.1). An unhappy answer reopens the ticket and the office head is
 * told (issue: "不满意 or a refusal reopens the ticket and alerts the office head").
 */
export async function rate(ctx: OwnerContext, text: string): Promise<OwnerOutput | undefined> {
  const answer = readRating(text);
  const outOfRange = !answer && OUT_OF_RANGE.test(text.normalize('NFKC').trim());
  if (!answer && !outOfRange) return rateInWords(ctx, text);
  const found = await ownTicket(ctx, text, ['completed'], awaitsRating);
  if ('error' in found) return undefined;
  const { ticket } = found;
  if (!answer) return ticket.status === 'completed' ? { reply: ownerT.ratingOutOfRange(ticket), notices: [] } : undefined;
  if (ticket.status !== 'completed') return { reply: ownerT.notAwaitingRating(ticket), notices: [] };
  const out = await record(ctx, ticket, answer);
  // "基本满意 就是拖得有点久": the rating with a reservation after it, as rateInWords reads one said in words (seen in
  // play: 谢谢您的评价!已结案, and the office head never heard of the delay). The head follows it up (5.6).
  const remark = answer.ratings !== 'unhappy' && answer.readAs && answer.comment ? remarkIn(answer.comment) : undefined;
  if (!remark) return out;
  const latest = (await ctx.store.getTicket(ticket.number)) ?? ticket;
  const notices = await ctx.notifier.toUnit(latest, 'office_head', ownerT.ratingReservationNotice(latest, answer.readAs!, remark));
  return { reply: ownerT.thanksWithRemark(ticket, answer.readAs!, remark), notices: [...out.notices, ...notices] };
}

/** The reservation in a rating's comment ("就是拖得有点久" → 拖得有点久), read as rating-words.ts reads one. */
function remarkIn(comment: string): string | undefined {
  const { rating_words: words, answer_fillers: fillers } = CONVERSATION_VOCABULARY;
  return reservationIn(` ${comment}`, words.reservation, [...fillers, ...words.happy, ...words.fair]);
}

/**
 * "还行吧,师傅挺好的" to the 打分 prompt: the field trial met silence here and the rating was lost. Only for an owner
 * whose latest finished work awaits a rating; the reply says how the words were read.
 */
async function rateInWords(ctx: OwnerContext, text: string): Promise<OwnerOutput | undefined> {
  const read = readRatingWords(text, CONVERSATION_VOCABULARY.rating_words, CONVERSATION_VOCABULARY.answer_fillers);
  if (!read) return undefined;
  const found = await ownTicket(ctx, '', ['completed'], awaitsRating);
  // Praise after the rating asks nothing of anyone ("谢谢师傅" stays the owner's own words); a complaint is kept.
  if ('error' in found) return read.kind === 'rated' ? undefined : remarkAfterRating(ctx, text);
  // Two pieces of work awaiting a rating: the words go to the one they speak of. "还是漏水 没修好" after the leak and
  // then the door lock were done reopened the lock (the latest), and the head chased the wrong work (seen in play).
  const ticket = (await spokenOf(ctx, text)) ?? found.ticket;
  const comment = text.normalize('NFKC').trim();
  switch (read.kind) {
    case 'unsure':
      return { reply: ownerT.ratingUnsure(ticket), notices: [] };
    case 'unhappy':
      return record(ctx, ticket, { ratings: 'unhappy', comment });
    case 'rated': {
      const out = await record(ctx, ticket, { ratings: read.ratings, comment });
      if (!read.remark) return { ...out, reply: ownerT.thanksReadAs(ticket, read.readAs) };
      // The reservation is the owner's opinion at the end of the work: the office head follows it up (5.6).
      const latest = (await ctx.store.getTicket(ticket.number)) ?? ticket;
      const notices = await ctx.notifier.toUnit(latest, 'office_head', ownerT.ratingReservationNotice(latest, read.readAs, read.remark));
      return { reply: ownerT.thanksWithRemark(ticket, read.readAs, read.remark), notices: [...out.notices, ...notices] };
    }
  }
}

/** The owner's work awaiting a rating whose record shares the most words (pairs of characters) with `text`, if one does. */
async function spokenOf(ctx: OwnerContext, text: string): Promise<Ticket | undefined> {
  const waiting = (await ctx.store.listTickets({ owner: { platform: ctx.message.chat.platform, id: ctx.message.sender.id }, status: ['completed'] })).filter(awaitsRating);
  if (waiting.length < 2) return undefined;
  const said = hanPairs(text);
  const scored = waiting.map((ticket) => ({ ticket, shared: [...hanPairs(ticket.description)].filter((p) => said.has(p)).length }));
  const best = Math.max(...scored.map((x) => x.shared));
  const top = scored.filter((x) => x.shared === best);
  return best > 0 && top.length === 1 ? top[0]!.ticket : undefined;
}

function hanPairs(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const run of text.normalize('NFKC').match(/\p{Script=Han}+/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) pairs.add(run.slice(i, i + 2));
  return pairs;
}

/** How long after rating an owner's words about the work are still taken as a remark on that rating. */
const REMARK_MINUTES = 30;

/**
 * "5 5 4", then "师傅挺好的 就是来晚了半小时": the words came after the ticket was closed and were lost (seen in play).
 * A complaint about the work from an owner who rated within REMARK_MINUTES goes on that ticket's record and to the
 * office head (policy 5.6: owners' opinions at the return visit are followed up); the rating itself is not changed.
 */
async function remarkAfterRating(ctx: OwnerContext, text: string): Promise<OwnerOutput | undefined> {
  const found = await ownTicket(ctx, '', ['closed']);
  if ('error' in found) return undefined;
  const { ticket } = found;
  // Closed by the rating, not by staff: nothing but remarks came after it.
  const after = ticket.history.slice(ticket.history.findLastIndex((e) => e.type === 'rated'));
  const rated = after[0];
  const now = ctx.clock.now();
  if (rated?.type !== 'rated' || after.slice(1).some((e) => e.type !== 'relayed' && e.type !== 'notified') || now.getTime() - Date.parse(rated.at) > REMARK_MINUTES * 60_000) return undefined;
  const remark = text.normalize('NFKC').trim();
  const next = await ctx.store.appendEvent(ticket.number, { type: 'relayed', direction: 'to_staff', text: ownerT.ratingRemarkRecord(remark), at: now.toISOString(), by: ownerActor(ctx.message), via: via(ctx.message) });
  const notices = await ctx.notifier.toUnit(next, 'office_head', ownerT.ratingRemarkNotice(next, remark));
  return { reply: ownerT.ratingRemarked(next), notices };
}

async function record(ctx: OwnerContext, ticket: Ticket, answer: { ratings: Ratings | 'unhappy'; comment: string }): Promise<OwnerOutput> {
  const at = ctx.clock.now().toISOString();
  const by = ownerActor(ctx.message);
  const common = { at, by, via: via(ctx.message) };
  const unhappy = answer.ratings === 'unhappy' || Math.min(...Object.values(answer.ratings)) <= UNHAPPY_SCORE;
  let next = ticket;
  if (answer.ratings !== 'unhappy') {
    next = await ctx.store.appendEvent(ticket.number, { ...common, type: 'rated', ratings: answer.ratings, ...(answer.comment && { comment: answer.comment }) });
  }
  if (!unhappy) return { reply: ownerT.thanks(next), notices: [] };
  const reason = answer.comment || '业主评价不满意';
  next = await ctx.store.appendEvent(ticket.number, { ...common, type: 'reopened', reason });
  const notices = [...(await ctx.notifier.toUnit(next, 'office_head', ownerT.unhappyNotice(next, reason)))];
  if (next.unit !== 'office_head' && next.unit !== 'office') notices.push(...(await ctx.notifier.toUnit(next, next.unit, ownerT.unhappyNotice(next, reason))));
  return { reply: ownerT.sorry(next), notices };
}
