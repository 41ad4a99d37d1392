import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** A wrong command gets one line saying what is wrong, and nothing changes (ARCHITECTURE: staff command boundary). */
describe('转 to a unit the estate does not have', () => {
  it('an estate with no engineering chat: 转 工程班 is refused by name, 转 财务 lists only the units it has, and the ticket is as it was', async () => {
    tr = await Transcript.open({ configure: (c) => ({ ...c, chats: c.chats.filter((chat) => chat.role !== 'engineering') }) });
    await tr.say('王女士', 'owners', '投诉 物业前台态度很差 5栋502');
    await tr.say('王女士', 'owners', '确认');
    const before = (await tr.store.getTicket('C0001'))!;
    expect(before.unit).not.toBe('engineering');
    expect(await tr.say('li', 'office', '转 C0001 工程班 他们来看看')).toEqual([
      '[office] 本小区没有配置工程班(「工程班」),转不过去,工单没有改动。可写:管理处、秩序部、主任、领导。',
    ]);
    expect(await tr.say('li', 'office', '转 C0001 财务')).toEqual(['[office] 没有「财务」这个部门,可写:管理处、秩序部、主任、领导。']);
    const after = (await tr.store.getTicket('C0001'))!;
    expect(after.unit).toBe(before.unit);
    expect(after.history).toHaveLength(before.history.length);
  });
});
