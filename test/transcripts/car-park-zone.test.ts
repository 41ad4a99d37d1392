import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (npm start): "地下车库B区的灯坏了好几个 晚上很黑" was read back as 地点:地下车库, and the engineer had a
 * whole basement to search (policy 4.1.1 四清楚: 地点清楚). The zone or level said right after a car park is the place.
 */
describe('a car park with its zone or level', () => {
  it('keeps the zone in the place', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('周先生', 'owners', '地下车库B区的灯坏了好几个 晚上很黑', { mention: true })).join('\n');
    expect(readBack).toContain('地点:地下车库B区');
    const level = (await tr.say('孙女士', 'owners', '停车场负一层有个井盖松了 车压过去哐哐响', { mention: true })).join('\n');
    expect(level).toContain('地点:停车场负一层');
  });
});
