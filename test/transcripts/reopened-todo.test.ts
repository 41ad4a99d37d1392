import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Policy 5.6: work reopened after it was done says so, with why and when, wherever 待办 lists it. */
describe('a reopened ticket in 待办', () => {
  it('the owner\'s 不满意 puts it under 重开待跟进 in the head\'s 待办, and the handler\'s line says 【重开】 with why and when', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀门');
    tr.clock.advance(60 * 60_000);
    expect((await tr.say('王女士', 'owners', '不满意 还是漏水')).join('\n')).toContain('已重新打开');
    const head = (await tr.say('li', 'office', '待办'))[0]!;
    expect(head).toContain('【重开待跟进】1 件');
    expect(head).toMatch(/R0001 报修 · 处理中 · 张工 · 5栋502 厨房水管漏水 · 【重开】.*还是漏水.*\(11月27日 10:0\d\)/);
    expect((await tr.say('zhang', 'engineering', '待办'))[0]).toMatch(/R0001 .* · 【重开】.*还是漏水.*\(11月27日 10:0\d\)/);
  });

  it('重开 by the office: the reason shows on the line of a ticket nobody holds', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 6栋101 门锁坏了 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('li', 'office', '取消 R0001 业主自己修好了');
    expect((await tr.say('li', 'office', '重开 R0001 业主来电说锁又坏了'))[0]).toContain('R0001');
    expect((await tr.say('chen', 'office', '待办'))[0]).toContain('门锁坏了 · 【重开】业主来电说锁又坏了(11月27日 09:00) · 待接单');
  });
});
