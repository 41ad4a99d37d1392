import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: an owner whose leak from upstairs was recorded (C0001, not yet taken up) wrote '楼上的人电话打不通
 * 你们快点' and met silence: 快点 counted as a chase only in 快点来 / 快点修. Chased in words, the office heard only the
 * ticket's description, not what the owner said.
 */
describe('an owner chasing in their own words', () => {
  it('is a chase (policy 4.3.1.5 催办), and the words reach the office with the notice', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '7栋1203 卫生间天花板在滴水 应该是楼上漏下来的', { mention: true });
    await tr.say('王女士', 'owners', '13912340000');
    const recorded = (await tr.say('王女士', 'owners', '确认')).join('\n');
    expect(recorded).toContain('已登记,编号 C0001');
    const chased = await tr.say('王女士', 'owners', '楼上的人电话打不通 你们快点');
    expect(chased.join('\n')).toContain('已催促管理处尽快处理 C0001');
    expect(chased.join('\n')).toContain('【催单】业主催促 C0001(第1次)');
    expect(chased.join('\n')).toContain('业主说:楼上的人电话打不通 你们快点');
    // 催单 itself adds no words.
    tr.clock.advance(15 * 60_000);
    const again = (await tr.say('王女士', 'owners', '催单 C0001')).join('\n');
    expect(again).toContain('第2次');
    expect(again).not.toContain('业主说');
  });
});
