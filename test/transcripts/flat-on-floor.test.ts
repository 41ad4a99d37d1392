import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.1.1 问清楚 and 4.2.1.1 (indoor and public-area repairs): a floor ("5栋2单元6楼") is place enough for the
 * landing's light, not for a kitchen pipe or a toilet, where the engineer needs the door. Seen in play: "报修 5栋2单元6楼
 * 厨房水管漏水" was read back with 地点:5栋2单元6楼, no visit time was asked, and the engineer had to ring for the flat.
 */
describe('which flat on the floor, for indoor work', () => {
  it('a kitchen pipe on a floor is asked which flat; "602" makes the room, the floor leaves the description, and the visit time is asked', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const asked = await tr.say('业主1', 'owners', '报修 5栋2单元6楼 厨房水管漏水');
    expect(asked.at(-1)).toContain('请问是5栋2单元6楼哪一户?');
    expect(asked.join('\n')).not.toContain('请核对');
    const flat = await tr.say('业主1', 'owners', '602');
    expect(flat.at(-1)).toContain('请问什么时间方便师傅上门');
    const readBack = await tr.say('业主1', 'owners', '明天下午');
    expect(readBack.at(-1)).toContain('地点:5栋2单元602\n');
    expect(readBack.at(-1)).toContain('内容:厨房水管漏水\n');
    await tr.say('业主1', 'owners', '不用');
    await tr.say('业主1', 'owners', '确认');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ location: { kind: 'room', building: '5', unit: '2', room: '602' } });
  });

  it('the door on the landing ("2号"), a time and a phone in one answer; a floor in words (五栋二单元六楼) is read the same', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('业主2', 'dm', '报修 马桶堵了 五栋二单元十二楼')).at(-1)).toContain('哪一户');
    const out = await tr.say('业主2', 'dm', '2号 明天上午10点 13822223333');
    expect(out.at(-1)).toContain('地点:5栋2单元1202\n');
    expect(out.at(-1)).toContain('时间:11月28日 10:00');
    expect(out.at(-1)).toContain('电话:138****3333');
  });

  it('a floor is enough for the corridor light, and for an indoor word the owner says is the landing (公共区域): no time asked', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const light = await tr.say('业主3', 'owners', '@bot 楼道灯坏了 5栋2单元6楼', { mention: true });
    expect(light.at(-1)).toContain('地点:5栋2单元6楼\n');
    expect((await tr.say('业主4', 'owners', '报修 7栋3楼 水管漏水 厨房窗户外面')).at(-1)).toContain('请问是7栋3楼哪一户?');
    const landing = await tr.say('业主4', 'owners', '公共区域');
    expect(landing.at(-1)).toContain('请核对');
    expect(landing.at(-1)).toContain('地点:7栋3楼\n');
  });

  it('an owner who does not give the flat is asked once more, then the floor stands and the visit time is still asked', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主5', 'dm', '报修 3栋1单元12楼 卫生间漏水');
    const again = await tr.say('业主5', 'dm', '就在12楼');
    expect(again.at(-1)).toContain('还需要3栋1单元12楼的房号');
    const time = await tr.say('业主5', 'dm', '你们来了就知道');
    expect(time.at(-1)).toContain('请问什么时间方便师傅上门');
  });
});
