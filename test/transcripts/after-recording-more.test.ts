import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (npm start), right after 确认 in the owners' group: "对了 我电话是139 1234 5678" met silence,
 * "补充一下 是客厅和餐厅的灯都不亮" was offered a new registration (需要我帮您登记吗), and "我电话换一个 15800002222" then
 * answered that offer and opened a second intake (请问什么时间方便师傅上门?). What the owner adds after recording
 * belongs to the request just recorded (policy 4.1.1 问清楚; 4.2.1.1 跟踪): a number is its contact phone, more words go
 * to the unit holding it.
 */
describe('what an owner adds right after recording', () => {
  it('a phone said with opening words or "换一个" becomes the contact phone', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('吴女士', 'owners', '报修 9栋1单元302 客厅灯不亮了 随时');
    await tr.say('吴女士', 'owners', '确认');
    const first = (await tr.say('吴女士', 'owners', '对了 我电话是139 1234 5678')).join('\n');
    expect(first).toContain('R0001:电话→139****5678');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13912345678');
    const second = (await tr.say('吴女士', 'owners', '我电话换一个 15800002222')).join('\n');
    expect(second).toContain('R0001:电话→158****2222');
    expect(second).not.toContain('什么时间方便');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('15800002222');
  });

  it('"补充一下 …" goes to the unit holding the request, not to a new registration', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('吴女士', 'owners', '报修 9栋1单元302 客厅灯不亮了 随时 13700001111');
    await tr.say('吴女士', 'owners', '确认');
    const out = (await tr.say('吴女士', 'owners', '补充一下 是客厅和餐厅的灯都不亮')).join('\n');
    expect(out).not.toContain('需要我帮您登记吗');
    expect(out).toContain('【业主补充】R0001:是客厅和餐厅的灯都不亮');
    const history = (await tr.store.getTicket('R0001'))!.history;
    expect(history.findLast((e) => e.type === 'relayed')).toMatchObject({ type: 'relayed', direction: 'to_staff', text: '是客厅和餐厅的灯都不亮' });
    // Someone with nothing recorded, chatting: no ticket is touched and no error is shown to the group.
    expect(await tr.say('邻居', 'owners', '补充一下 楼下超市周末打八折')).toEqual([]);
  });
});
