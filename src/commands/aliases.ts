import { COMMAND_VOCABULARY, wordMap } from './vocabulary.ts';

/**
 * Command words owners type, Chinese and Latin, mapped to one name per command: `owner` of
 * rules/vocabulary/commands.yaml. Staff words: staff/registry.ts.
 */
export const OWNER_COMMANDS: Record<string, string> = wordMap(COMMAND_VOCABULARY.owner);
