import { afterEach, describe, expect, it } from 'vitest';
import { digestMessages } from '../../src/reports/digest.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const digest = async () => (await digestMessages({ store: tr.store, config: tr.config, clock: tr.clock })).map((m) => m.text).join('\n');

/**
 * Seen in play: a cleaning booked on Tuesday 8 December for Saturday morning, taken by 李主任 and its price agreed with
 * the owner that day, was listed under 超24小时未回音 in the digests of the 9th, 10th and 11th. The owner knew the day:
 * the days before an agreed visit (or a promised time) are not silence (5.3). The day after it passes with no word is.
 */
describe('work waiting for a visit the owner agreed', () => {
  it('is not listed as silent before the visit, and is once a day has passed after it without a word', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    await tr.say('孙阿姨', 'owners', '想请人上门打扫卫生 8栋1单元602 周六上午', { mention: true });
    await tr.say('孙阿姨', 'owners', '确认');
    await tr.say('li', 'office', '接单 S0001');
    await tr.say('li', 'office', '回复 S0001 保洁两小时150元 可以吗');
    await tr.say('孙阿姨', 'owners', '好的');

    tr.clock.set('2026-12-10T18:00:00+08:00');
    const before = await digest();
    expect(before).toContain('在办 1');
    expect(before).not.toContain('超24小时未回音');

    // Saturday's window (09:00–12:00) passed on the 12th; by Sunday evening nobody has said anything.
    tr.clock.set('2026-12-13T18:00:00+08:00');
    expect(await digest()).toMatch(/超24小时未回音\(1\):\n {2}S0001 /);
  });

  it('work with no time agreed is listed after a day without a word, as before', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-12-09T18:00:00+08:00');
    expect(await digest()).toMatch(/超24小时未回音\(1\):\n {2}R0001 /);
  });
});
