import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: a mobile grouped other than 3-4-4 ("138 001 38000", "1380 013 8000", "138-001-38000") was neither the
 * owner's phone nor masked: the read-back asked for a number again, and the whole number stood in 内容 before the
 * owners' group (policy: numbers are masked in groups; the owner's data is personal data).
 */
describe('a mobile grouped in an unusual way', () => {
  it('is the owner’s phone and never shown whole in the group', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    for (const [who, number] of [
      ['甲', '138 001 38000'],
      ['乙', '1380 013 8000'],
      ['丙', '138-001-38000'],
    ] as const) {
      const readBack = (await tr.say(who, 'owners', `报修 5栋502 卫生间灯不亮 随时 电话${number}`)).join('\n');
      expect(readBack).toContain('电话:138****8000');
      expect(readBack).toContain('内容:卫生间灯不亮\n');
      expect(readBack).not.toContain(number);
      await tr.say(who, 'owners', '取消');
    }
  });
});
