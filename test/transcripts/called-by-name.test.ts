import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "物业你好 我家3栋1单元801卫生间马桶堵了" was read back, and sent to the engineers, as
 * "内容:物业你好 卫生间马桶堵了". Calling the office by name is how owners start; it is not the problem.
 */
describe('the office called by name before the matter', () => {
  it('"物业你好" and "管家," are left out of the description; "物业的人…" is part of it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const first = (await tr.say('刘阿姨', 'owners', '报修 物业你好 我家3栋1单元801卫生间马桶堵了 下午在家 13912345678')).join('\n');
    expect(first).toContain('内容:卫生间马桶堵了');
    await tr.say('刘阿姨', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('卫生间马桶堵了');

    const second = (await tr.say('小周', 'owners', '管家,5栋2单元302 楼道灯坏了 电话13800001111 随时', { mention: true })).join('\n');
    expect(second).toContain('内容:楼道灯坏了');

    const third = (await tr.say('小王', 'owners', '报修 物业的人上次没修好 6栋1单元101 水龙头还是滴 13800001112 随时')).join('\n');
    expect(third).toContain('内容:物业的人上次没修好 水龙头还是滴');
  });
});
