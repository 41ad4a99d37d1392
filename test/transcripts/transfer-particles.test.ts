import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.2.1: the office decides which unit a matter concerns and passes it on. Seen in play: "R0001转给财务部吧" was
 * answered 没有「财务部吧」这个部门, and "转给秩序部吧" was refused the same way though 秩序部 exists.
 */
describe('转 with a particle after the unit', () => {
  it('转给秩序部吧 transfers to 秩序部; 转给财务部吧 names 「财务部」 and the units there are; 转工程班一下 is 工程班', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 随时');
    await tr.say('王女士', 'owners', '确认');
    expect(await tr.say('li', 'office', 'R0001转给财务部吧')).toEqual(['[office] 没有「财务部」这个部门,可写:工程班、管理处、秩序部、主任、领导。']);
    expect((await tr.store.getTicket('R0001'))?.unit).toBe('engineering');
    expect((await tr.say('li', 'office', 'R0001转给秩序部吧'))[0]).toBe('[office] R0001 已转交秩序部。');
    expect((await tr.store.getTicket('R0001'))?.unit).toBe('security');
    expect((await tr.say('li', 'office', '转 R0001 工程班一下 业主说是水管'))[0]).toBe('[office] R0001 已转交工程班。');
    expect((await tr.store.getTicket('R0001'))?.unit).toBe('engineering');
  });
});
