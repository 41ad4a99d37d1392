import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: '@回音 抱修 楼道灯不亮 3栋2单元' (抱修 typed for 报修, the same bao on a pinyin keyboard) was read back
 * with 内容:抱修 楼道灯不亮, the slip in the record for the engineers. 抱修 is a trigger word as 保修 and 包修 are
 * (rules/vocabulary/conversation.yaml triggers).
 */
describe('报修 typed as 抱修', () => {
  it('starts a repair and stays out of 内容', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '抱修 5栋502 厨房水龙头坏了 随时 13800138000')).join('\n');
    expect(readBack).toContain('类别:报修');
    expect(readBack).toContain('内容:厨房水龙头坏了\n');
  });
});
