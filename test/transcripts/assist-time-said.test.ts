import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: a leak from the flat upstairs (assist, 4.3.2.1) at its read-back, the owner answered "明天上午" and
 * "改到明天下午" and got the generic 请回复「确认」; "明天上午在家" said in the request was read back as part of 内容.
 * An assist matter takes no appointment: the owner is told the office contacts them and the other owner, and confirms.
 */
describe('a time said for an assist matter', () => {
  it('is answered at the read-back, kept out of 内容, and the owner still confirms', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '楼上往我家漏水 5栋502', { mention: true })).join('\n');
    expect(readBack).toContain('请核对');
    for (const when of ['明天上午', '改到明天下午']) {
      const reply = (await tr.say('王女士', 'owners', when)).join('\n');
      expect(reply).toContain('不约上门时间');
      expect(reply).toContain('相关业主');
      expect(reply).not.toContain('请回复「确认」登记;要改哪一项');
    }
    await tr.say('王女士', 'owners', '确认');
    const first = await tr.store.getTicket('C0001');
    expect(first?.description).toBe('楼上往我家漏水');
    expect(first?.appointmentAt).toBeUndefined();

    // Said with the request: out of 内容, and the read-back says who calls whom.
    const withTime = (await tr.say('刘先生', 'owners', '报修 楼上往我家漏水 6栋302 明天上午在家')).join('\n');
    expect(withTime).toContain('内容:楼上往我家漏水\n');
    expect(withTime).toContain('管理处会先和您联系');
    await tr.say('刘先生', 'owners', '确认');
    expect((await tr.store.getTicket('C0002'))?.description).toBe('楼上往我家漏水');
  });

  it('answering the offer with it, is the yes and is answered in the read-back', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('王女士', 'owners', '楼上往我家漏水 5栋502')).join('\n')).toContain('需要我帮您登记吗');
    const readBack = (await tr.say('王女士', 'owners', '明天上午')).join('\n');
    expect(readBack).toContain('内容:楼上往我家漏水\n');
    expect(readBack).toContain('管理处会先和您联系');
  });
});
