import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * The building said with the request, the room given when asked. Seen in play: "我家门口的灯坏了 5栋2单元", then "502" at
 * 请问是哪个房间, got 记下了。还需要房号, and 确认 after it 还差房号.
 */
describe('the room after the building', () => {
  it('is the room in the building already said, which leaves the description', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('业主B', 'owners', '我家门口的灯坏了 5栋2单元', { mention: true }))[0]).toContain('请问是哪个房间');
    await tr.say('业主B', 'owners', '502');
    const read = await tr.say('业主B', 'owners', '随时 13800005555');
    expect(read[0]).toContain('地点:5栋2单元502');
    expect(read[0]).toContain('内容:我家门口的灯坏了\n');
    await tr.say('业主B', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.location).toMatchObject({ kind: 'room', building: '5', unit: '2', room: '502' });
  });

  it('a number without a building said before is still asked again', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主D', 'owners', '报修 卫生间漏水', { mention: true });
    expect((await tr.say('业主D', 'owners', '502'))[0]).toContain('还需要房号');
  });
});
