import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.1.1 (复清楚: read back what the owner asked) and 4.3.2.4 (a utility's outage is an assist matter). Seen in
 * play: "报修 5栋停水了" was read back as 类别:投诉, a complaint the owner never made; the office's verdict is for staff.
 */
describe('the owner reads back the word they asked with', () => {
  it('报修 5栋停水了: read back and named to the owner as 报修, recorded as an assist matter (4.3.2.4) for the office to take up with the utility', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T12:04:00+08:00' });
    const readBack = (await tr.say('业主A', 'owners', '报修 5栋停水了'))[0]!;
    expect(readBack).toContain('类别:报修');
    expect(readBack).not.toContain('类别:投诉');
    const done = await tr.say('业主A', 'owners', '确认');
    expect(done[0]).toContain('管理处联系供水公司');
    expect(done.find((l) => l.startsWith('[office]'))).toContain('【新协助处理】C0001  条款 4.3.2.4');
    expect(await tr.store.getTicket('C0001')).toMatchObject({ category: 'assist', clause: '4.3.2.4', party: 'utility', unit: 'office' });
    expect((await tr.say('业主A', 'owners', '查询 C0001'))[0]).toContain('C0001 报修 · 待受理');
    expect((await tr.say('chen', 'office', '接单 C0001')).find((l) => l.startsWith('[owners]'))).toContain('您的报修 C0001 已由');
  });

  it('staff deciding what it is (定性) is what the owner reads from then on', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主A', 'owners', '报修 5栋停水了');
    await tr.say('业主A', 'owners', '确认');
    expect((await tr.say('li', 'office', '定性 C0001 有效投诉'))[0]).toContain('C0001');
    expect((await tr.store.getTicket('C0001'))?.asked).toBeUndefined();
    expect((await tr.say('业主A', 'owners', '查询 C0001'))[0]).toContain('C0001 投诉');
  });
});
