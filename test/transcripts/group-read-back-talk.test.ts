import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in bench:engine's group traffic, replayed in the console: after 需要我帮您登记吗 an owner's 好的好的 opened a
 * read-back, and then every line the owner said to the neighbours (收到,谢谢 / 哈哈哈哈 / 求推荐靠谱的钢琴老师) got
 * 请回复「确认」登记 in the group, and 好的好的 twenty minutes later recorded the ticket. Another owner's 早上好 after
 * the offer was read as a yes with a visit time (早上).
 */
describe("an owners' group's talk around a read-back", () => {
  it('gets the hint once; later talk is left alone, and after a while only 确认 records', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const readBack = (await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13900001111')).join('\n');
    expect(readBack).toContain('请核对');
    expect((await tr.say('王女士', 'owners', '收到,谢谢')).join('\n')).toContain('请回复「确认」登记');
    tr.clock.advance(60_000);
    expect(await tr.say('王女士', 'owners', '哈哈哈哈')).toEqual([]);
    expect(await tr.say('王女士', 'owners', '求推荐靠谱的钢琴老师')).toEqual([]);
    tr.clock.advance(15 * 60_000);
    expect(await tr.say('王女士', 'owners', '好的好的')).toEqual([]);
    expect(await tr.store.listTickets()).toHaveLength(0);
    expect((await tr.say('王女士', 'owners', '确认')).join('\n')).toContain('已登记,编号 R0001');
  });

  it('a yes soon after the hint still records, and a private chat gets the hint every time', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13900001111');
    expect((await tr.say('王女士', 'owners', '收到')).join('\n')).toContain('请回复「确认」登记');
    tr.clock.advance(60_000);
    expect((await tr.say('王女士', 'owners', '好的')).join('\n')).toContain('已登记,编号 R0001');
    await tr.say('刘先生', 'dm', '报修 3栋1单元1202 厨房水龙头坏了 随时 13912345678');
    expect((await tr.say('刘先生', 'dm', '收到')).join('\n')).toContain('请回复「确认」登记');
    expect((await tr.say('刘先生', 'dm', '哈哈')).join('\n')).toContain('请回复「确认」登记');
  });

  it('a greeting after the offer is not a yes with a time', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const offered = (await tr.say('李先生', 'owners', '5栋电梯又坏了')).join('\n');
    expect(offered).toContain('需要我帮您登记吗');
    expect(await tr.say('李先生', 'owners', '早上好')).toEqual([]);
    expect(await tr.store.listTickets()).toHaveLength(0);
  });
});

describe('said to the bot (@) in the group at a read-back', () => {
  it('gets the hint every time, as in a private chat', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13900001111');
    expect((await tr.say('王女士', 'owners', '收到')).join('\n')).toContain('请回复「确认」登记');
    expect((await tr.say('王女士', 'owners', '然后呢', { mention: true })).join('\n')).toContain('请回复「确认」登记');
  });
});
