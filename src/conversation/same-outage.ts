import type { ConversationVocabulary } from './vocabulary.ts';
import { simplified } from './simplified.ts';
import { holdsAny } from './holds-any.ts';

/**
 * Which outage a message speaks of ("我家也没水了" → 停水), by rules/vocabulary/conversation.yaml `same_outage.kinds`;
 * undefined when none, or when it names two (a report of 停水 and 停电 is not joined to either).
 */
export function outageKind(text: string, words: ConversationVocabulary['same_outage']): string | undefined {
  const read = simplified(text.normalize('NFKC'));
  const kinds = Object.entries(words.kinds).filter(([, list]) => holdsAny(read, list));
  return kinds.length === 1 ? kinds[0]![0] : undefined;
}

/**
 * Which shared thing a message says is out of order ("2栋电梯是不是又停了" → 电梯故障), by `same_outage.shared`: a word of
 * its `things` and one of its `faults`, and none of its `none` (门禁卡坏了 is one owner's card); undefined when none, or two.
 */
export function sharedFault(text: string, words: ConversationVocabulary['same_outage']): string | undefined {
  const read = simplified(text.normalize('NFKC'));
  const kinds = Object.entries(words.shared ?? {}).filter(
    ([, k]) => holdsAny(read, k.things) && holdsAny(read, k.faults) && !holdsAny(read, k.none ?? []),
  );
  return kinds.length === 1 ? kinds[0]![0] : undefined;
}
