/**
 * Issue 17, item 6: characters that change how a line is shown, or show nothing, are stripped from what people type
 * and from their names before anything is stored or echoed.
 */
import { describe, expect, it } from 'vitest';
import { cleanName, cleanText, MAX_NAME } from '../../src/conversation/text-hygiene.ts';

describe('cleanText', () => {
  it('drops bidi overrides, embeddings, isolates and marks', () => {
    expect(cleanText('报修\u202E水管漏了\u202C')).toBe('报修水管漏了');
    expect(cleanText('\u202A\u202B\u202D5栋\u2066\u2067\u2068\u2069\u200E\u200F\u061C502')).toBe('5栋502');
  });

  it('drops non-characters in the BMP and in the other planes', () => {
    expect(cleanText('厨房\uFFFE漏水\uFFFF')).toBe('厨房漏水');
    expect(cleanText('门锁\uFDD0坏了\uFDEF')).toBe('门锁坏了');
    expect(cleanText('灯\u{1FFFE}不亮\u{10FFFF}')).toBe('灯不亮');
    // a real astral character next to them is kept
    expect(cleanText('\u{1F44D}\u{2FFFF}')).toBe('\u{1F44D}');
  });

  it('drops invisible operators, zero-width characters and deprecated format characters', () => {
    expect(cleanText('漏\u2060\u2061\u2062\u2063\u2064水')).toBe('漏水');
    expect(cleanText('\uFEFF漏\u200B水\u206A\u206F')).toBe('漏水');
  });

  it('drops terminal escape sequences and the remnants of ones that lost their ESC', () => {
    expect(cleanText('\u001B[31m紧急\u001B[0m 漏水')).toBe('紧急 漏水');
    expect(cleanText('[31m紧急[0m 漏水[1;32m!')).toBe('紧急 漏水!');
    expect(cleanText('\u001B]0;title\u0007标题\u009B2J清屏')).toBe('标题清屏');
    expect(cleanText('漏水[m')).toBe('漏水');
    // brackets a person writes stay
    expect(cleanText('管子长[3m]，房号[1A]')).toBe('管子长[3m]，房号[1A]');
  });

  it('drops control characters but keeps line breaks, tabs, Chinese, emoji and the @-mention separator as a space', () => {
    expect(cleanText('漏\u0000水\u0007\u007F\u0085')).toBe('漏水');
    expect(cleanText('第一行\r\n第二行\t完')).toBe('第一行\n第二行\t完');
    expect(cleanText('@回音\u2005报修 👍 厨房')).toBe('@回音 报修 👍 厨房');
    expect(cleanText('👨\u200D👩')).toBe('👨👩'); // ZWJ was always dropped: it only joins emoji pictures
  });
});

describe('cleanName', () => {
  it('cleans, puts on one line and caps the length', () => {
    expect(cleanName('王\u202E生先')).toBe('王生先');
    expect(cleanName(' 李\n女士\t[31m ')).toBe('李 女士');
    expect(Array.from(cleanName('名'.repeat(100)))).toHaveLength(MAX_NAME);
    expect(cleanName('\u{1F600}'.repeat(70))).toBe('\u{1F600}'.repeat(MAX_NAME));
  });
});
