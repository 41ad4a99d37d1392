import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const owners = (lines: string[]) => lines.filter((l) => l.startsWith('[owners]'));

describe('two matters in one message (seen in play: a leak went to the office head as a fee complaint)', () => {
  it('the first is taken in and recorded for its unit; the second is offered after it, and 登记 records it for its own', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const first = owners(await tr.say('王女士', 'owners', '5栋2单元502 厨房水管漏水,另外这个月物业费怎么多收了200块', { mention: true })).join('\n');
    expect(first).toContain('您说的是两件事,先登记这一件;「这个月物业费怎么多收了200块」登记完这件再帮您登记。');
    await tr.say('王女士', 'owners', '随时');
    const recorded = await tr.say('王女士', 'owners', '确认');
    expect(recorded.join('\n')).toMatch(/\[engineering\] 【新报修】R0001[^\n]*\n地点:5栋2单元502\n内容:厨房水管漏水\n/);
    expect(owners(recorded).join('\n')).toContain('另外您说的「这个月物业费怎么多收了200块」是另一件事(投诉),需要也登记吗?回复「登记」。');
    const second = owners(await tr.say('王女士', 'owners', '登记')).join('\n');
    expect(second).toContain('内容:这个月物业费怎么多收了200块');
    const done = await tr.say('王女士', 'owners', '确认');
    expect(done.join('\n')).toMatch(/\[office\] 【新有效投诉】C0001/);
    expect((await tr.store.listTickets()).map((t) => `${t.number} ${t.unit}`).sort()).toEqual(['C0001 office_head', 'R0001 engineering']);
  });

  it('clauses of one matter, or a second clause without an opening word, stay one record', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = owners(await tr.say('刘先生', 'owners', '5栋2单元502 楼上漏水,天花板都湿了', { mention: true })).join('\n');
    expect(out).not.toContain('两件事');
    const thanks = owners(await tr.say('孙女士', 'owners', '报修 3栋1单元201 楼道灯坏了,另外谢谢你们上次修得很快')).join('\n');
    expect(thanks).not.toContain('两件事');
  });
});
