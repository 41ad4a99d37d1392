import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (npm start): '报修 4栋2单元902 楼上漏水到我家卫生间 13611112222 随时' was placed as an assist matter
 * (4.3.2.1: the office coordinates with the flat above; no visit is booked), and 内容 read 楼上漏水到我家卫生间 随时 in the
 * office's notice and the ledgers. The 随时 said for a visit is not part of the matter (四清楚: 内容清楚).
 */
describe('随时 at the end of a matter that books no visit', () => {
  it('is left out of 内容; a time that is part of the story stays', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('韩先生', 'owners', '报修 4栋2单元902 楼上漏水到我家卫生间 13611112222 随时')).join('\n');
    expect(readBack).toContain('内容:楼上漏水到我家卫生间\n');
    expect(readBack).not.toContain('卫生间 随时');
    const noise = (await tr.say('郑先生', 'owners', '投诉 楼下那家随时都在装修 吵得睡不着 2栋1单元601')).join('\n');
    expect(noise).toContain('随时都在装修');
  });
});
