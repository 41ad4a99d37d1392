import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Policy 5.5 (monthly analysis). Seen in play: 李主任 asked '上个月的月报' in December for a November with nothing on
 * record and read 本月没有登记的事项, as if December were empty. The report names its own month.
 */
describe('the monthly report of an empty month', () => {
  it("names the report's month, not 本月", async () => {
    tr = await Transcript.open({ start: '2026-12-07T09:00:00+08:00' });
    const last = (await tr.say('li', 'office', '上个月的月报')).join('\n');
    expect(last).toContain('2026-11 月度分析');
    expect(last).toContain('2026年11月没有登记的事项');
    expect(last).not.toContain('本月');
    expect((await tr.say('li', 'office', '月报')).join('\n')).toContain('2026年12月没有登记的事项');
  });
});
