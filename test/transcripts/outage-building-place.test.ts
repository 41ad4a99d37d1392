import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (cls12 notes, lead): '@回音 3栋停电了 电梯也停了' was read back with 地点:3栋电梯, the lift being what the
 * cut stopped; the office coordinates the power for building 3 (policy 4.3.2.4). The building is the outage's place,
 * and the lift stays in 内容.
 */
describe('an outage that names its building and what it stopped', () => {
  it('has the building as 地点', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('小李', 'owners', '3栋停电了 电梯也停了', { mention: true })).join('\n');
    expect(readBack).toContain('地点:3栋\n');
    expect(readBack).toContain('内容:停电了 电梯也停了');
  });
});
