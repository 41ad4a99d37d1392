import { leadingTicketNumber, type TicketNumber } from '../domain/ticket-number.ts';
import { escapeRegExp } from './escape-regexp.ts';
import { longestFirst } from './longest-first.ts';
import { CONVERSATION_VOCABULARY } from './vocabulary.ts';

/**
 * The ticket number an owner names at the start of what they ask, after polite words ("帮我把R0001取消", "麻烦R0001改到
 * 后天下午", "请把 R0001 取消掉"), and what they ask of it. Seen in play (field8): silence in the group, while "R0001 取消"
 * cancels and "R0001 改到后天下午" moves the visit. The words before the number are rules/vocabulary/conversation.yaml
 * `ticket_number_leads` (any number of them, nothing else); the same words right after it ("R0001帮我取消") are left out
 * of what is asked.
 */
export function ticketNumberSaid(text: string): { number: TicketNumber; rest: string } | undefined {
  const said = text.normalize('NFKC');
  const lead = LEAD_BEFORE?.exec(said)?.[0] ?? '';
  const found = leadingTicketNumber(said.slice(lead.length));
  if (!found) return undefined;
  const rest = LEAD_AFTER ? found.rest.replace(LEAD_AFTER, '') : found.rest;
  return { number: found.number, rest };
}

/**
 * A one-ticket command word with the words that only make it a request ("取消掉", "取消一下吧", "取消了吧"): the word
 * alone, for the command parser. Said after the number only: "取消了" alone is news, not a cancel.
 */
export function commandWordAlone(rest: string): string {
  return rest.replace(/^([\u4e00-\u9fa5]{2})(?:掉|一下)?[了吧啊呀哦啦]*[\s。.!!~]*$/, '$1');
}

const LEADS = longestFirst(CONVERSATION_VOCABULARY.ticket_number_leads ?? []).map(escapeRegExp).join('|');
/** Made once: compiled at every owner message they were ~1 % of bench:engine's core CPU (profile of 70dcc5e). */
const LEAD_BEFORE = LEADS ? new RegExp(`^\\s*(?:(?:${LEADS})[\\s,,]*)*`) : undefined;
const LEAD_AFTER = LEADS ? new RegExp(`^(?:(?:${LEADS})[\\s,,]*)*`) : undefined;
