import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "@回音 3栋电梯困人了 快来人啊" reached 工程班, 秩序部, the office head and leadership as 内容:3栋电梯困人了
 * 快来人啊, with the building said again beside 地点:3栋电梯. 内容 is what happened, as a record reads (policy 4.1.1
 * 四清楚: 内容清楚): the urging words (rules/vocabulary/conversation.yaml `urging`) and the recorded place leave it.
 */
describe("an emergency's 内容", () => {
  it('leaves out the urging words and the place on record, in the ticket and in every notice', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const lift = (await tr.say('王女士', 'owners', '3栋电梯困人了 快来人啊', { mention: true })).join('\n');
    expect(lift).toContain('【紧急】已登记 R0001');
    expect(lift).toContain('地点:3栋电梯');
    expect(lift).toContain('内容:电梯困人了\n');
    expect(lift).not.toContain('快来人');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('电梯困人了');

    await tr.say('赵女士', 'owners', '我家进小偷了!!急急急 7栋1单元301', { mention: true });
    expect((await tr.store.getTicket('S0001'))?.description).toBe('我家进小偷了');
    await tr.say('孙先生', 'owners', '救命啊 5栋2单元门口有人晕倒了', { mention: true });
    expect((await tr.store.getTicket('S0002'))?.description).toBe('有人晕倒了');
    await tr.say('钱先生', 'owners', '8栋着火了!!快点', { mention: true });
    expect((await tr.store.getTicket('S0003'))?.description).toBe('着火了');
  });

  it('keeps the words that tell what happened: someone calling for help', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '电梯停了 里面有人在喊救命', { mention: true });
    expect((await tr.store.getTicket('R0001'))?.description).toBe('电梯停了 里面有人在喊救命');
  });
});
