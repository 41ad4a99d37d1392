import type { Classifier } from '../classifier/index.ts';
import type { Label } from '../domain/category.ts';
import type { Verdict } from './triggers.ts';

/** What the classifier tells the core; `other` is chatter. */
export type ClassifyFn = (text: string) => {
  label: Label;
  clause: string | null;
  unit: Verdict['unit'] | null;
  party?: Verdict['party'];
  major: boolean;
  confidence: number;
};

/** The core's view of a loaded classifier: the one place its result is narrowed to what the core reads. */
export function classifyWith(classifier: Pick<Classifier, 'classify'>): ClassifyFn {
  return (text) => {
    const c = classifier.classify(text);
    return { label: c.label, clause: c.clause, unit: c.unit, major: c.major, confidence: c.confidence, ...(c.party && { party: c.party }) };
  };
}
