import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field10 notes): '@回音 我家门口有一袋垃圾好几天了没人收 臭死了 6栋1单元', a complaint about the office's
 * cleaning (4.3.1), was read back with no 地点 and 内容 ending in 6栋1单元. The building it names is where the cleaners
 * must go: its place (四清楚: 地点清楚), as for an outage (4.3.2.4).
 */
describe('a complaint that names its building', () => {
  it('has the building as 地点, and 内容 without it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('王女士', 'owners', '我家门口有一袋垃圾好几天了没人收 臭死了 6栋1单元', { mention: true })).join('\n');
    expect(readBack).toContain('类别:投诉');
    expect(readBack).toContain('地点:6栋1单元');
    expect(readBack).toContain('内容:我家门口有一袋垃圾好几天了没人收 臭死了\n');
  });
});
