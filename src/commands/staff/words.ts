import type { Category, Unit } from '../../domain/category.ts';
import { COMMAND_VOCABULARY, wordMap } from '../vocabulary.ts';

/** Unit names as staff type them (`units` of rules/vocabulary/commands.yaml). */
export const UNIT_WORDS = wordMap(COMMAND_VOCABULARY.units) as Record<string, Unit>;

/** Category names as staff type them (`categories` of rules/vocabulary/commands.yaml). `投诉` alone means 4.2.3. */
export const CATEGORY_WORDS = wordMap(COMMAND_VOCABULARY.categories) as Record<string, Category>;
