import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 4.2.1 (the units a matter concerns help unconditionally), 3.1: someone shut in a lift is the engineers' to open,
 * and the guards' to answer the intercom, calm the people inside and meet the rescuers. Seen in play: "电梯里关了人"
 * alerted 工程班, the office and leadership, and 王队长 in the security chat never heard.
 */
describe('a lift entrapment alerts security as well as the engineers', () => {
  it('电梯里关了人: the security chat gets the 【紧急】 notice, the owner hears both units are coming, and 王队长 can take his part', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T11:45:00+08:00' });
    const out = await tr.say('业主A', 'owners', '3栋电梯里关了人 快来');
    expect(out[0]).toContain('【紧急】已登记 R0001,已同时通知工程班、秩序部、管理处主任和公司领导,工程班、秩序部马上派人赶到。');
    const security = out.filter((l) => l.startsWith('[security]'));
    expect(security).toHaveLength(1);
    expect(security[0]).toContain('【紧急】R0001 电梯困人:工程班、秩序部请立即赶到现场');
    // The engineers still hold it (a lift is a repair, 4.2.1.1); the guards help and say so.
    expect(await tr.store.getTicket('R0001')).toMatchObject({ unit: 'engineering', category: 'repair' });
    expect((await tr.say('wang', 'security', '接单 R0001'))[0]).toContain('秩序部 王队长 协助处理 R0001(由工程班负责)');
    // What the owner adds reaches the guards too.
    expect(await tr.say('业主A', 'owners', '按警铃没人应')).toContain('[security] 【紧急补充】R0001 电梯困人:按警铃没人应');
  });
});
