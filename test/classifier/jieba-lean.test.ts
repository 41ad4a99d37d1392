import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.ts';

// Issue 23: native/jieba-lean is nodejieba's segmenter without its keyword extractors (one dictionary copy instead
// of two). It must cut exactly as nodejieba does: both load the same files here, in this process, and cut every
// labelled text in the repository.
const require = createRequire(import.meta.url);
const ADDON = projectPath('native/jieba-lean/build/Release/jieba_lean.node');

interface Lean {
  load(dict: string, hmm: string, userDict: string): void;
  cut(text: string): string[];
  cutLengths(text: string): Int32Array;
  cutLengthsInto(text: string, out: Int32Array): number;
  insertWord(word: string): boolean;
}
interface NodeJieba {
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  load(opts: Record<string, string>): void;
  cut(text: string, hmm: boolean): string[];
  insertWord(word: string): boolean;
}

function labelledTexts(): string[] {
  const texts: string[] = [];
  for (const dir of [projectPath('eval'), projectPath('test')]) {
    for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!e.isFile() || !e.name.endsWith('.jsonl')) continue;
      for (const line of readFileSync(join(e.parentPath, e.name), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const text = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof text === 'string') texts.push(text);
      }
    }
  }
  return texts;
}

describe('native/jieba-lean', () => {
  it('is built by npm install (scripts/build-native.mjs)', () => {
    expect(existsSync(ADDON), `${ADDON} missing: run npm run build`).toBe(true);
  });

  it('cuts every labelled text exactly as nodejieba does, and inserted words alike', () => {
    const lean = require(ADDON) as Lean;
    const nodejieba = require('nodejieba') as NodeJieba;
    const userDict = projectPath('rules/dict.txt');
    lean.load(nodejieba.DEFAULT_DICT, nodejieba.DEFAULT_HMM_DICT, userDict);
    nodejieba.load({
      dict: nodejieba.DEFAULT_DICT,
      hmmDict: nodejieba.DEFAULT_HMM_DICT,
      userDict,
      idfDict: projectPath('src/classifier/jieba/idf.utf8'),
      stopWordDict: projectPath('src/classifier/jieba/stop_words.utf8'),
    });
    expect(dirname(nodejieba.DEFAULT_DICT)).toBe(dirname(nodejieba.DEFAULT_HMM_DICT));

    const texts = labelledTexts();
    expect(texts.length).toBeGreaterThan(1000);
    const differ = texts.filter((t) => lean.cut(t).join('/') !== nodejieba.cut(t, true).join('/'));
    expect(differ).toEqual([]);
    // cutLengths (what the classifier asks, issue 20) is the same cut: each word's length in UTF-16 code units,
    // including characters outside the BMP (two code units) and text the segmenter leaves as it is.
    expect(typeof lean.cutLengths, 'the addon predates cutLengths: run npm run build').toBe('function');
    const lengthsDiffer = [...texts, '漏水😀了 abc１２３', '𠮷野家修一下', ''].filter(
      (t) => Array.from(lean.cutLengths(t)).join(',') !== lean.cut(t).map((w) => w.length).join(','),
    );
    expect(lengthsDiffer).toEqual([]);
    expect(Array.from(lean.cutLengths('楼上漏水到我家了'))).toEqual([4, 1, 2, 1]);
    const out = new Int32Array(8).fill(-7);
    expect(lean.cutLengthsInto('楼上漏水到我家了', out)).toBe(4);
    expect(Array.from(out)).toEqual([4, 1, 2, 1, -7, -7, -7, -7]);
    expect(lean.cutLengthsInto('楼上漏水到我家了', new Int32Array(3))).toBe(-1); // too short: nothing written past it
    // A user dictionary word decides a cut (else 楼上/漏水), so the user dictionary was read.
    expect(lean.cut('楼上漏水到我家了')).toEqual(['楼上漏水', '到', '我家', '了']);

    expect(lean.cut('门口抬上六楼')).toEqual(nodejieba.cut('门口抬上六楼', true));
    expect(lean.insertWord('抬上六楼')).toBe(true);
    nodejieba.insertWord('抬上六楼');
    expect(lean.cut('门口抬上六楼')).toEqual(['门口', '抬上六楼']);
    expect(nodejieba.cut('门口抬上六楼', true)).toEqual(['门口', '抬上六楼']);
  }, 120_000); // two dictionaries load: seconds alone, a minute on a loaded machine
});
