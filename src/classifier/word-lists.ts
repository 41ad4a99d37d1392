import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalise } from './normalise.ts';

/**
 * Word lists a manager owns: `rules/words/NAME.txt`, one word per line (`#` starts a comment line). Each list is a
 * group the rules can use as `@NAME`, and a feature of the learned keyword layer, so adding a word to a list changes
 * what the classifier sees without touching the rules engineers maintain. No patterns here: a line is a literal word.
 */
export const WORDS_DIR = 'words';
const LIST_FILE = /^([a-z][a-z0-9_]*)\.txt$/;

export interface WordList {
  name: string;
  file: string;
  /** The words as written, in file order, without duplicates. */
  words: string[];
}

/** A word written twice (in one list or in two): not an error, but `huiyin check` shows it so the list stays tidy. */
export interface DuplicateWord {
  word: string;
  file: string;
  line: number;
  /** Where the word appeared first: `file:line`. */
  first: string;
}

export interface WordLists {
  lists: WordList[];
  duplicates: DuplicateWord[];
}

/** Read every `*.txt` list of `rulesDir/words` (none: no lists). Throws with file and line on an unusable line. */
export async function loadWordLists(rulesDir: string): Promise<WordLists> {
  const dir = join(rulesDir, WORDS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  } catch {
    return { lists: [], duplicates: [] };
  }
  const lists: WordList[] = [];
  const duplicates: DuplicateWord[] = [];
  const firstSeen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const m = LIST_FILE.exec(name);
    if (!m) throw new WordListError(file, `${file}: a word list is named like a group: lower-case letters, digits, _ (e.g. gate_place.txt)`);
    const words: string[] = [];
    (await readFile(file, 'utf8')).split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      if (/\s/.test(line)) throw new WordListError(file, `${file}:${i + 1}: one word per line ("${line}" has a space)`);
      if (line.startsWith('@') || (line.startsWith('/') && line.endsWith('/') && line.length > 2)) {
        throw new WordListError(file, `${file}:${i + 1}: "${line}" is a group or a pattern; word lists hold plain words (patterns belong in the YAML rules)`);
      }
      const key = normalise(line);
      if (!key) throw new WordListError(file, `${file}:${i + 1}: "${line}" is empty after normalising`);
      const where = `${name}:${i + 1}`;
      const first = firstSeen.get(key);
      if (first) {
        duplicates.push({ word: line, file, line: i + 1, first });
        if (first.startsWith(`${name}:`)) return; // the same list: keep one
      } else firstSeen.set(key, where);
      words.push(line);
    });
    lists.push({ name: m[1] as string, file, words });
  }
  return { lists, duplicates };
}

export class WordListError extends Error {
  override readonly name = 'RulesError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
