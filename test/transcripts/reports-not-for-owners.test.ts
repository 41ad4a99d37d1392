import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: an owner's 月报 in the owners' group, and 日报 from someone not in the staff list in the office chat, met
 * silence, where 接单 and 待办 from them were refused. The reports are staff's (policy 5.3, 5.5): they are refused the same way.
 */
describe('reports asked for by someone who is not staff', () => {
  it('are refused, not met with silence', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    expect((await tr.say('业主周', 'owners', '月报')).join('\n')).toContain('仅限工作人员');
    expect((await tr.say('路人甲', 'office', '日报')).join('\n')).toContain('仅限工作人员');
    expect((await tr.say('路人甲', 'office', '督办 一下')).join('\n')).toContain('仅限工作人员');
    // Staff still get the report.
    expect((await tr.say('li', 'office', '日报')).join('\n')).toContain('日报');
  });
});
