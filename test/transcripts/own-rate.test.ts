import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Seen in play: 张工's '我的及时率' in the engineers' chat met silence. */
describe("an engineer's own timely rate", () => {
  it('is theirs to see (policy 5.5 分处理人); the estate’s and other people’s stay with the office', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀芯');
    const own = (await tr.say('zhang', 'engineering', '我的及时率')).join('\n');
    expect(own).toContain('张工');
    expect(own).toContain('及时率 100%(1/1)');
    expect((await tr.say('zhang', 'engineering', '李主任的及时率')).join('\n')).toContain('管理处和主任、领导看的汇总');
    expect((await tr.say('zhang', 'engineering', '及时率多少')).join('\n')).toContain('管理处和主任、领导看的汇总');
    // In the owners' group it is nobody's report.
    expect((await tr.say('王女士', 'owners', '我的及时率')).join('\n')).not.toContain('及时率 ');
  });
});
