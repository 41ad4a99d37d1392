import { afterEach, describe, expect, it } from 'vitest';
import { Transcript, withSecondEstate } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play with two estates: 赵总's 待办 listed "R0001 … 5栋2单元502 厨房水管漏水" and "R0002 … 2栋301 卫生间堵了"
 * side by side with the estate nowhere, though each is its own office's to settle. A manager over several estates now
 * sees whose each line is; an office head of one estate sees the lines as before.
 */
describe('待办 of a manager over several estates', () => {
  it('names the estate on each line', async () => {
    tr = await Transcript.open({
      classify: 'shipped',
      start: '2026-12-08T09:00:00+08:00',
      configure: withSecondEstate,
    });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('周先生', 'moon-owners', '报修 2栋301 卫生间堵了 13700137000 随时');
    await tr.say('周先生', 'moon-owners', '确认');
    const manager = (await tr.say('zhao', 'managers', '待办')).join('\n');
    expect(manager).toContain('阳光家园 R0001 报修 · 待受理 · 5栋2单元502 厨房水管漏水');
    expect(manager).toContain('月亮湾 R0002 报修 · 待受理 · 2栋301 卫生间堵了');
    const head = (await tr.say('li', 'office', '待办')).join('\n');
    expect(head).toMatch(/\nR0001 报修 · 待受理 /);
    expect(head).not.toContain('R0002');
  });
});
