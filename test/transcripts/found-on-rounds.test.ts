import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): 王队长's '登记 巡逻发现 6栋楼道灯不亮' was recorded with 业主:巡逻发现, the words taken
 * for a caller's name. Found on the rounds, there is no caller: the record says who found it (policy 3.2).
 */
describe('a matter staff found on their rounds', () => {
  it('is recorded as found by that member of staff, not by a caller named 巡逻发现', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const said = (await tr.say('wang', 'security', '登记 巡逻发现 6栋楼道灯不亮')).join('\n');
    expect(said).toContain('已登记 R0001');
    expect(said).toContain('业主:王队长(巡查发现)');
    expect(said).not.toContain('业主:巡逻发现');
    // A caller is still a caller.
    const called = (await tr.say('chen', 'office', '登记 业主王先生来电 5栋1单元302 卫生间下水堵了 电话13811112222 明天上午')).join('\n');
    expect(called).toContain('业主:王先生');
  });
});
