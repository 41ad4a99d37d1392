import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (cls12 notes, 2026-12-08): '电梯又停了' in the owners' group drew the offer, and the owner said it again
 * with the building, '3栋电梯又停了 爬了十八楼'. The read-back said 内容:电梯又停了 电梯又停了 爬了十八楼 (四清楚: 记录清楚).
 */
describe('the offered matter said again with its details', () => {
  it('is taken once', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('老周', 'owners', '电梯又停了')).join('\n')).toContain('需要我帮您登记吗');
    const readBack = (await tr.say('老周', 'owners', '3栋电梯又停了 爬了十八楼')).join('\n');
    expect(readBack).toContain('地点:3栋电梯');
    expect(readBack).toContain('内容:电梯又停了 爬了十八楼\n');
  });
});
