import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): 李主任's 查 with no number got only 格式:查 R0001, a dead end for a head who wanted to
 * see the work. It now lists the open work in scope, as 待办 does, and says how to see one (policy 4.2.1.1).
 */
describe('查 with no number', () => {
  it('lists the open work and how to see one', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('刘阿姨', 'owners', '报修 8栋2单元601 厨房下水堵了 明天上午');
    await tr.say('刘阿姨', 'owners', '确认');
    const listed = (await tr.say('li', 'office', '查')).join('\n');
    expect(listed).toContain('R0001 报修 · 待受理 · 8栋2单元601 厨房下水堵了');
    expect(listed).toContain('「查 R0001」');
    expect(listed).not.toContain('格式');
    // The owner's group still gets no staff view.
    expect((await tr.say('li', 'owners', '查')).join('\n')).not.toContain('R0001 报修');
  });
});
