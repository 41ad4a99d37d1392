import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 王队长's 接单 R0002, a repair 张工 holds, heard only 工单 R0002 不在您负责的范围内: not whose it is, nor
 * whom to ask. The refusal now names the unit and the handler, and the desk that moves work between units (policy 3.1).
 */
describe("another unit's work", () => {
  it('is refused with whose it is and whom to ask', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    await tr.say('业主周', 'owners', '报修 3栋1单元1202 卫生间灯不亮 电话13912345678 随时');
    await tr.say('业主周', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    const refused = (await tr.say('wang', 'security', '完成 R0001 好了')).join('\n');
    expect(refused).toContain('工程班(张工)');
    expect(refused).toContain('主任或管理处');
    expect((await tr.store.getTicket('R0001' as never))?.status).toBe('accepted');
  });
});
