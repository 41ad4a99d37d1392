import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "5栋门口的路灯不亮" read back 地点:5栋门口的路灯, the owner said "不对 是6栋", got the generic
 * 请回复「确认」, and 确认 recorded 5栋. A building said wrong is corrected for a public place as for a room (issue 16 §3:
 * the part said changes, the rest stays).
 */
describe('"不对 是6栋" about a public place', () => {
  it('moves the place to that building and keeps the rest', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('王女士', 'owners', '5栋门口的路灯不亮', { mention: true })).join('\n')).toContain('地点:5栋门口的路灯\n');
    const corrected = (await tr.say('王女士', 'owners', '不对 是6栋')).join('\n');
    expect(corrected).toContain('地点:6栋门口的路灯\n');
    expect(corrected).toContain('内容:路灯不亮\n');
    await tr.say('王女士', 'owners', '不用');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.location).toMatchObject({ kind: 'public', place: '6栋门口的路灯' });

    await tr.say('刘先生', 'owners', '报修 2号楼电梯坏了');
    expect((await tr.say('刘先生', 'owners', '是3号楼 不是2号楼')).join('\n')).toContain('地点:3号楼电梯\n');
  });
});
