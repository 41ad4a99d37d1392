import { afterEach, describe, expect, it } from 'vitest';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { render, Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

/**
 * field9 notes: the complaint entry a stalled repair opens (4.3.1.5, a C… number) is itself a complaint nobody holds,
 * so the complaint clocks chase it, and nothing asserted that. What should happen: it is the office head's own work
 * (the owner has complained and is to be contacted at once, 5.2; 3.1 the head settles complaints), so it is chased like
 * any complaint until someone takes it. Taking it stops the complaint's chase; the repair keeps its own clock, to its
 * holder, until it is done.
 */
describe('the 4.3.1.5 complaint entry of a stalled repair', () => {
  it('is chased to the head until someone takes it; the repair is chased on its own', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-11-30T09:05:00+08:00');
    await scan();
    tr.clock.set('2026-11-30T10:05:00+08:00');
    await tr.say('王女士', 'owners', '催单 R0001');
    tr.clock.set('2026-11-30T14:05:00+08:00');
    expect(await tr.say('王女士', 'owners', '催单 R0001')).toContain(
      '[office] 【有效投诉 4.3.1.5】R0001 5栋2单元502 厨房水管漏水 已到期未办,业主催办2次仍未办理,已记入投诉记录表 C0001,请主任跟进。',
    );
    const entry = async () => (await scan()).filter((l) => l.includes('C0001'));

    tr.clock.set('2026-11-30T15:05:00+08:00');
    // The entry's description is cut with …, so the line does not read as if the owner had waited (…业主 已60分钟).
    expect(await entry()).toEqual(['[office] 【无人接单】C0001 5栋2单元502 R0001「厨房水管漏水」到期未办,业主… 已60分钟仍无人接单(管理处主任),请主任安排。派单 C0001 姓名']);
    tr.clock.set('2026-11-30T19:05:00+08:00');
    expect(await entry()).toEqual([expect.stringMatching(/^\[office\] 【投诉无人接单】C0001 .*已5小时仍无人接单/)]);

    await tr.say('li', 'office', '接单 C0001');
    tr.clock.set('2026-12-01T15:05:00+08:00');
    expect((await entry()).filter((l) => l.includes('无人'))).toEqual([]);
    tr.clock.set('2026-12-02T09:05:00+08:00');
    const day = await scan();
    expect(day.filter((l) => l.includes('C0001'))).toEqual([]);
    expect(day).toEqual([expect.stringMatching(/^\[engineering\] 【每日督办】@张工 R0001 /)]);
  });
});
