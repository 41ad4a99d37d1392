import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: 赵总's "上周的日报" met silence while "昨天的日报" was answered. A report asked for a period no report
 * is of (上周, 前天) now gets the format of the reports there are (policy 5.3, 5.5).
 */
describe('a report asked for last week', () => {
  it('is answered with the reports there are, not silence', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T01:00:00Z' });
    expect((await tr.say('zhao', 'managers', '上周的日报')).join('\n')).toContain('格式:日报');
    expect((await tr.say('li', 'office', '前天的日报')).join('\n')).toContain('日报 昨天');
    expect((await tr.say('li', 'office', '上周的及时率')).join('\n')).toContain('格式:月报');
    expect((await tr.say('li', 'office', '昨天的日报')).join('\n')).toContain('日报');
  });
});
