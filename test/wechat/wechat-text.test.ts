import { describe, expect, it } from 'vitest';
import { leadingMention, looksLikeRoomId, stripTypedMention, topicOf, withTypedChoices } from '../../adapters/wechat/wechat-text.ts';
import { isStale } from '../../src/inbound/guard.ts';

describe('WeChat text helpers', () => {
  it('types out buttons once, only when the text does not already say them', () => {
    const choices = [
      { label: '确认', text: '确认' },
      { label: '修改', text: '修改' },
      { label: '取消', text: '取消' },
    ];
    expect(withTypedChoices('请核对:…\n回复「确认」登记,回复「修改」重新填写,回复「取消」放弃。', choices)).toBe('请核对:…\n回复「确认」登记,回复「修改」重新填写,回复「取消」放弃。');
    expect(withTypedChoices('需要我帮您登记吗?', [{ label: '登记', text: '登记' }])).toBe('需要我帮您登记吗?\n回复「登记」');
    expect(withTypedChoices('【新报修】R0001', [{ label: '接单', text: '接单 R0001' }, { label: '查看', text: '查 R0001' }])).toBe('【新报修】R0001\n回复「接单 R0001」/「查 R0001」');
    expect(withTypedChoices('没有按钮', undefined)).toBe('没有按钮');
  });

  it('reads a leading "@name " and a typed "@bot" with either separator', () => {
    expect(leadingMention('@王女士 您的报修已受理')).toEqual({ name: '王女士', rest: '您的报修已受理' });
    expect(leadingMention('@王女士\u2005您好')).toEqual({ name: '王女士', rest: '您好' });
    expect(leadingMention('您好 @王女士')).toBeUndefined();
    expect(stripTypedMention('@回音\u2005报修 漏水', '回音')).toBe('报修 漏水');
    expect(stripTypedMention('@回音 报修', '回音')).toBe('报修');
    expect(stripTypedMention('@回音小助手 报修', '回音')).toBeUndefined();
    // Anywhere in the message (issue 18 §7), with either separator, not inside a longer name or an e-mail address.
    expect(stripTypedMention('楼道灯坏了 @回音', '回音')).toBe('楼道灯坏了');
    expect(stripTypedMention('请问@回音\u2005物业费标准是多少', '回音')).toBe('请问 物业费标准是多少');
    expect(stripTypedMention('@回音,电梯又坏了', '回音')).toBe('电梯又坏了');
    expect(stripTypedMention('找 @回音小助手 也行,@回音 报修', '回音')).toBe('找 @回音小助手 也行, 报修');
    expect(stripTypedMention('发到 a@回音 邮箱', '回音')).toBeUndefined();
    expect(stripTypedMention('没有提到', '回音')).toBeUndefined();
  });

  it('drops messages from before the login and older than the limit', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const login = new Date('2026-11-27T09:59:00Z');
    expect(isStale(new Date('2026-11-27T09:59:30Z'), now, login, 120_000)).toBe(false);
    expect(isStale(new Date('2026-11-27T09:58:50Z'), now, login, 120_000)).toBe(true); // before login
    expect(isStale(new Date('2026-11-27T09:58:57Z'), now, login, 120_000)).toBe(false); // within clock-skew slack
    expect(isStale(new Date('2026-11-27T09:57:00Z'), now, undefined, 120_000)).toBe(true); // too old
  });

  it('tells room ids from contact ids and reads "topic:" chat ids', () => {
    expect(looksLikeRoomId('12345@chatroom')).toBe(true);
    expect(looksLikeRoomId('@@abcdef')).toBe(true);
    expect(looksLikeRoomId('@abcdef')).toBe(false);
    expect(looksLikeRoomId('wxid_abc')).toBe(false);
    expect(looksLikeRoomId('topic:工程班')).toBe(true);
    expect(topicOf('topic:阳光家园业主群')).toBe('阳光家园业主群');
    expect(topicOf('123@chatroom')).toBeUndefined();
  });
});
