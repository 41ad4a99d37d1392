import type { ConversationVocabulary } from './vocabulary.ts';
import { holdsAny } from './holds-any.ts';

/**
 * "5栋停电了 物业知道吗": an owner in the group calling on the office by name with a question or a call to come,
 * though not @-mentioning the bot (rules/vocabulary/conversation.yaml `calls_on_office`).
 */
export function callsOnOffice(text: string, words: ConversationVocabulary['calls_on_office']): boolean {
  const input = text.normalize('NFKC');
  const named = words.names.some((name) => {
    for (let at = input.indexOf(name); at >= 0; at = input.indexOf(name, at + 1)) {
      const after = input.slice(at + name.length);
      if (!words.not_after.some((w) => after.startsWith(w))) return true;
    }
    return false;
  });
  return named && holdsAny(input, words.asks);
}
