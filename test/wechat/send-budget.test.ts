import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_NOTICE, SendBudget } from '../../adapters/wechat/send-budget.ts';

const MIN = 60_000;

describe('WeChat send budget (issue 18 §6)', () => {
  it('caps bursts, each chat per hour and the whole account per hour', () => {
    const b = new SendBudget({ perChatPerHour: 3, overallPerHour: 5, burstPerMinute: 2, slowDrainMs: 0, slowIntervalMs: 0 });
    b.record('a', 0);
    expect(b.delayFor('a', 1_000)).toBe(0);
    b.record('a', 1_000);
    // Two in the last minute: the third waits until the first is a minute old.
    expect(b.delayFor('b', 2_000)).toBe(MIN - 2_000);
    b.record('a', 2 * MIN);
    // Three to chat a within the hour: a waits for the hour to roll, chat b does not.
    expect(b.delayFor('a', 4 * MIN)).toBe(60 * MIN - 4 * MIN);
    expect(b.delayFor('b', 4 * MIN)).toBe(0);
    b.record('b', 4 * MIN);
    b.record('c', 6 * MIN);
    // Five overall within the hour: everyone waits until the oldest is an hour old.
    expect(b.delayFor('d', 8 * MIN)).toBe(60 * MIN - 8 * MIN);
    expect(b.delayFor('d', 60 * MIN)).toBe(0);
  });

  it('drains slowly for a while after a login', () => {
    const b = new SendBudget({ perChatPerHour: 100, overallPerHour: 100, burstPerMinute: 100, slowDrainMs: 10 * MIN, slowIntervalMs: 5_000 });
    b.startSlow(0);
    b.record('a', 1_000);
    expect(b.delayFor('b', 2_000)).toBe(4_000);
    b.record('b', 6_000);
    expect(b.delayFor('c', 11 * MIN)).toBe(0);
  });

  it("recognises WeChat's rate-limit notices, not ordinary talk about them", () => {
    for (const t of ['操作过于频繁,请稍后再试', '你的操作太频繁了', '发送消息过于频繁,请稍后再试。', 'BaseResponse.Ret 1205']) expect(RATE_LIMIT_NOTICE.test(t)).toBe(true);
    for (const t of ['电梯频繁故障', '报修 12050 号']) expect(RATE_LIMIT_NOTICE.test(t)).toBe(false);
  });
});
