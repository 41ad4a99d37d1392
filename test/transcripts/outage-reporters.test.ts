import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Policy 4.3.2.4: the owners who reported one outage hear its progress; in their group, once, all named. */
describe('owners joined to one outage', () => {
  it('in the group one message @-mentions all of them; an owner who reported in private gets their own', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋停水了 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('李先生', 'owners', '5栋停水了');
    await tr.say('周姐', 'owners', '5栋也停水了');
    await tr.say('小刘', 'dm', '5栋停水了');
    const number = (await tr.store.listTickets()).at(-1)!.number;
    const out = await tr.say('chen', 'office', `回复 ${number} 水务公司在抢修 下午3点恢复`);
    const toGroup = out.filter((line) => line.startsWith('[owners]'));
    expect(toGroup).toHaveLength(2);
    expect(toGroup[0]).toMatch(/^\[owners\] @王女士 /);
    expect(toGroup[1]).toMatch(/^\[owners\] @李先生 @周姐 【您报告的停水 .* 进展】水务公司在抢修 下午3点恢复/);
    expect(out.filter((line) => line.startsWith('[dm]'))).toHaveLength(1);
  });
});
