import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13, lead): 王队长's '登记 3栋大堂 灯不亮 巡逻发现' reached 工程班 as 地点:3栋大堂 内容:3栋大堂 灯不亮
 * 巡逻发现 with 业主:3栋大堂: the place twice, the words saying he found it on his rounds taken for the matter. The place on
 * the record leaves 内容 as in an owner's intake, and 巡逻发现 said last means there is no caller (policy 3.2, 4.1.1
 * 记清楚); a caller named after the matter ('李先生来电') takes 来电 with the name.
 */
describe('a public place registered by staff', () => {
  it('is not kept in 内容, and found-on-rounds said last names who found it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const said = (await tr.say('wang', 'security', '登记 3栋大堂 灯不亮 巡逻发现')).join('\n');
    expect(said).toContain('地点:3栋大堂\n');
    expect(said).toContain('内容:大堂 灯不亮\n');
    expect(said).toContain('业主:王队长(巡查发现)');
    const [ticket] = await tr.store.listTickets();
    expect(ticket!.description).toBe('大堂 灯不亮');
  });

  it('a caller named after the matter takes 来电 with the name', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const said = (await tr.say('chen', 'office', '登记 5栋门口 路灯坏了 李先生来电')).join('\n');
    expect(said).toContain('地点:5栋门口\n');
    expect(said).toContain('内容:路灯坏了\n');
    expect(said).toContain('业主:李先生');
  });
});
