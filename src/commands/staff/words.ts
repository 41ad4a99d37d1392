import type { Category, Unit } from '../../domain/category.ts';
import { COMMAND_VOCABULARY, wordMap } from '../vocabulary.ts';

/** Unit names as staff type them (`units` of rules/vocabulary/commands.yaml). */
export const UNIT_WORDS = wordMap(COMMAND_VOCABULARY.units) as Record<string, Unit>;

const PARTICLES = [...COMMAND_VOCABULARY.unit_particles].sort((a, b) => b.length - a.length);

/**
 * The unit a word names, with what was said after the name taken off ("秩序部吧", "工程班一下"); `word` is the name as
 * meant, for an answer naming it (「财务部」, not 「财务部吧」).
 */
export function unitOf(typed: string): { word: string; unit: Unit | undefined } {
  const { word, found } = withoutParticles(typed, (w) => UNIT_WORDS[w.toLowerCase()] ?? UNIT_WORDS[w]);
  return { word, unit: found };
}

/**
 * The one a typed name is, with what was said after it taken off ("派给张工吧", "派单给张工处理"): the same
 * `unit_particles`, since staff end a person's name as they end a unit's; `word` is the name as meant.
 */
export function namedOf<T>(typed: string, find: (word: string) => T | undefined): { word: string; found: T | undefined } {
  return withoutParticles(typed, find);
}

function withoutParticles<T>(typed: string, find: (word: string) => T | undefined): { word: string; found: T | undefined } {
  let word = typed;
  for (let cut = true; cut; ) {
    cut = false;
    const found = find(word);
    if (found !== undefined) return { word, found };
    const particle = PARTICLES.find((p) => word.length > p.length && word.endsWith(p));
    if (particle) {
      word = word.slice(0, -particle.length);
      cut = true;
    }
  }
  return { word, found: undefined };
}

/** Category names as staff type them (`categories` of rules/vocabulary/commands.yaml). `投诉` alone means 4.2.3. */
export const CATEGORY_WORDS = wordMap(COMMAND_VOCABULARY.categories) as Record<string, Category>;
