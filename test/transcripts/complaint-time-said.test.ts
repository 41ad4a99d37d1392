import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "投诉 小区门口保安态度很差 下午都在家" was read back with 内容:小区门口保安态度很差 下午都在家. A complaint
 * takes no appointment (its clock is policy 5.2: the handler contacts the owner), as an assist matter does not
 * (assist-time-said.test.ts): when the owner is home leaves 内容 and the read-back says who calls whom.
 */
describe('a time said with a complaint', () => {
  it('is kept out of 内容 and answered in the read-back', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '投诉 保安态度很差 下午都在家')).join('\n');
    expect(readBack).toContain('类别:投诉');
    expect(readBack).toContain('内容:保安态度很差\n');
    expect(readBack).toContain('时间:这类事项不约上门时间,受理人会先和您联系');
    await tr.say('王女士', 'owners', '确认');
    const ticket = await tr.store.getTicket('C0001');
    expect(ticket?.description).toBe('保安态度很差');
    expect(ticket?.appointmentAt).toBeUndefined();

    // Answering the offer with it is the yes, as for an assist matter.
    expect((await tr.say('陈女士', 'owners', '保安态度太差了 骂人')).join('\n')).toContain('需要我帮您登记吗');
    const offered = (await tr.say('陈女士', 'owners', '明天上午在家')).join('\n');
    expect(offered).toContain('内容:保安态度太差了 骂人\n');
    expect(offered).toContain('受理人会先和您联系');
  });
});
