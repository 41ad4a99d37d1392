import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * A phone number sent on its own right after the request was recorded. Seen in play: in a private chat, where the
 * read-back does not ask for one, "13700001111" after 确认 was asked 报修、投诉还是咨询 as a new matter.
 */
describe('a phone number after recording', () => {
  it('becomes the contact phone of the request just recorded, in a private chat and in the group', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主钱', 'dm', '我家楼上天天晚上12点还在拖椅子 吵得睡不着 我住6栋1单元301');
    await tr.say('业主钱', 'dm', '确认');
    const dm = await tr.say('业主钱', 'dm', '13700001111');
    expect(dm[0]).toContain('C0001:电话→137****1111');
    expect(dm.join('\n')).not.toContain('报修(要修东西)');
    expect((await tr.store.getTicket('C0001'))?.owner.phone).toBe('13700001111');

    await tr.say('业主孙', 'owners', '报修 8栋302 卫生间灯不亮 随时');
    await tr.say('业主孙', 'owners', '确认');
    const group = await tr.say('业主孙', 'owners', '我的手机是 138-0000-2222');
    expect(group[0]).toContain('R0001:电话→138****2222');
    expect(group.join('\n')).not.toContain('13800002222');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13800002222');
  });

  it('leaves alone a number from someone with nothing recorded, and a number inside a sentence', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect(await tr.say('业主李', 'owners', '13900003333')).toEqual([]);
    await tr.say('业主孙', 'owners', '报修 8栋302 卫生间灯不亮 随时');
    await tr.say('业主孙', 'owners', '确认');
    await tr.say('业主孙', 'owners', '快递员电话13800004444一直打不通');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).not.toBe('13800004444');
  });
});
