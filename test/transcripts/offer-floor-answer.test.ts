import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (npm start): 刘阿姨 wrote '物业 楼道灯坏了好几天了 3栋2单元 晚上黑乎乎的' in the owners' group and was offered
 * 需要我帮您登记吗; she answered with the exact floor, '2单元5楼到6楼之间', which ended the offer, and her '确认' after it
 * met silence. The floor of the building already named is the place's detail (policy 4.2.1.1 covers the public area):
 * a yes with the details, as a room or a phone is.
 */
describe('a floor given in answer to the offer', () => {
  it('is a yes with the place: the read-back holds it and 确认 records the repair', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('刘阿姨', 'owners', '物业 楼道灯坏了好几天了 3栋2单元 晚上黑乎乎的')).join('\n')).toContain('需要我帮您登记吗');
    const readBack = (await tr.say('刘阿姨', 'owners', '2单元5楼到6楼之间')).join('\n');
    expect(readBack).toContain('5楼到6楼之间');
    expect(readBack).toContain('请核对');
    await tr.say('刘阿姨', 'owners', '确认');
    const [ticket] = await tr.store.listTickets();
    expect(ticket?.location).toMatchObject({ kind: 'public' });
    expect(JSON.stringify(ticket)).toContain('5楼到6楼之间');
    // The place taken out of the middle of the words leaves one space, not three.
    expect(ticket?.description).not.toMatch(/\s{2}/);
  });

});
