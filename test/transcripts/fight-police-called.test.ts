import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12, field13): '@回音 7栋有人打架 已经报警了' was asked 请问这是:报修、投诉还是咨询?. A fight the owner
 * has called the police to is going on and serious: the guards go at once and meet the police (policy 4.2.1, the unit
 * concerned helps unconditionally; 3.1, relayed at once). 打架 alone, or told afterwards, stays no emergency.
 */
describe('a fight the police were called to', () => {
  it('sends the guards at once and tells the owner', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = (await tr.say('小赵', 'owners', '7栋有人打架 已经报警了', { mention: true })).join('\n');
    expect(out).toContain('[owners] @小赵 【紧急】已登记 S0001');
    expect(out).toContain('秩序部马上派人赶到');
    expect(out).toMatch(/\[security\] 【紧急】S0001 治安事件/);
    expect(out).toContain('地点:7栋');
    const [ticket] = await tr.store.listTickets();
    expect(ticket).toMatchObject({ unit: 'security', urgent: '治安事件' });
  });

  it('a fight told afterwards, or the police only asked about, is not', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('小钱', 'owners', '昨天楼下有人打架 物业也不管', { mention: true })).join('\n')).not.toContain('【紧急】');
    expect((await tr.say('小孙', 'owners', '楼下有人吵架 要不要报警啊', { mention: true })).join('\n')).not.toContain('【紧急】');
  });
});
