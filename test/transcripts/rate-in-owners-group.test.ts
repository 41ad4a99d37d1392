import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * field9 notes: "及时率" from the office head in the owners' group met silence, while 日报, 月报 and 待办 there are
 * refused with the reason. The rate is the company's own measure of its staff (policy 5.5): every owner reads the
 * owners' group, so it is refused there as they are, whoever's rate is asked, and answered in a staff chat.
 */
describe('及时率 said by staff in the owners group', () => {
  it('is refused with the reason, not answered and not left silent', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    for (const asked of ['及时率', '及时率多少', '这个月及时率多少?', '张工的及时率']) {
      expect(await tr.say('li', 'owners', asked), asked).toEqual(['[owners] 「及时率」是内部考核数字,业主群里大家都看得到:请在工作群或私聊我时使用。']);
    }
    expect(await tr.say('zhang', 'owners', '我的及时率')).toEqual(['[owners] 「及时率」是内部考核数字,业主群里大家都看得到:请在工作群或私聊我时使用。']);
    expect(await tr.say('li', 'owners', '月报')).toEqual(['[owners] 「月报」会显示业主的工单,业主群里大家都看得到:请在工作群或私聊我时使用。']);
    // In the office chat the figure is given as before.
    expect((await tr.say('li', 'office', '及时率')).join('\n')).toMatch(/^\[office\] 【阳光家园 2026-12 及时率 /);
  });
});
