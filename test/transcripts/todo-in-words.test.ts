import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Seen in play: 李主任's '今天有什么事' in the office's chat met silence. */
describe('what is on, asked in words in a staff chat', () => {
  it('is the 待办 overview; the same words in the owners group stay talk', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    const desk = (await tr.say('li', 'office', '今天有什么事')).join('\n');
    expect(desk).toContain('待办');
    expect(desk).toContain('R0001');
    expect((await tr.say('zhang', 'engineering', '有啥活')).join('\n')).toContain('R0001');
    expect(await tr.say('刘先生', 'owners', '今天有什么事吗')).toEqual([]);
  });
});
