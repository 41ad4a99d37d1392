import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play, in a private chat with the bot: "我想报修" and then "卫生间漏水" each got the command list (可以这样找我),
 * so the owner never got to say where and when.
 */
describe('a short request in a private chat', () => {
  it('"我想报修" starts the intake, "卫生间漏水" is asked which kind, a greeting still gets the command list', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    expect((await tr.say('王女士', 'dm', '你好'))[0]).toContain('可以这样找我');
    expect((await tr.say('王女士', 'dm', '我想报修'))[0]).toContain('请简单说一下需要维修的问题');
    expect((await tr.say('王女士', 'dm', '卫生间漏水'))[0]).toContain('请问是哪个房间');
    expect((await tr.say('王女士', 'dm', '8栋1单元602'))[0]).toContain('请问什么时间方便师傅上门');
    const readBack = (await tr.say('王女士', 'dm', '明天下午')).join('\n');
    expect(readBack).toContain('内容:卫生间漏水');
    await tr.say('王女士', 'dm', '确认');

    const asked = (await tr.say('刘先生', 'dm', '卫生间漏水'))[0]!;
    expect(asked).toContain('请问这是:报修');
    expect((await tr.say('刘先生', 'dm', '报修'))[0]).toContain('请问是哪个房间');

    const complaint = (await tr.say('陈女士', 'dm', '我要投诉 保安态度太差')).join('\n');
    expect(complaint).toContain('类别:投诉');
    expect(complaint).toContain('内容:保安态度太差');
  });

  it('确认 or 报修 alone is neither the problem nor the place (seen in play: 内容:确认, 地点:报修)', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    // A room alone says where, not what: it is asked which kind (round R: no longer promoted to a repair on 8栋, 602).
    expect((await tr.say('王女士', 'dm', '8栋1单元602'))[0]).toContain('请问这是:报修');
    expect((await tr.say('王女士', 'dm', '报修'))[0]).toContain('请简单说一下需要维修的问题');
    expect((await tr.say('王女士', 'dm', '确认'))[0]).toContain('请简单说一下需要维修的问题');
    expect((await tr.say('王女士', 'dm', '马桶堵了'))[0]).toContain('请问什么时间方便师傅上门');
    expect((await tr.say('王女士', 'dm', '随时')).join('\n')).toContain('内容:马桶堵了');

    await tr.say('刘先生', 'dm', '厨房水龙头坏了');
    await tr.say('刘先生', 'dm', '我家卫生间也漏水了');
    expect((await tr.say('刘先生', 'dm', '报修'))[0]).toContain('还差房号');
    expect((await tr.say('刘先生', 'dm', '8栋602'))[0]).toContain('请问什么时间方便师傅上门');
    const readBack = (await tr.say('刘先生', 'dm', '随时')).join('\n');
    expect(readBack).toContain('地点:8栋602');
    expect(readBack).not.toContain('报修;');
  });
});
