import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: a lift entrapment alerted 工程班 and 秩序部 (policy 3.1), and 王队长's 待办 in 秩序部 said 没有待办工单:
 * the ticket is held by engineering, and only the holder's unit saw it.
 */
describe("an emergency another unit holds, in the assisting unit's 待办", () => {
  it('is listed as 紧急·协助 until that unit reports its part done', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    expect((await tr.say('赵先生', 'owners', '2栋电梯卡在8楼了 我老婆在里面 快来人啊')).join('\n')).toContain('【紧急】已登记 R0001');
    const listed = (await tr.say('wang', 'security', '待办')).join('\n');
    expect(listed).toContain('R0001');
    expect(listed).toContain('紧急·协助工程班');
    // The holder's unit lists it as its own work, not as help.
    expect((await tr.say('zhang', 'engineering', '待办')).join('\n')).not.toContain('协助');
    await tr.say('wang', 'security', '接单 R0001');
    expect((await tr.say('wang', 'security', '待办')).join('\n')).toContain('R0001');
    await tr.say('wang', 'security', '完成 R0001 已到场 人已救出');
    expect((await tr.say('wang', 'security', '待办')).join('\n')).toContain('没有待办工单');
  });
});
