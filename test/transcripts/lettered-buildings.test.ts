import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): '@回音 B座1502 厨房水龙头坏咗' was asked 哪个房间 (towers are lettered: A座, B栋), and
 * '@回音 12座3楼B室 冷气滴水' was asked 12座3楼哪一户 though the owner had said B室 (flats by floor and letter, as many
 * Guangdong and Hong Kong estates number them). 四清楚: 地点清楚 from what the owner said.
 */
describe('buildings and flats named by letters', () => {
  it('B座1502 is a room, and 12座3楼B室 is one too', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const tower = (await tr.say('林小姐', 'owners', 'B座1502 厨房水龙头坏咗 随时', { mention: true })).join('\n');
    expect(tower).toContain('地点:B栋1502');
    expect(tower).toContain('内容:厨房水龙头坏咗\n');
    const flat = (await tr.say('何生', 'owners', '12座3楼B室 冷气滴水 听日下昼', { mention: true })).join('\n');
    expect(flat).toContain('地点:12栋3楼B室');
    expect(flat).toContain('内容:冷气滴水\n');
    expect(flat).not.toContain('哪一户');
  });
});
