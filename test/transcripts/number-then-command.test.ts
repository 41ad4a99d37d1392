import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play in the owners' group: 'R0001 取消' (the number first, as owners copy it from 已登记,编号 R0001) met
 * silence, and the engineer still came, while '取消 R0001' cancels. The number said first and then an owner's command
 * on one ticket (取消, 催单, 补充, 查询) is that command.
 */
describe('a ticket number, then the command', () => {
  it('cancels and adds to the ticket named, only the owner’s own', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 12栋3单元1801 厨房下水道堵了 周六上午');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('王女士', 'owners', '报修 12栋3单元1801 卫生间灯不亮 随时');
    await tr.say('王女士', 'owners', '确认');
    const added = (await tr.say('王女士', 'owners', 'R0002 补充 客厅的灯也不亮')).join('\n');
    expect(added).toContain('R0002');
    expect((await tr.store.getTicket('R0002'))?.history.some((e) => JSON.stringify(e).includes('客厅的灯也不亮'))).toBe(true);
    // Another owner's number: refused, nothing changes.
    expect((await tr.say('刘先生', 'owners', 'R0001 取消')).join('\n')).not.toContain('已取消');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
    const cancelled = (await tr.say('王女士', 'owners', 'R0001 取消')).join('\n');
    expect(cancelled).toContain('[engineering]');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('closed');
    expect((await tr.store.getTicket('R0002'))?.status).toBe('open');
  });
});
