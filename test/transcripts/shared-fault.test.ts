import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * One lift, many owners (policy 4.2.1.1: one repair for the estate's lift). Seen in play: with 2栋's lift entrapment
 * open, "2栋电梯是不是又停了" got 需要我帮您登记吗, and a yes would have been a second ticket for the same lift.
 */
describe('a shared thing out of order, reported again', () => {
  it('joins the open ticket of the same building and hears its progress; another building, and chatter, do not', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主周', 'owners', '电梯又坏了 2栋 关了一个人在里面', { mention: true });
    const again = await tr.say('业主吴', 'owners', '2栋电梯是不是又停了');
    expect(again).toHaveLength(1);
    expect(again[0]).toContain('已有业主报告2栋电梯的情况(R0001 电梯困人),工程班正在处理(制度4.2.1.1)');
    expect((await tr.store.getTicket('R0001'))?.history.some((e) => e.type === 'relayed' && e.text.includes('2栋电梯是不是又停了'))).toBe(true);

    expect((await tr.say('业主郑', 'owners', '3栋电梯也坏了')).join('\n')).not.toContain('R0001');
    expect(await tr.say('业主王', 'owners', '坐电梯上楼 顺便带了快递')).toEqual([]);

    const done = await tr.say('zhang', 'engineering', '完成 R0001 已放出被困人员 电梯已恢复');
    expect(done.some((line) => line.startsWith('[owners] @业主吴') && line.includes('R0001 已处理完毕'))).toBe(true);
  });
});

describe("one owner's card", () => {
  it('"门禁卡坏了" is not the estate\'s gate, so it does not join another owner\'s gate ticket (seen in the adversarial run)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主周', 'owners', '报修 3栋大堂 门禁坏了 刷不开 随时 13800006666');
    await tr.say('业主周', 'owners', '确认');
    const card = await tr.say('业主吴', 'owners', '门禁卡坏了', { mention: true });
    expect(card.join('\n')).not.toContain('已有业主报告');
    const gate = await tr.say('业主郑', 'owners', '3栋门禁又坏了', { mention: true });
    expect(gate[0]).toContain('已有业主报告3栋大堂的情况(R0001)');
  });
});
