import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectPath } from '../paths.ts';
import type { Segmenter } from './types.ts';

/**
 * The word segmenter behind the Segmenter port, loaded once per process and only when a message first needs a cut
 * (the classifier cuts only blocks holding a one-character rule word, and `report`, `export` and most of `check`
 * never do). HMM is on (`cut(text, true)`), otherwise room numbers like 1502 split into single digits.
 *
 * Two engines read the same files, nodejieba's main dictionary (jieba.dict.utf8) and the rules' user dictionary;
 * `HUIYIN_SEGMENTER` picks one (default nodejieba):
 *  - nodejieba (cppjieba), the library the product is specified on. What its `load()` reads, measured by
 *    `npm run bench:jieba`: the main dictionary is nearly all of it, ~110 MB and ~0.6 s per copy, and nodejieba
 *    3.5.8 builds two copies (lib/nodejieba.cpp: the TextRank extractor gets its own trie); the HMM model ~2 MB per
 *    copy; the IDF table and stop words, used only by keyword extraction, ~18 MB and ~0.3 s. So the same cppjieba
 *    code is compiled at install without the extractors (native/jieba-lean: only the MixSegment that nodejieba's
 *    `cut(text, true)` runs, over one trie): the same cuts from one copy. Where that addon could not be built,
 *    nodejieba's own `load()` runs, with one-entry stand-ins in ./jieba/ for the keyword files.
 *  - node-rs (@node-rs/jieba, jieba-rs): one copy, ~40 MB and a tenth of the time, HMM model built in. It cuts runs
 *    of single characters the Python jieba way (a run that is itself a dictionary word stays in characters, digits
 *    and hyphens stay together), cppjieba always through the HMM, so some cuts differ (issue 23, note).
 */
export type SegmenterEngine = 'nodejieba' | 'node-rs';
export const SEGMENTER_ENGINES: readonly SegmenterEngine[] = ['nodejieba', 'node-rs'];

interface Engine {
  cut(text: string): string[];
  /** cut()'s words as their lengths (UTF-16 code units). */
  wordLengths(text: string): ArrayLike<number>;
  /** Words of a later call's user dictionary, added to the loaded dictionary. */
  addWords(words: readonly string[]): void;
}

interface NodeJieba {
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  load(opts: { dict: string; hmmDict: string; userDict?: string; idfDict: string; stopWordDict: string }): void;
  cut(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

interface NodeRsJieba {
  cut(text: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}

const requireHere = createRequire(import.meta.url);

/** nodejieba's main dictionary, found without loading its native module (both engines read this file). */
function mainDictionary(): string {
  return join(dirname(requireHere.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict/jieba.dict.utf8');
}

/** native/jieba-lean, built by `npm install` (scripts/build-native.mjs). */
interface JiebaLean {
  load(dict: string, hmm: string, userDict: string): void;
  cut(text: string): string[];
  /** The same cut as word lengths; absent from an addon built before issue 20 (then lengths of cut()'s words). */
  cutLengths?(text: string): Int32Array;
  /** cutLengths into `out`: the number of words, or -1 when `out` is too short (never with text.length + 1). */
  cutLengthsInto?(text: string, out: Int32Array): number;
  insertWord(word: string): boolean;
}

const LEAN_ADDON = projectPath('native/jieba-lean/build/Release/jieba_lean.node');

/** The addon, or undefined when it was not built or was built for another Node (then `npm run build` rebuilds it). */
function leanAddon(): JiebaLean | undefined {
  if (!existsSync(LEAN_ADDON)) return undefined;
  try {
    return requireHere(LEAN_ADDON) as JiebaLean;
  } catch {
    return undefined;
  }
}

function loadNodejieba(userDict: string | undefined): Engine {
  const lean = leanAddon();
  if (lean) {
    const dict = mainDictionary();
    // The files nodejieba's load() reads; without a user dictionary, nodejieba's own (a few sample words).
    lean.load(dict, join(dirname(dict), 'hmm_model.utf8'), userDict ?? join(dirname(dict), 'user.dict.utf8'));
    return {
      cut: (text) => lean.cut(text),
      wordLengths: lean.cutLengthsInto ? leanLengths(lean) : (text) => lengthsOf(lean.cut(text)),
      addWords: (words) => {
        for (const w of words) lean.insertWord(w);
      },
    };
  }
  const lib = requireHere('nodejieba') as NodeJieba;
  lib.load({
    dict: lib.DEFAULT_DICT,
    hmmDict: lib.DEFAULT_HMM_DICT,
    // Without a user dictionary nodejieba reads its own (a few sample words), as before.
    ...(userDict ? { userDict } : {}),
    idfDict: projectPath('src/classifier/jieba/idf.utf8'),
    stopWordDict: projectPath('src/classifier/jieba/stop_words.utf8'),
  });
  return {
    cut: (text) => lib.cut(text, true),
    wordLengths: (text) => lengthsOf(lib.cut(text, true)),
    addWords: (words) => {
      for (const w of words) lib.insertWord(w);
    },
  };
}

function loadNodeRs(userDict: string | undefined): Engine {
  const { Jieba } = requireHere('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): NodeRsJieba } };
  const jieba = Jieba.withDict(readFileSync(mainDictionary()));
  if (userDict) jieba.loadDict(Buffer.from(asCppjiebaReadsIt(readFileSync(userDict, 'utf8'))));
  return {
    cut: (text) => jieba.cut(text, true),
    wordLengths: (text) => lengthsOf(jieba.cut(text, true)),
    addWords: (words) => jieba.loadDict(Buffer.from(asCppjiebaReadsIt(words.join('\n')))),
  };
}

/**
 * Word lengths from the addon into one reused array (a view of it is returned, valid until the next call): a cut has
 * at most one word per code unit, so text.length + 1 elements always suffice.
 */
function leanLengths(lean: JiebaLean): (text: string) => ArrayLike<number> {
  const into = lean.cutLengthsInto as NonNullable<JiebaLean['cutLengthsInto']>;
  let out = new Int32Array(256);
  return (text) => {
    if (out.length <= text.length) out = new Int32Array(2 * text.length + 2);
    const n = into(text, out);
    return n >= 0 ? out.subarray(0, n) : lengthsOf(lean.cut(text));
  };
}

function lengthsOf(words: string[]): number[] {
  return words.map((w) => w.length);
}

/**
 * The median frequency in nodejieba 3.5.8's jieba.dict.utf8: cppjieba gives a user word without a frequency the
 * median weight of the main dictionary, jieba-rs a frequency of 0 (never chosen).
 */
const MEDIAN_FREQUENCY = 3;

/**
 * A user dictionary as cppjieba reads it, for jieba-rs: `word` and `word tag` (cppjieba takes a lone second field
 * for the tag, jieba-rs for the frequency) get the median frequency; blank lines and `#` comments are left out.
 */
function asCppjiebaReadsIt(text: string): string {
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    if (fields.length === 1) lines.push(`${fields[0]} ${MEDIAN_FREQUENCY}`);
    else if (fields.length === 2) lines.push(`${fields[0]} ${MEDIAN_FREQUENCY} ${fields[1]}`);
    else lines.push(fields.slice(0, 3).join(' '));
  }
  return lines.join('\n');
}

/** The engine `HUIYIN_SEGMENTER` names; an unknown name is an error rather than a silent fallback. */
export function segmenterEngine(env: NodeJS.ProcessEnv = process.env): SegmenterEngine {
  const name = env.HUIYIN_SEGMENTER?.trim() || 'nodejieba';
  if (!(SEGMENTER_ENGINES as readonly string[]).includes(name)) {
    throw new Error(`HUIYIN_SEGMENTER=${name}: expected ${SEGMENTER_ENGINES.join(' or ')}`);
  }
  return name as SegmenterEngine;
}

let engine: Engine | undefined;
/** The user dictionary of the first getSegmenter call (undefined when it had none), once there was a call. */
let firstUserDict: { path: string | undefined } | undefined;
/** Words of later calls' dictionaries, added when the dictionaries load. */
const laterWords: string[] = [];

function loaded(): Engine {
  if (engine) return engine;
  const load = segmenterEngine() === 'node-rs' ? loadNodeRs : loadNodejieba;
  const e = load(firstUserDict?.path);
  if (laterWords.length) e.addWords(laterWords);
  laterWords.length = 0;
  engine = e;
  return e;
}

/**
 * The process-wide segmenter; nothing is loaded until its first cut. The first call decides the user dictionary;
 * later calls with another dictionary add its words instead of reloading (nodejieba keeps one global instance).
 */
export function getSegmenter(userDict?: string, extraWords: readonly string[] = []): Segmenter {
  if (!firstUserDict) {
    firstUserDict = { path: userDict && existsSync(userDict) ? userDict : undefined };
  } else if (userDict && userDict !== firstUserDict.path) {
    if (engine) engine.addWords(extraWords);
    else laterWords.push(...extraWords);
  }
  return { cut: (text: string) => loaded().cut(text), wordLengths: (text: string) => loaded().wordLengths(text) };
}

/** Whether the dictionaries are in memory (for tests and benchmarks of the lazy load). */
export function segmenterLoaded(): boolean {
  return engine !== undefined;
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
