import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHRONO_PATTERNS, mayHoldTime, parseTime, parseTimeUngated } from '../../src/conversation/parse-time.ts';

// The gate (mayHoldTime) lets parseTime skip a text with no time without working out today's date. It must never
// drop a time: on every text below, parseTime reads exactly what the parser without the gate reads.
const NOW = new Date('2026-11-27T10:00:00+08:00');
const TZ = 'Asia/Shanghai';

/** Every string literal with a CJK character in the tests: owners' and staff's sentences of every kind. */
function sentencesOfTheTests(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(join(import.meta.dirname, '..'));
  const out = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([^'\n]*\p{Script=Han}[^'\n]*)'/gu)) {
      out.add(m[1]!);
      for (const clause of m[1]!.split(/[,,。.!!??;;、\s]+/)) if (clause) out.add(clause);
    }
  }
  return [...out];
}

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// The parser's own vocabulary (parse-time.ts: DAY, PART, CLOCK, CALENDAR, WITHIN, END_OF_WEEK, END_OF_MONTH, the
// Cantonese words, BEFORE, FROM_THEN, AT_THE_LATEST), with traditional forms the simplifier turns.
const DAYS = ['', '今天', '今日', '明天', '明日', '听日', '聽日', '琴日', '后天', '後天', '后日', '大后天', '今', '明', '周一', '週六', '星期三', '礼拜天', '禮拜五', '星期6', '下周二', '下下周四', '这周五', '本星期日', '这周末', '下周末', '周末', '昨天', '前天'];
const PARTS = ['', '凌晨', '早上', '早晨', '早', '上午', '中午', '下午', '傍晚', '晚上', '晚', '夜里', '夜', '下班', '上昼', '下昼', '下晝', '朝早', '晏昼', '晚黑'];
const CLOCKS = ['', '3点', '8點', '十点半', '两点一刻', '九点三刻', '14:30', '9:15', '10点20分', '五点十分', '12时', '7点左右'];
const TAILS = ['', '前', '之前', '以前', '以内', '之内', '以后', '之后', '后', '到5点', '-6点', '至十一点半', '来修', '在家', '有人'];
const OTHERS = ['三天内', '两小时以内', '半小时内', '一个半小时内', '3天内', '一周内', '这周内', '本星期之内', '下周之前', '月底前', '这个月内', '12月底', '1月底', '11月30日', '12月1号', '十二月三日', '12/1', '2026-12-01', '2026-12-01T09:00', '3天后', '两天之后', '五分钟前', '现在', '立刻', '马上', '刚才', '最晚明天8点', '明天最晚8点', '最迟周六', '不晚于下午3点', '随时', '都可以', '尽快'];

function generated(): string[] {
  const next = rng(20261207);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const out: string[] = [...OTHERS];
  for (let i = 0; i < 3000; i++) {
    const core = `${pick(DAYS)}${pick(PARTS)}${pick(CLOCKS)}${pick(TAILS)}`;
    out.push(core, `师傅${core}过来`, `${pick(OTHERS)}${core}`);
  }
  return out;
}

/** Random strings over every character of the parser's patterns and vocabulary, digits, punctuation and others. */
function fuzz(): string[] {
  const alphabet = new Set<string>();
  const sources = [...CHRONO_PATTERNS.map((p) => p.source), ...DAYS, ...PARTS, ...CLOCKS, ...TAILS, ...OTHERS];
  for (const source of sources) for (const ch of source) if (!/[\\()[\]{}?*+|^$.]/.test(ch)) alphabet.add(ch);
  for (const ch of '0123456789:: -/~,,水管漏了坏家来修栋单元号楼') alphabet.add(ch);
  const chars = [...alphabet];
  const next = rng(7);
  const out: string[] = [];
  for (let i = 0; i < 30000; i++) {
    let text = '';
    const length = 1 + Math.floor(next() * 7);
    for (let j = 0; j < length; j++) text += chars[Math.floor(next() * chars.length)]!;
    out.push(text);
  }
  return out;
}

const same = (text: string) => {
  const gated = parseTime(text, NOW, TZ);
  const ungated = parseTimeUngated(text, NOW, TZ);
  return JSON.stringify(gated) === JSON.stringify(ungated) ? undefined : { text, gated, ungated };
};

describe('the gate before the time parser', () => {
  // The last two figures keep the test from being vacuous: how many of the texts hold a time at least, and how many
  // at least the gate turns away.
  it.each([
    ['the tests\' sentences', sentencesOfTheTests, 0.05, 0.3],
    ['the parser\'s vocabulary, combined', generated, 0.9, 0],
    ['random strings over the parser\'s characters', fuzz, 0.05, 0.1],
  ] as const)('drops no time from %s', (_name, texts, timed, turnedAway) => {
    const all = texts();
    const differ = all.map(same).filter((d) => d !== undefined);
    expect(differ.slice(0, 5)).toEqual([]);
    expect(all.filter((t) => parseTime(t, NOW, TZ) !== undefined).length).toBeGreaterThanOrEqual(all.length * timed);
    expect(all.filter((t) => !mayHoldTime(t)).length).toBeGreaterThanOrEqual(all.length * turnedAway);
  });

  it('turns away clauses with no time', () => {
    for (const clause of ['报修', '1栋1单元100', '厨房水管漏水', '卫生间灯不亮了', '门锁坏了打不开', '随时']) expect(mayHoldTime(clause)).toBe(false);
  });
});
