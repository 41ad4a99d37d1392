import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import type { Segmenter } from './types.ts';

/**
 * nodejieba behind the Segmenter port. Its dictionaries take ~1 s and ~300 MB to load, so the process loads them
 * once; the user dictionary (domain words such as 楼上漏水, 维修基金) is loaded with them. HMM is on (`cut(text, true)`),
 * otherwise room numbers like 1502 split into single digits.
 */
interface Jieba {
  load(opts?: { userDict?: string }): void;
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

let jieba: Jieba | undefined;
let loadedUserDict: string | undefined;

function loadJieba(userDict: string | undefined): Jieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    const lib = require('nodejieba') as Jieba;
    if (userDict && existsSync(userDict)) {
      lib.load({ userDict });
      loadedUserDict = userDict;
    } else {
      lib.load();
    }
    jieba = lib;
  }
  return jieba;
}

/**
 * The process-wide segmenter. The first call decides the user dictionary; later calls with another dictionary add
 * its words with `insertWord` instead of reloading (nodejieba keeps one global instance).
 */
export function getSegmenter(userDict?: string, extraWords: readonly string[] = []): Segmenter {
  const lib = loadJieba(userDict);
  if (userDict && loadedUserDict !== userDict) {
    for (const w of extraWords) lib.insertWord(w);
  }
  return { cut: (text: string) => lib.cut(text, true) };
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
