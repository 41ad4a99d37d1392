import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: '快递柜坏了 取不出来' drew the offer, and the owner answered where it is, '是5栋门口那个'. It was read back
 * 地点:5栋 (the building taken as an outage's place: the locker's operator is another unit, 4.3.2.4, like the power
 * company) and 内容:快递柜坏了 取不出来 门口那个. A thing at a place is where it is; an outage stays its building's.
 */
describe('where another unit’s thing is, said after the offer', () => {
  it('is the place, and 那个 pointing back at the thing leaves nothing behind', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('马女士', 'owners', '快递柜坏了 取不出来')).join('\n')).toContain('需要我帮您登记吗');
    const readBack = (await tr.say('马女士', 'owners', '是5栋门口那个')).join('\n');
    expect(readBack).toContain('地点:5栋门口\n');
    expect(readBack).toContain('内容:快递柜坏了 取不出来\n');
  });

  it('an outage said at a building’s door is still the building’s', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('小王', 'owners', '2栋门口停水了', { mention: true })).join('\n');
    expect(readBack).toContain('地点:2栋\n');
  });
});
