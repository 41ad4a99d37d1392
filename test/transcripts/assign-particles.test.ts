import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.2.1.1 (tell the engineers at once and see the work is arranged), 3.1 (the desk relays): the office head or
 * clerk sends waiting work to a named engineer, in the words they use under the notice. Seen in play: "派单给张工吧" and
 * "派给张工吧" got no answer at all, and "R0001派给张工吧" was answered 没有名为「张工吧」的工作人员.
 */
describe('派单 as the desk says it: with 吧 after the name, and without a number', () => {
  it('派单给张工吧 sends the one waiting ticket; R0001派给张工吧 is 张工; several waiting are listed', async () => {
    tr = await Transcript.open({ start: '2026-12-07T14:30:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    const sent = await tr.say('li', 'office', '派单给张工吧');
    expect(sent[0]).toBe('[office] R0001 已派给 张工。');
    expect(sent.some((l) => l.startsWith('[engineering] @张工 派给你'))).toBe(true);
    expect((await tr.store.getTicket('R0001'))?.handler?.name).toBe('张工');

    await tr.say('刘先生', 'owners', '报修 3栋大堂灯坏了');
    await tr.say('刘先生', 'owners', '确认');
    await tr.say('赵女士', 'owners', '报修 6栋1单元楼道灯不亮');
    await tr.say('赵女士', 'owners', '确认');
    const which = (await tr.say('chen', 'office', '派给张工吧'))[0]!;
    expect(which).toContain('是哪一件?请写上编号,格式:派单 R0001 张工');
    expect(which).toContain('R0002');
    expect(which).toContain('R0003');
    expect((await tr.say('chen', 'office', 'R0003派给张工吧'))[0]).toBe('[office] R0003 已派给 张工。');
    expect((await tr.say('chen', 'office', '派单 R0002 张工处理'))[0]).toBe('[office] R0002 已派给 张工。');
  });

  it('an unknown name is named as meant; 派人去看看 is a sentence; an engineer cannot 派单', async () => {
    tr = await Transcript.open({ start: '2026-12-07T14:30:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.say('li', 'office', '派给王五吧'))[0]).toMatch(/^\[office\] 没有名为「王五」的工作人员。/);
    expect(await tr.say('li', 'office', '派人去看看')).toEqual([]);
    expect((await tr.say('zhang', 'engineering', '派给张工吧'))[0]).toBe('[engineering] 派单需要主任、领导或管理处来操作。');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
  });
});
