import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): 陈文员's quote '回复 S0001 清洗油烟机收费120元,周六上午9点上门可以吗' was answered in the
 * owners' group with '可以的' (passed on) and then '太贵了 能便宜点吗', which met silence: the office never heard the owner
 * haggle. Words right after the owner's own answer go on with it (policy 4.2.2: the office negotiates with the owner).
 */
describe('an owner answering staff in two messages', () => {
  it('passes both on, and not what comes much later', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T09:00:00+08:00' });
    await tr.say('吴阿姨', 'owners', '有偿服务 清洗油烟机 6栋1单元401 周六上午');
    await tr.say('吴阿姨', 'owners', '确认');
    await tr.say('chen', 'office', '接单 S0001');
    await tr.say('chen', 'office', '回复 S0001 清洗油烟机收费120元,周六上午9点上门可以吗');
    expect((await tr.say('吴阿姨', 'owners', '可以的')).join('\n')).toContain('【业主补充】S0001:可以的');
    tr.clock.advance(60_000);
    expect((await tr.say('吴阿姨', 'owners', '太贵了 能便宜点吗')).join('\n')).toContain('【业主补充】S0001:太贵了 能便宜点吗');
    tr.clock.advance(3_600_000);
    expect((await tr.say('吴阿姨', 'owners', '今天天气真好')).join('\n')).not.toContain('【业主补充】');
  });
});
