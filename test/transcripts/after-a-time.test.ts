import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.2.1.1: the work is done within the owner's appointment time, so the appointment must be the one they gave.
 * Seen in play: "3点后来" was no time at all (the time was asked again) and "下午3点以后" was read back as 15:00 exactly.
 */
describe('a time said as "after 3"', () => {
  it('3点后来 and 下午3点以后 are a window from 15:00 to the end of the afternoon, in the read-back and the engineers\' notice', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T12:04:00+08:00' });
    const readBack = (await tr.say('业主A', 'owners', '报修 5栋2单元502 厨房水管漏水 3点后来'))[0]!;
    expect(readBack).toContain('时间:12月7日 15:00–18:00');
    expect(readBack).toContain('内容:厨房水管漏水\n');
    const notice = (await tr.say('业主A', 'owners', '确认')).find((l) => l.startsWith('[engineering]'))!;
    expect(notice).toContain('预约:12月7日 15:00–18:00');

    expect((await tr.say('王女士', 'owners', '报修 6栋101 门锁坏了 下午3点以后'))[0]).toContain('时间:12月7日 15:00–18:00');
    expect((await tr.say('钱先生', 'owners', '报修 2栋1单元301 阳台灯不亮 晚上7点以后有人在家'))[0]).toContain('时间:12月7日 19:00–21:00');
  });
});
