import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.1.1 (记清楚: record clearly) and 6.1 (the repair notice the engineers read). Seen in play: "我家厨房水管漏水"
 * was read back and sent to 工程班 as 内容:我家厨房水管漏水, the room being on the record already.
 */
describe('我家 before a room of the home', () => {
  it('is left out of the description the owner reads back and the engineers read; 我家也停电了 keeps it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('王女士', 'owners', '报修 5栋2单元502 我家厨房水管漏水 随时'))[0]).toContain('内容:厨房水管漏水\n');
    const notice = (await tr.say('王女士', 'owners', '确认')).find((l) => l.startsWith('[engineering]'))!;
    expect(notice).toContain('内容:厨房水管漏水\n');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('厨房水管漏水');
    // "我家的卫生间" too, asked for the room when none was said.
    await tr.say('刘先生', 'owners', '报修 我家的卫生间马桶堵了');
    await tr.say('刘先生', 'owners', '6栋101');
    expect((await tr.say('刘先生', 'owners', '随时'))[0]).toContain('内容:卫生间马桶堵了\n');
  });

  // Seen in play: "我家灯不亮了" kept 我家: 灯 is no room (place.indoor), since a landing has lights too. The home's own
  // things (intake.yaml own_home_things) lose 我家 as rooms do; 我家门口的灯 keeps it.
  it('is left out before the home’s own light, and kept before its door', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 我家灯不亮了 5栋502');
    expect((await tr.say('王女士', 'owners', '随时'))[0]).toContain('内容:灯不亮了\n');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('灯不亮了');
    await tr.say('李先生', 'owners', '报修 6栋301 我屋企盏灯唔着');
    expect((await tr.say('李先生', 'owners', '随时'))[0]).toContain('内容:盏灯唔着\n');
    expect((await tr.say('陈女士', 'owners', '报修 5栋2单元6楼 我家门口的灯坏了'))[0]).toContain('内容:我家门口的灯坏了\n');
  });
});
