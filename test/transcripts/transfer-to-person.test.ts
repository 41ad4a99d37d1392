import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 李主任's "把R0002转给张工" got 没有「张工」这个部门: a person named where 转 expects a unit. From the desk
 * (who may 派单) it is 派单 to that person; anyone else is told who gives work to a person and how to send it to the unit.
 */
describe('转 to a person', () => {
  it('from the head gives the work to 张工; from 王队长 says how', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    await tr.say('业主周', 'owners', '报修 3栋1单元1202 卫生间灯不亮 电话13912345678 随时');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '转 R0001 秩序部');

    const fromGuard = (await tr.say('wang', 'security', '转 R0001 张工')).join('\n');
    expect(fromGuard).toContain('派单 R0001 张工');
    expect(fromGuard).toContain('转 R0001 工程班');
    expect((await tr.store.getTicket('R0001' as never))?.unit).toBe('security');

    const fromHead = await tr.say('li', 'office', '把R0001转给张工');
    expect(fromHead.join('\n')).toContain('R0001 已派给 张工');
    expect(fromHead.some((l) => l.startsWith('[engineering]'))).toBe(true);
    const ticket = await tr.store.getTicket('R0001' as never);
    expect(ticket?.handler?.name).toBe('张工');
  });
});
