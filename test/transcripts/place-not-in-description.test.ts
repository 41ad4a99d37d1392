import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.1.1 (记清楚) and 6.1 (the repair notice the engineers read). Seen in play: "2栋楼下那个路灯坏了" was read back
 * with 地点:2栋楼下 and 内容:2栋楼下那个路灯坏了, the place said twice. The recorded place leaves 内容, as 我家 does
 * before a room of the home (own-home.test.ts); the thing that is wrong stays.
 */
describe('a public-area fault given with its place', () => {
  it('is read back and recorded without the place in 内容', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '2栋楼下那个路灯坏了');
    const readBack = (await tr.say('王女士', 'owners', '登记')).join('\n');
    expect(readBack).toContain('地点:2栋楼下\n');
    expect(readBack).toContain('内容:路灯坏了\n');
    const notice = (await tr.say('王女士', 'owners', '确认')).find((l) => l.startsWith('[engineering]'))!;
    expect(notice).toContain('内容:路灯坏了\n');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('路灯坏了');

    // The thing the place names stays: 电梯 of 2号楼电梯.
    const lift = (await tr.say('刘先生', 'owners', '报修 2号楼电梯坏了')).join('\n');
    expect(lift).toContain('地点:2号楼电梯\n');
    expect(lift).toContain('内容:电梯坏了\n');
  });

  it('leaves out the building said apart from the thing, which the place joined to it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const apart = (await tr.say('王大爷', 'owners', '报修 电梯门一直开不了 2号楼')).join('\n');
    expect(apart).toContain('地点:2号楼电梯\n');
    expect(apart).toContain('内容:电梯门一直开不了\n');
  });

  // Seen in play: 地点:5栋门口 and 内容:保安晚上睡觉 门岗没人 5栋门口. A complaint or an assist matter leaves out its
  // recorded place as a repair does; a place that is only its thing (快递柜) is part of a complaint's story and stays.
  it('leaves the recorded place out of a complaint too, unless the place is the thing complained of', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const last = (await tr.say('王女士', 'owners', '保安晚上睡觉 门岗没人 5栋门口', { mention: true })).join('\n');
    expect(last).toContain('类别:投诉');
    expect(last).toContain('地点:5栋门口\n');
    expect(last).toContain('内容:保安晚上睡觉 门岗没人\n');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('C0001'))?.description).toBe('保安晚上睡觉 门岗没人');

    const first = (await tr.say('刘先生', 'owners', '投诉 5栋门口的垃圾好几天没人清理')).join('\n');
    expect(first).toContain('内容:垃圾好几天没人清理\n');
    const dog = (await tr.say('周女士', 'owners', '7栋楼下有人遛狗不拴绳', { mention: true })).join('\n');
    expect(dog).toContain('地点:7栋楼下\n');
    expect(dog).toContain('内容:有人遛狗不拴绳\n');
    const thing = (await tr.say('陈女士', 'owners', '投诉 快递柜的快递被人拿错了没人管')).join('\n');
    expect(thing).toContain('内容:快递柜的快递被人拿错了没人管\n');
  });
});
