import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.2.1 (the units a matter concerns help unconditionally), 3.1 (a major matter reaches leadership at once): a
 * gas smell is the engineers' to shut the valve and call the gas company, and the guards' to clear the stairwell, keep
 * flames and people away and meet the gas crew at the gate. Seen in play: "3栋1单元楼道里一股煤气味很大" alerted 工程班,
 * the office and leadership, and 王队长 in the security chat never heard.
 */
describe('a gas smell alerts security as well as the engineers', () => {
  it('煤气味很大: the security chat gets the 【紧急】 notice, the owner hears both units are coming, 王队长 helps', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T14:20:00+08:00' });
    const out = await tr.say('业主A', 'owners', '3栋1单元楼道里一股煤气味很大');
    expect(out[0]).toContain('【紧急】已登记 R0001,已同时通知工程班、秩序部、管理处主任和公司领导,工程班、秩序部马上派人赶到。');
    const security = out.filter((l) => l.startsWith('[security]'));
    expect(security).toHaveLength(1);
    expect(security[0]).toContain('【紧急】R0001 燃气泄漏:工程班、秩序部请立即赶到现场');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ unit: 'engineering', category: 'repair' });
    expect((await tr.say('wang', 'security', '接单 R0001'))[0]).toContain('秩序部 王队长 协助处理 R0001(由工程班负责)');
    expect(await tr.say('业主A', 'owners', '味道越来越大了')).toContain('[security] 【紧急补充】R0001 燃气泄漏:味道越来越大了');
  });

  it('燃气泄漏 said in a private chat reaches the guards too', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T14:20:00+08:00' });
    const out = await tr.say('业主B', 'dm', '5栋2单元燃气泄漏了 快来人');
    expect(out[0]).toContain('秩序部');
    expect(out.some((l) => l.startsWith('[security]') && l.includes('燃气泄漏'))).toBe(true);
  });
});
