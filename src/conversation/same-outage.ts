import type { ConversationVocabulary } from './vocabulary.ts';
import { simplified } from './simplified.ts';
import { holdsAny } from './holds-any.ts';

/**
 * Which outage a message speaks of ("我家也没水了" → 停水), by rules/vocabulary/conversation.yaml `same_outage.kinds`;
 * undefined when none, or when it names two (a report of 停水 and 停电 is not joined to either).
 */
export function outageKind(text: string, words: ConversationVocabulary['same_outage']): string | undefined {
  const read = simplified(text.normalize('NFKC'));
  return theOnly(entriesOf(words.kinds), (list) => holdsAny(read, list));
}

/**
 * Who the office takes an outage up with ("5栋停水了" → 供水公司), by `same_outage.suppliers` (policy 4.3.2.4);
 * undefined when the text names no kind, or two, or the kind has no supplier.
 */
export function supplierOf(text: string, words: ConversationVocabulary['same_outage']): string | undefined {
  const kind = words.suppliers && outageKind(text, words);
  return kind ? words.suppliers?.[kind] : undefined;
}

/** Who the office takes an assist matter of another unit up with (4.3.2.4), as the owner reads it. */
export interface OtherSide {
  name: string;
  /** A supply (停水 → 供水公司): the office asks why and until when; otherwise it asks them to act. */
  outage: boolean;
}

/**
 * The other side of a 4.3.2.4 matter: the supplier of an outage (`same_outage.suppliers`), else the operator of the thing
 * named (`operators`: "快递柜坏了 取不出来" → 快递柜运营公司); undefined when neither, or two operators, are named.
 */
export function otherSideOf(text: string, vocabulary: Pick<ConversationVocabulary, 'same_outage' | 'operators'>): OtherSide | undefined {
  const supplier = supplierOf(text, vocabulary.same_outage);
  if (supplier) return { name: supplier, outage: true };
  if (!vocabulary.operators) return undefined;
  const read = simplified(text.normalize('NFKC'));
  const operator = theOnly(entriesOf(vocabulary.operators), (words) => holdsAny(read, words));
  return operator ? { name: operator, outage: false } : undefined;
}

/**
 * Which shared thing a message says is out of order ("2栋电梯是不是又停了" → 电梯故障), by `same_outage.shared`: a word of
 * its `things` and one of its `faults`, and none of its `none` (门禁卡坏了 is one owner's card); undefined when none, or two.
 */
export function sharedFault(text: string, words: ConversationVocabulary['same_outage']): string | undefined {
  if (!words.shared) return undefined;
  const read = simplified(text.normalize('NFKC'));
  return theOnly(entriesOf(words.shared), (k) => holdsAny(read, k.things) && holdsAny(read, k.faults) && !holdsAny(read, k.none ?? []));
}

/** The one name whose entry passes, or undefined when none or more than one do. */
function theOnly<T>(entries: ReadonlyArray<readonly [string, T]>, passes: (value: T) => boolean): string | undefined {
  let found: string | undefined;
  for (const [name, value] of entries) {
    if (!passes(value)) continue;
    if (found !== undefined) return undefined;
    found = name;
  }
  return found;
}

/**
 * `Object.entries` of a vocabulary record, made once per record (the vocabulary is loaded once): both readers run on
 * every owner message, and the entries were made anew each time (bench:engine heap profile, ~9 MB a run).
 */
const ENTRIES = new WeakMap<object, ReadonlyArray<readonly [string, unknown]>>();

function entriesOf<T>(record: Record<string, T>): ReadonlyArray<readonly [string, T]> {
  let entries = ENTRIES.get(record);
  if (!entries) ENTRIES.set(record, (entries = Object.entries(record)));
  return entries as ReadonlyArray<readonly [string, T]>;
}
