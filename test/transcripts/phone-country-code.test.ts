import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "… 3栋1单元1101 电话0086 139 1234 5678" (an owner abroad, or one who copies numbers from a card) was read
 * back as 电话:0086-****1234, a landline that does not exist, and 内容 kept "5678". 0086 is China's country code written
 * as dialled from abroad, as +86 is: the mobile after it is the number.
 */
describe('a mobile written with 0086 in front', () => {
  it('is the owner’s mobile, masked in the group, and no digits are left in 内容', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('吴女士', 'owners', '报修 3栋1单元1101 厨房水管漏水 随时 电话0086 139 1234 5678')).join('\n');
    expect(readBack).toContain('电话:139****5678');
    expect(readBack).toContain('内容:厨房水管漏水\n');
    expect(readBack).not.toContain('0086');
    await tr.say('吴女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13912345678');
    // Said at the read-back of another request, in the form 0086-139…: the same number.
    await tr.say('林先生', 'owners', '报修 5栋502 卫生间灯不亮 随时');
    const changed = (await tr.say('林先生', 'owners', '电话改成0086-13800138000')).join('\n');
    expect(changed).toContain('电话:138****8000');
  });
});
