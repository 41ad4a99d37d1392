import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/classifier/normalise.ts';

describe('normalise', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(normalise('維修師傅上門態度很差')).toBe('维修师傅上门态度很差');
    expect(normalise('樓上漏水 請幫忙聯絡')).toBe('楼上漏水 请帮忙联络');
    expect(normalise('電梯壞了，麻煩處理，準備好')).toBe('电梯坏了,麻烦处理,准备好');
  });

  it('turns full-width digits, letters and punctuation into half-width, Latin into lower case', () => {
    expect(normalise('１２栋３单元６０１')).toBe('12栋3单元601');
    expect(normalise('ＷＩＦＩ断了！ ASAP')).toBe('wifi断了! asap');
    expect(normalise('Ｂ２车库')).toBe('b2车库');
  });

  it('removes emoji, keeping a clause break where they stood', () => {
    expect(normalise('修好了👍👍')).toBe('修好了');
    expect(normalise('孩子明天考试🤬 5栋')).toBe('孩子明天考试 5栋');
    expect(normalise('早上好☀️ 各位')).toBe('早上好 各位');
    expect(normalise('🆘快来人')).toBe('快来人');
    expect(normalise('👍')).toBe('');
  });

  it('removes @mentions and chat placeholders', () => {
    expect(normalise('@物业 电梯坏了')).toBe('电梯坏了');
    expect(normalise('顺便@工程部\u2005路灯不亮')).toBe('顺便 路灯不亮');
    expect(normalise('看这里[图片]')).toBe('看这里');
    expect(normalise('[动画表情]')).toBe('');
  });

  it('collapses whitespace, including the ideographic space', () => {
    expect(normalise('  停水了\u3000\u3000三楼  ')).toBe('停水了 三楼');
  });

  it('leaves simplified text unchanged', () => {
    const s = '厨房水龙头关不紧一直滴水, 12号楼3单元601';
    expect(normalise(s)).toBe(s);
  });
});
