import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field14): after 您的报修 R0001 已由 张工 受理 (or 已转交管理处处理), the owner's '怎么又换人了' /
 * '为什么转给管理处了' in the group met silence. The owner's question about who holds the work, right after the notice,
 * goes to whoever holds it as 【业主补充】. A neighbour's same words, or the owner's hours later, are left alone.
 */
describe('the owner asking why the work changed hands', () => {
  it('goes to whoever holds it, right after the notice', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T10:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 明天上午 13800138000');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.say('zhang', 'engineering', '接单 R0001')).join('\n')).toContain('已由 张工 受理');
    const asked = (await tr.say('王女士', 'owners', '怎么又换人了')).join('\n');
    expect(asked).toContain('【业主补充】R0001:怎么又换人了');
    expect(asked).toContain('张工');
    expect(await tr.say('李先生', 'owners', '怎么又换人了')).toEqual([]);
    await tr.say('li', 'office', '转 R0001 管理处');
    const why = (await tr.say('王女士', 'owners', '为什么转给管理处了')).join('\n');
    expect(why).toContain('【业主补充】R0001:为什么转给管理处了');
    tr.clock.advance(3 * 3_600_000);
    expect(await tr.say('王女士', 'owners', '怎么又换人了')).toEqual([]);
  });
});
