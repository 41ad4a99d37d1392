import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "保安态度很差 他电话是0755 8322 1234 你们自己打" was read back with 电话:0755-****1234 as the owner's and
 * 内容:保安态度很差 他 你们自己打. A number said to be someone else's (rules/vocabulary/conversation.yaml others_phone:
 * 他, 师傅, 经理 …) is not the owner's contact (policy 4.1.1 记清楚): it stays in 内容 as said, masked in the group like
 * every number, and a repair still asks the owner for their own.
 */
describe("someone else's phone in a request", () => {
  it('stays in 内容 and is not the owner’s 电话', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '保安态度很差 他电话是0755 8322 1234 你们自己打', { mention: true })).join('\n');
    expect(readBack).toContain('内容:保安态度很差 他电话是0755-****1234 你们自己打\n');
    expect(readBack).not.toContain('电话:0755');
    expect(readBack).not.toContain('8322');
    await tr.say('王女士', 'owners', '确认');
    const complaint = await tr.store.getTicket('C0001');
    expect(complaint?.owner.phone).toBeUndefined();
    expect(complaint?.description).toBe('保安态度很差 他电话是0755 8322 1234 你们自己打');
  });

  it('in a repair, the owner is still asked for their own number, and one said beside it is theirs', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('陈女士', 'owners', '报修 5栋503 马桶堵了 上次来的师傅电话是13912345678 还是找他');
    const readBack = (await tr.say('陈女士', 'owners', '随时')).join('\n');
    expect(readBack).toContain('内容:马桶堵了 上次来的师傅电话是139****5678 还是找他\n');
    expect(readBack).toContain('电话:未留');
    await tr.say('陈女士', 'owners', '13700137000');
    await tr.say('陈女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('13700137000');

    await tr.say('刘先生', 'owners', '报修 5栋502 厨房水管漏了 师傅的电话13912345678 我电话13800138000');
    const second = (await tr.say('刘先生', 'owners', '随时')).join('\n');
    expect(second).toContain('电话:138****8000');
    expect(second).toContain('内容:厨房水管漏了 师傅的电话139****5678\n');

    // "师傅来了打电话…" is the owner's own number for the engineer to call.
    await tr.say('李先生', 'owners', '报修 5栋601 灯坏了 师傅来了打电话13812345678');
    expect((await tr.say('李先生', 'owners', '随时')).join('\n')).toContain('电话:138****5678');
  });

  it("a family member's number is the household's contact (我老婆 她电话…), a neighbour's (楼上王先生 他电话…) is not", async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('李先生', 'owners', '报修 5栋502 厨房水管漏了 我老婆在家 她电话13912345678');
    expect((await tr.say('李先生', 'owners', '随时')).join('\n')).toContain('电话:139****5678');
    await tr.say('赵女士', 'owners', '投诉 楼上王先生家里天天漏水到我家 他电话13612345678', { mention: true });
    await tr.say('赵女士', 'owners', '6栋302');
    await tr.say('赵女士', 'owners', '确认');
    const neighbours = (await tr.store.listTickets()).find((t) => t.description.includes('王先生'));
    expect(neighbours).toBeDefined();
    expect(neighbours?.owner.phone).toBeUndefined();
  });
});
