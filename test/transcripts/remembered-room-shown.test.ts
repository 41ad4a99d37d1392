import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field8 notes): a paid service in a private chat took the owner's room remembered from earlier work
 * without a word, and '6栋101' given at the time question was answered 地点已改为:6栋101, though the owner never saw a
 * first place. The remembered room is said with the first question; another room given then is taken, not "changed".
 */
describe('a remembered room', () => {
  it('is shown with the first question, and another room given is taken as said', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T09:00:00+08:00' });
    await tr.say('王女士', 'dm', '报修 5栋502 卫生间灯不亮 随时 13800138000');
    await tr.say('王女士', 'dm', '确认');
    const asked = (await tr.say('王女士', 'dm', '有偿服务 想请人来家里通下水道')).join('\n');
    expect(asked).toContain('5栋502');
    expect(asked).toContain('什么时间');
    const taken = (await tr.say('王女士', 'dm', '6栋101')).join('\n');
    expect(taken).not.toContain('已改为');
    expect(taken).toContain('6栋101');
    const readBack = (await tr.say('王女士', 'dm', '周六上午')).join('\n');
    expect(readBack).toContain('地点:6栋101');
  });
});
