import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: a Cantonese-writing owner asked 请问这是:报修、投诉,还是咨询 answered '啱' (yes) and met silence; the
 * offer was dropped and what was said lost. The line must be one the classifier does not place: the first one,
 * '我屋企厕所冲唔到水', is a repair since round Q of issue 20 (唔到 after a verb is 不了, a fault word).
 */
describe('a yes in written Cantonese to the bot', () => {
  it('asked which kind, 啱 is a yes: the kind is asked again and the words are kept', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const asked = (await tr.say('王女士', 'owners', '我屋企个厕所啲水流唔停 8座1203', { mention: true })).join('\n');
    expect(asked).toContain('报修(要修东西)');
    expect((await tr.say('王女士', 'owners', '啱')).join('\n')).toContain('请回复「报修」「投诉」或「咨询」');
    const started = (await tr.say('王女士', 'owners', '报修')).join('\n');
    expect(started).not.toContain('报修(要修东西)');
    expect(started).toMatch(/上门|请核对/);
  });
});
