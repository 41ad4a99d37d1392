import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field11 notes): 李主任's '派单 R0001' with no name got only 格式:派单 R0001 张工, and the office had to
 * know every name by heart. It now says who the work can go to, the ticket's own unit first (policy 3.2 派单).
 */
describe('派单 with a ticket and no name', () => {
  it('lists who can take it, by unit, the ticket’s unit first, and a name then assigns it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    const whom = (await tr.say('li', 'office', '派单 R0001')).join('\n');
    expect(whom).toContain('派给谁?请发「派单 R0001 姓名」。\n工程班:张工\n');
    expect(whom).toContain('秩序部:王队长');
    expect(whom).not.toContain('赵总');
    expect((await tr.say('li', 'office', '派单 R0001 张工')).join('\n')).toContain('R0001 已派给 张工');
  });
});
