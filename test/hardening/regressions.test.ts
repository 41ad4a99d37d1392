/**
 * Bugs the adversarial suite found, kept as plain scripted cases so they stay fixed whatever the generator does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

describe('found by the adversarial suite', () => {
  it('a phone number given as the answer to "where?" is not read back in the group as the place (seed 4, step 116)', async () => {
    tr = await Transcript.open();
    const asked = await tr.say('孙女士', 'owners', '报修 卫生间马桶堵了');
    expect(asked.join('\n')).toMatch(/房号|地点|哪/);
    const out = (await tr.say('孙女士', 'owners', '请问 想请人打扫卫生 17755554444 现在')).join('\n');
    expect(out).not.toContain('17755554444');
    // The number is still taken as the contact phone, masked, and the rest of the answer is the place.
    const readBack = (await tr.say('孙女士', 'owners', '随时')).join('\n') || out;
    expect(readBack).not.toContain('17755554444');
    expect(readBack).toContain('177****4444');
    expect(readBack).toMatch(/地点:请问 想请人打扫卫生 现在/);
    // Only a phone: the question about the place is asked again.
    await tr.say('周先生', 'owners', '报修 阳台门关不上');
    const again = (await tr.say('周先生', 'owners', '13700001111')).join('\n');
    expect(again).not.toContain('13700001111');
    expect(again).toMatch(/房号|地点|哪/);
  });
});
