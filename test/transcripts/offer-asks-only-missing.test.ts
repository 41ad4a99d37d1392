import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12 task): '3栋的垃圾两天没人收' in the owners' group was offered 需要我帮您登记吗?回复「登记」,或直接发房号
 * 和电话: a complaint about the office's cleaning (4.2.3) that names its building needs no room (it is the place, 0451970)
 * and a complaint asks no phone, so the owner was asked for what the intake never wants (四清楚: ask only what is missing,
 * policy 4.1.1). The offer now invites what the intake would ask, and nothing else.
 */
describe('an offer asks only for what is missing', () => {
  it('a public-area complaint needs 登记 only; a repair without a room still asks both', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect(await tr.say('王女士', 'owners', '3栋的垃圾两天没人收')).toEqual([expect.stringMatching(/^\[owners\] @王女士 需要我帮您登记吗\?回复「登记」即可。$/)]);
    expect((await tr.say('王女士', 'owners', '登记')).join('\n')).toContain('地点:3栋\n内容:垃圾两天没人收');
    expect(await tr.say('李先生', 'owners', '厨房水管漏水了 一直在滴')).toEqual([expect.stringMatching(/需要我帮您登记吗\?回复「登记」,或直接发房号和电话。$/)]);
    expect(await tr.say('赵女士', 'owners', '5栋502 厨房水管漏水了 一直在滴')).toEqual([expect.stringMatching(/需要我帮您登记吗\?回复「登记」,或直接发电话。$/)]);
  });
});
