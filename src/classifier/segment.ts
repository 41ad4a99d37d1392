import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { projectPath } from '../paths.ts';
import type { Segmenter } from './types.ts';

/**
 * nodejieba behind the Segmenter port, loaded once per process and only when a message first needs a cut (the
 * classifier cuts only blocks holding a one-character rule word, and `report`, `export` and most of `check` never
 * do). HMM is on (`cut(text, true)`), otherwise room numbers like 1502 split into single digits.
 *
 * What `load()` reads, measured by `npm run bench:jieba` (each piece alone in a fresh process): the main dictionary
 * is nearly all of it, ~110 MB and ~0.6 s per copy, and nodejieba 3.5.8 builds two copies (lib/nodejieba.cpp: the
 * TextRank extractor gets its own trie); the HMM model ~2 MB per copy; the IDF table and stop words, used only by
 * keyword extraction, ~18 MB and ~0.3 s. The classifier needs the main dictionary, the HMM model and the rules' user
 * dictionary; the keyword files are replaced by one-entry stand-ins in ./jieba/.
 */
interface Jieba {
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  load(opts: { dict: string; hmmDict: string; userDict?: string; idfDict: string; stopWordDict: string }): void;
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

let jieba: Jieba | undefined;
/** The user dictionary of the first getSegmenter call (undefined when it had none), once there was a call. */
let firstUserDict: { path: string | undefined } | undefined;
/** Words of later calls' dictionaries, inserted when the dictionaries load. */
const laterWords: string[] = [];

function loaded(): Jieba {
  if (jieba) return jieba;
  const lib = createRequire(import.meta.url)('nodejieba') as Jieba;
  const userDict = firstUserDict?.path;
  lib.load({
    dict: lib.DEFAULT_DICT,
    hmmDict: lib.DEFAULT_HMM_DICT,
    // Without a user dictionary nodejieba reads its own (a few sample words), as before.
    ...(userDict && existsSync(userDict) ? { userDict } : {}),
    idfDict: projectPath('src/classifier/jieba/idf.utf8'),
    stopWordDict: projectPath('src/classifier/jieba/stop_words.utf8'),
  });
  for (const w of laterWords) lib.insertWord(w);
  laterWords.length = 0;
  jieba = lib;
  return lib;
}

/**
 * The process-wide segmenter; nothing is loaded until its first cut. The first call decides the user dictionary;
 * later calls with another dictionary add its words with `insertWord` instead of reloading (nodejieba keeps one
 * global instance).
 */
export function getSegmenter(userDict?: string, extraWords: readonly string[] = []): Segmenter {
  if (!firstUserDict) {
    firstUserDict = { path: userDict && existsSync(userDict) ? userDict : undefined };
  } else if (userDict && userDict !== firstUserDict.path) {
    if (jieba) for (const w of extraWords) jieba.insertWord(w);
    else laterWords.push(...extraWords);
  }
  return { cut: (text: string) => loaded().cut(text, true) };
}

/** Whether the dictionaries are in memory (for tests and benchmarks of the lazy load). */
export function segmenterLoaded(): boolean {
  return jieba !== undefined;
}

/** Read a jieba user dictionary (`word [freq] [tag]` per line, `#` comments) into its words. */
export function parseUserDict(text: string): string[] {
  const words: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const word = line.split(/\s+/)[0];
    if (word) words.push(word);
  }
  return words;
}
