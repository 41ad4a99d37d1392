import { margin } from '../classifier/classify.ts';
import type { Classifier } from '../classifier/index.ts';
import type { Classification } from '../classifier/types.ts';
import { DEFAULT_CLAUSE, DEFAULT_UNIT, partyOf } from '../domain/policy.ts';
import type { Label } from '../domain/category.ts';
import type { Verdict } from './triggers.ts';
import { CONTACT_PHONE } from './extract.ts';

/** What the classifier tells the core; `other` is chatter. */
export type ClassifyFn = (text: string) => {
  label: Label;
  clause: string | null;
  unit: Verdict['unit'] | null;
  party?: Verdict['party'];
  major: boolean;
  /**
   * How sure the message is a matter for the office rather than chatter, whatever its kind: what decides an offer.
   * The classifier's own confidence is about the kind, and falls when two kinds compete ("楼上漏水,天花板都湿了":
   * assist 8 against repair 5 is 0.59), though both say the owner needs the office.
   */
  confidence: number;
  /**
   * Set when the hand rules placed the words and the learned gate then judged them talk between neighbours (a veto):
   * what the rules said. Addressed to the bot (a private chat, @回音), words are not talk between neighbours:
   * "你好 我家热水器坏了" in a private chat was vetoed as chatter and asked 报修、投诉还是咨询 again and again.
   */
  addressedAs?: { label: Exclude<Label, 'other'>; clause: string; unit: NonNullable<Verdict['unit']>; major: boolean; party?: Verdict['party'] };
  /** The learned layer's P(request to the office), when it was consulted (the rules were unsure). */
  request?: number;
  /**
   * Talk by the rules' own words for it (rules/other.yaml: 哈哈, 谢谢, 真可爱 …) and nothing of a matter: what an owner
   * says to the neighbours in the middle of their own request, never more of its description (intake.ts).
   */
  talk?: boolean;
};

const CONTACT_NUMBER = new RegExp(CONTACT_PHONE, 'gi');

/** The core's view of a loaded classifier: the one place its result is narrowed to what the core reads. */
export function classifyWith(classifier: Pick<Classifier, 'classify'>): ClassifyFn {
  return (text) => {
    // A contact number and its label say nothing of the matter: "报修 … 厨房水管漏水 座机 0755 2665 1234" was a
    // telephone-line assist matter for its 座机 (seen in play).
    const c = classifier.classify(/\d{3}/.test(text) ? text.replace(CONTACT_NUMBER, ' ') : text);
    const confidence = c.label === 'other' ? c.confidence : Math.max(c.confidence, margin(c.scores[c.label] ?? 0, c.scores.other ?? 0));
    const addressedAs = c.learned?.decided === 'veto' ? rulesVerdict(c) : undefined;
    return {
      label: c.label,
      clause: c.clause,
      unit: c.unit,
      major: c.major,
      confidence,
      ...(c.party && { party: c.party }),
      ...(addressedAs && { addressedAs }),
      ...(c.learned && { request: c.learned.request }),
      ...(isTalk(c) && { talk: true }),
    };
  };
}

function isTalk(c: Classification): boolean {
  if (c.label !== 'other') return false;
  for (const [label, score] of Object.entries(c.scores)) if (label !== 'other' && score > 0) return false;
  return c.evidence.some((e) => e.label === 'other' && e.rule.startsWith('other.'));
}

/** The hand rules' own answer under a veto: their best-scoring label, and the clause of its first rule that fired. */
function rulesVerdict(c: Classification): ReturnType<ClassifyFn>['addressedAs'] {
  let best: Exclude<Label, 'other'> | undefined;
  for (const [label, score] of Object.entries(c.scores)) {
    if (label !== 'other' && score > 0 && (!best || score > (c.scores[best] ?? 0))) best = label as Exclude<Label, 'other'>;
  }
  if (!best) return undefined;
  const clause = c.evidence.find((e) => e.rule !== 'learned.gate' && e.label === best && e.clause)?.clause ?? DEFAULT_CLAUSE[best];
  const party = best === 'assist' ? partyOf(clause) : undefined;
  return { label: best, clause, unit: DEFAULT_UNIT[best], major: c.major, ...(party && { party }) };
}
