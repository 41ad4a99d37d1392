import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.2.1.1 (the office chases and keeps the owner informed) and 5.6 (return visits). Seen in play: work an owner
 * sent back with 不满意 while 张工 held it was in 张工's and 李主任's 待办 but not in 陈文员's, the clerk who calls the owner.
 */
describe("the clerk's 待办", () => {
  it('lists reopened work held by an engineer, with its holder and why it was reopened', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀门');
    tr.clock.advance(60 * 60_000);
    await tr.say('王女士', 'owners', '不满意 还是漏水');
    const clerk = (await tr.say('chen', 'office', '待办'))[0]!;
    expect(clerk).toMatch(/R0001 报修 · 处理中 · 张工 · 5栋502 厨房水管漏水 · 【重开】.*还是漏水/);
  });
});

describe("the office head's 待办", () => {
  it('opens with the desk at a glance: open work by state and by unit, and how much is late, before the lists (overdue first)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('刘先生', 'owners', '投诉 保安态度太差了 6栋101');
    await tr.say('刘先生', 'owners', '确认');
    tr.clock.advance(4 * 24 * 60 * 60_000);
    const lines = (await tr.say('li', 'office', '待办'))[0]!.split('\n');
    expect(lines[0]).toBe('[office] 待办:');
    expect(lines[1]).toBe('未结 2 件(待接单 1 · 处理中 1 · 超时 2);管理处主任 1 · 工程班 1');
    expect(lines[2]).toBe('经办人:张工 1(超时 1)');
    expect(lines[3]).toBe('【超时未办结】2 件');
  });
});
