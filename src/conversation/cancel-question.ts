import { z } from 'zod';
import { answerOf, CONVERSATION_VOCABULARY } from './vocabulary.ts';

/**
 * The bot asked an owner whether to cancel their work ("算了 不用修了 我自己找人修好了" → 需要取消 R0001 吗?). Seen in
 * play: the owner's "是的" was answered 不客气 and R0001 stayed open, the engineer still on his way. The question is
 * kept for a short while, so the owner's yes cancels what was asked about.
 */
export const CancelQuestionSchema = z.object({
  version: z.literal(1),
  kind: z.literal('cancel_question'),
  number: z.string(),
  expiresAt: z.string(),
});
export type CancelQuestion = z.infer<typeof CancelQuestionSchema>;

/** A yes after this long is about something else. */
export const CANCEL_QUESTION_TTL_MS = 10 * 60_000;

/**
 * A whole yes (rules/vocabulary/conversation.yaml `confirm`, `answer_fillers`); in a group and not said to the bot only
 * the deliberate ones (`confirm_after_talk`): 好的, 嗯 and 对 are said to neighbours all day, and a cancel is not undone.
 * `cancel_yes` (取消, 取消吧 …) say yes in both.
 */
const { confirm, confirm_after_talk: deliberate, cancel_yes: yes = [], answer_fillers: fillers } = CONVERSATION_VOCABULARY;
export const YES_TO_CANCEL = answerOf([...confirm, ...yes], fillers);
export const YES_TO_CANCEL_IN_GROUP = answerOf([...(deliberate ?? confirm), ...yes], fillers);
