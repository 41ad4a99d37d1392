import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12): '@回音 快递柜坏了 取不出来' was read back as a repair for 工程班, who cannot open a locker the
 * courier company runs; '@回音 丰巢快递柜坏了 取不出来' was an assist matter, but the owner read that the office would contact
 * 供水/供电/燃气/通信等运营单位. Policy 4.3.2.4: problems of units that run something on the estate (指由其它单位管理的) are
 * assist matters; the office takes them up with that unit. The locker's operator is now named
 * (rules/vocabulary/conversation.yaml operators) and the rule is rules/assist.yaml assist.parcel_locker.
 */
describe('a parcel locker that will not open is the locker company\'s (policy 4.3.2.4)', () => {
  it('is an assist matter for the office, naming the locker company; a lamp beside it is still a repair', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '快递柜坏了 取不出来', { mention: true })).join('\n');
    expect(readBack).toContain('地点:快递柜\n内容:快递柜坏了 取不出来\n处理:管理处联系快递柜运营公司协调处理,有进展会告诉您');
    const recorded = (await tr.say('王女士', 'owners', '确认')).join('\n');
    expect(recorded).toContain('这件事需要快递柜运营公司配合处理,管理处会帮您联系协调');
    expect(await tr.store.getTicket('C0001')).toMatchObject({ category: 'assist', clause: '4.3.2.4', unit: 'office' });

    expect((await tr.say('李先生', 'owners', '3栋丰巢柜子屏幕黑了 件取不出来', { mention: true })).join('\n')).toContain('处理:管理处联系快递柜运营公司协调处理');
    // Cantonese (坏咗, 攞唔到: seen in play as a repair).
    expect((await tr.say('周先生', 'owners', '快递柜坏咗 攞唔到件', { mention: true })).join('\n')).toContain('处理:管理处联系快递柜运营公司协调处理');
    // An outage still names its supplier.
    expect((await tr.say('赵女士', 'owners', '5栋停水了', { mention: true })).join('\n')).toContain('处理:管理处联系供水公司,了解原因和恢复时间');
    // Something beside the locker is the estate's own: a repair.
    await tr.say('孙先生', 'owners', '快递柜旁边那盏灯不亮了 晚上取件看不见', { mention: true });
    await tr.say('孙先生', 'owners', '确认');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ category: 'repair', unit: 'engineering' });
  });
});
