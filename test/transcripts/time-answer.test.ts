import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** The answer to 什么时间方便师傅上门 (policy 4.2.1.1: finished within the owner's appointment time), as owners give it. */
describe('the time answer, with more in it', () => {
  it('a phone said with the time is kept, in any format, and shown masked in the group', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主A', 'owners', '报修 3栋2单元1101 阳台下水道堵了');
    const out = await tr.say('业主A', 'owners', '后天上午 电话是 138-2222-3335');
    expect(out.at(-1)).toContain('时间:11月29日 09:00–12:00');
    expect(out.at(-1)).toContain('电话:138****3335');
    expect(out.at(-1)).not.toContain('电话:未留');
    expect(out.join('\n')).not.toMatch(/138-?2222-?3335/);
  });

  it('"现在就要来" is as soon as possible (随时), not a working day gone by', async () => {
    // 05:20 in the morning: chrono read 现在 as a working day, and the read-back said yesterday's date.
    tr = await Transcript.open({ classify: 'shipped', start: '2026-11-27T05:20:00+08:00' });
    await tr.say('业主B', 'owners', '报修 7栋503 门锁坏了进不去');
    const out = await tr.say('业主B', 'owners', '现在就要来 我在门口等 电话13922223336');
    expect(out.at(-1)).toContain('时间:随时');
    expect(out.at(-1)).toContain('电话:139****3336');
    expect(out.at(-1)).not.toContain('11月26日');
  });
});

describe('water pouring in from above is an emergency', () => {
  it('"楼上水一直往下灌 我家天花板都在流水" is recorded at once for the engineers; a drip from upstairs is not', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const pour = await tr.say('业主E', 'owners', '楼上水一直往下灌 我家天花板都在流水 9栋801', { mention: true });
    expect(pour[0]).toContain('【紧急】已登记 R0001');
    expect((await tr.store.getTicket('R0001'))?.urgent).toBe('水淹/爆管');
    const drip = await tr.say('业主F', 'owners', '楼上漏水到我家卫生间天花板了 滴滴答答的 9栋701', { mention: true });
    expect(drip.join('\n')).not.toContain('【紧急】');
  });
});

describe('an emergency said as a request', () => {
  it('"报修 5栋2单元502 厨房水管爆了" keeps what happened, not the request word, in the description (seen in the fresh-clone replay)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管爆了 到处是水 13800138000');
    expect(out[0]).toContain('【紧急】已登记 R0001');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('厨房水管爆了 到处是水');
  });
});
