import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "管家,5栋2单元302 楼道灯坏了" was asked 请问什么时间方便师傅上门? The room says who reports and where; the
 * work is on the landing, and nobody need be home for it (as for a public place given alone, issue 16 §3).
 */
describe("a fault outside the flat, reported with the owner's room", () => {
  it('is read back without asking when someone is home; a fault inside the flat is still asked', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const landing = (await tr.say('小周', 'owners', '报修 5栋2单元302 楼道灯坏了 电话13800001111')).join('\n');
    expect(landing).toContain('请核对');
    expect(landing).not.toContain('什么时间方便师傅上门');
    expect(landing).not.toContain('时间:');
    await tr.say('小周', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.appointmentAt).toBeUndefined();

    const kitchen = (await tr.say('小王', 'owners', '报修 5栋2单元402 厨房水龙头坏了 电话13800001112')).join('\n');
    expect(kitchen).toContain('什么时间方便师傅上门');
  });
});
