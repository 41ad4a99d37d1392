import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field10 notes): '三栋电梯困咗人啊' was recorded at 地点:三栋电梯, beside 3栋电梯 from others: two places
 * for the same lift in the ledgers and in 月报's 集中地点. A building said in Chinese numerals is recorded in figures,
 * as rooms are; '两栋之间' (between two buildings) is left as said.
 */
describe('a building said in Chinese numerals', () => {
  it('is recorded in figures, in an emergency and in a repair', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const urgent = (await tr.say('孙女士', 'owners', '三栋电梯困咗人啊', { mention: true })).join('\n');
    expect(urgent).toContain('地点:3栋电梯');
    expect(urgent).not.toContain('三栋电梯');
    const repair = (await tr.say('周先生', 'owners', '五栋门口的路灯坏了 晚上很黑', { mention: true })).join('\n');
    expect(repair).toContain('地点:5栋门口的路灯');
  });
});
