import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';
import { normalise } from '../../src/classifier/normalise.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12): '@回音 啱啱3座𨋢困咗人 快啲嚟' (Cantonese: someone is trapped in the lift of block 3, come quickly)
 * was asked 请问这是:报修、投诉还是咨询?. 𨋢 (the lift) lies beyond the BMP, and normalise dropped every astral character
 * as an emoji before dialect.ts could read it as 电梯. CJK ideographs of extension B on are now kept (emoji still go), so
 * the emergency is recorded at once and the responders alerted (policy 3.1, 4.2.1.1).
 */
describe('Cantonese 𨋢 (the lift) is read', () => {
  it('as 电梯: an entrapment is an emergency; emoji still go', async () => {
    expect(normalise('3座𨋢困咗人 😡')).toBe('3座电梯困了人');
    tr = await Transcript.open({ classify: 'shipped' });
    const out = await tr.say('王女士', 'owners', '啱啱3座𨋢困咗人 快啲嚟', { mention: true });
    expect(out[0]).toContain('【紧急】已登记 R0001');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ urgent: '电梯困人', major: true });
  });
});
