import { describe, expect, it } from 'vitest';
import { extractLocation, extractPhone, sanitizeText, stripDetails } from '../../src/conversation/extract.ts';

function description(text: string): string {
  return stripDetails(text, extractLocation(text), extractPhone(text));
}

describe('taking a message apart', () => {
  it('finds mobile numbers written with spaces, dashes or +86', () => {
    expect(extractPhone('电话13800138000')).toBe('13800138000');
    expect(extractPhone('联系 138 0013 8000')).toBe('13800138000');
    expect(extractPhone('+86-138-0013-8000')).toBe('13800138000');
    expect(extractPhone('１３８００１３８０００')).toBe('13800138000');
    expect(extractPhone('多收了200元')).toBeUndefined();
    expect(extractPhone('12345678901')).toBeUndefined();
  });

  it('finds landlines with their area code (elderly owners give the flat\'s phone), never eight bare digits', () => {
    expect(extractPhone('我家座机 0755-26651234')).toBe('0755-26651234');
    expect(extractPhone('(010)6543 2100 找李阿姨')).toBe('010-65432100');
    expect(extractPhone('0755 2665 1234')).toBe('0755-26651234');
    expect(extractPhone('打我座机 26651234')).toBeUndefined();
    expect(extractPhone('水表号 0012345')).toBeUndefined();
    // A mobile written first is the one taken.
    expect(extractPhone('13800138000 或 0755-26651234')).toBe('13800138000');
    expect(description('7栋2单元302 楼道灯不亮 座机0755-26651234')).toBe('楼道灯不亮');
  });

  it('leaves out a greeting and the words that only said whose room it is (seen in play: "你好 … 我是 的")', () => {
    expect(description('你好 我家卫生间吊顶在滴水 应该是楼上漏的 还有厨房的灯也不亮了 我是7栋2单元1502的')).toBe('我家卫生间吊顶在滴水 应该是楼上漏的 还有厨房的灯也不亮了');
    expect(description('您好,我住5栋502,厨房漏水')).toBe('厨房漏水');
    expect(description('5栋502的厨房漏水')).toBe('厨房漏水');
    expect(description('hi 3栋1单元801马桶堵了')).toBe('马桶堵了');
    expect(description('你好像没登记我的报修 5栋502')).toBe('你好像没登记我的报修');
  });

  it('leaves the problem as the description, without room, phone or its label', () => {
    expect(description('5栋2单元502 厨房水管漏水了,一直在滴,电话13800138000')).toBe('厨房水管漏水了,一直在滴');
    expect(description('水管漏水 联系电话:138 0013 8000')).toBe('水管漏水');
    expect(description('13800138000 7-2-301 灯坏了')).toBe('灯坏了');
    expect(description('水管漏水了, 13800138000 ,一直在滴')).toBe('水管漏水了,一直在滴');
    // Seen in play: "家里电话是 我家 门锁坏了" was recorded as the problem.
    expect(description('家里电话是 (0755)26651235 我家3栋1单元101 门锁坏了')).toBe('门锁坏了');
    expect(description('门锁坏了 我的手机号码是 139 1234 5678')).toBe('门锁坏了');
    // Seen in play, written Cantonese: "我電話係" stayed in the description.
    expect(description('9座1402 冷氣機漏水 我電話係 +86 138-2222-3333')).toBe('冷氣機漏水');
    // A public place is part of what is wrong, so it stays in the description.
    expect(description('3栋大堂的灯不亮了')).toBe('3栋大堂的灯不亮了');
  });

  it('drops control characters and zero-width marks, keeps emoji', () => {
    expect(sanitizeText('\u0000报修\u200b 水管\u0007漏水 💧 ')).toBe('报修 水管漏水 💧');
  });
});
