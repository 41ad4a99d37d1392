import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "报修 5懂2单元502 厨房水龙头漏水了" (懂 for 栋, dǒng from a pinyin keyboard, as 动 already was) was asked
 * 哪个房间, and the owner, sure they had said it, answered the time and 确认 and was asked again. "8#2单元301" (#
 * for 号楼, as building numbers are painted and written on notices) was no room either.
 */
describe('a building written in haste', () => {
  it('5懂 and 8# are buildings: the room is read back as 5栋2单元502 and 8栋2单元301', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const dong = (await tr.say('王女士', 'owners', '报修 5懂2单元502 厨房水龙头漏水了 随时')).join('\n');
    expect(dong).toContain('地点:5栋2单元502\n');
    expect(dong).toContain('内容:厨房水龙头漏水了\n');
    const hash = (await tr.say('林先生', 'owners', '报修 8#2单元301 卫生间灯不亮 随时')).join('\n');
    expect(hash).toContain('地点:8栋2单元301\n');
    expect(hash).toContain('内容:卫生间灯不亮\n');
    const hashFloor = (await tr.say('赵女士', 'owners', '报修 卧室空调漏水 3#楼1单元1201 随时')).join('\n');
    expect(hashFloor).toContain('地点:3栋1单元1201\n');
  });
});
