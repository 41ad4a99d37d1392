import { classifyAndStart } from './classify-and-start.ts';
import { compose } from './compose.ts';
import { correction } from './correction.ts';
import { offer } from './offer.ts';
import { openConversation } from './open-conversation.ts';
import { ownerCommand } from './owner-command.ts';
import { ownersOnly } from './owners-only.ts';
import { rating } from './rating.ts';
import { recordedAgain } from './recorded-again.ts';
import { sanitise } from './sanitise.ts';
import { staffCommand } from './staff-command.ts';
import { ticketTalk } from './ticket-talk.ts';
import { answerToStaff } from './answer-to-staff.ts';
import { sameOutage } from './same-outage.ts';
import type { MessageStep } from './turn.ts';

/**
 * The message path, in order (ARCHITECTURE.md lists it): the first step that answers ends it. Commands come before
 * any open conversation, so 查询 mid-intake answers and the intake waits; an emergency comes before the intake's
 * next question (open conversation); a correction, a rating or talk about work in progress before a new request.
 */
export const MESSAGE_PATH: readonly MessageStep[] = [
  sanitise,
  staffCommand,
  ownerCommand,
  ownersOnly,
  recordedAgain,
  openConversation,
  correction,
  rating,
  ticketTalk,
  answerToStaff,
  sameOutage,
  classifyAndStart,
  offer,
];

export const runMessagePath = compose(MESSAGE_PATH);
