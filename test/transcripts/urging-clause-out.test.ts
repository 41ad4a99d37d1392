import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13, field14): '急 厨房水管漏水 5栋2单元502' and '5栋502家里的门锁坏了 进不了门 急' kept 急 in 内容
 * outside emergencies. A clause made only of urging words (rules/vocabulary/conversation.yaml urging) says nothing of
 * the matter (policy 4.1.1 内容清楚); urging inside a clause stays as said.
 */
describe('urging alone in a clause', () => {
  it('is left out of a repair\'s 内容', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    await tr.say('王女士', 'owners', '急 厨房水管漏水 5栋2单元502 随时', { mention: true });
    const first = (await tr.say('王女士', 'owners', '13800138000')).join('\n');
    expect(first).toContain('内容:厨房水管漏水\n');
    const second = (await tr.say('李先生', 'owners', '5栋1单元301家里的门锁坏了 进不了门 急 随时 13900139000', { mention: true })).join('\n');
    expect(second).toContain('内容:家里的门锁坏了 进不了门\n');
  });

  it('stays inside a clause', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    const out = (await tr.say('赵阿姨', 'owners', '报修 5栋2单元502 马桶堵了快点 随时 13700137000')).join('\n');
    expect(out).toContain('内容:马桶堵了快点\n');
  });
});
