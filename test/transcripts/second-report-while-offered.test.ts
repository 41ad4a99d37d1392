import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const OFFER = /^\[owners\] @马女士 需要我帮您登记吗/;

/**
 * Seen in play (cls13): '快递柜坏了 取不出来' in the owners' group drew 需要我帮您登记吗; the same owner's next message,
 * '昨天电梯就坏了，到现在还没修好', met silence (taken as letting the offer pass, which set her cooldown), and her 登记
 * after it was asked 请简单说一下需要维修的问题 as if nothing had been said. Another matter of its own is not a no: it
 * gets its own offer, and 登记 takes it. Chatter after an offer still lets it pass, with the cooldown, as before.
 */
describe('another report while an offer waits', () => {
  it('gets its own offer, and 登记 registers it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect(await tr.say('马女士', 'owners', '快递柜坏了 取不出来')).toEqual([expect.stringMatching(OFFER)]);
    expect(await tr.say('马女士', 'owners', '昨天电梯就坏了，到现在还没修好')).toEqual([expect.stringMatching(OFFER)]);
    const next = (await tr.say('马女士', 'owners', '登记')).join('\n');
    expect(next).toContain('请问是哪一栋的电梯');
  });

  it('chatter after an offer lets it pass, and a report after that gets no offer for a while', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect(await tr.say('马女士', 'owners', '快递柜坏了 取不出来')).toEqual([expect.stringMatching(OFFER)]);
    expect(await tr.say('马女士', 'owners', '今天天气真好')).toEqual([]);
    expect(await tr.say('马女士', 'owners', '昨天电梯就坏了，到现在还没修好')).toEqual([]);
  });
});
