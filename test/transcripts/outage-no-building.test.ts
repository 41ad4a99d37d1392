import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13, lead): '@回音 停电了 电梯也停了' (no building named) was read back with 地点:电梯, the lift being
 * what the cut stopped. An outage is the building's (policy 4.3.2.4): the building is asked plainly, and the answer (a
 * building, or the whole estate) is the place; the lift stays in 内容.
 */
describe('an outage that names no building', () => {
  it('asks which building, not the lift or a room', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const asked = (await tr.say('小李', 'owners', '停电了 电梯也停了', { mention: true })).join('\n');
    expect(asked).toContain('请问是哪一栋?');
    expect(asked).not.toContain('地点:电梯');
    expect(asked).not.toContain('停电了 电梯也停了?');
    const readBack = (await tr.say('小李', 'owners', '3栋')).join('\n');
    expect(readBack).toContain('地点:3栋\n');
    expect(readBack).toContain('内容:停电了 电梯也停了');
  });

  it('takes the whole estate as the place', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('小赵', 'owners', '停水了', { mention: true })).join('\n')).toContain('请问是哪一栋?');
    const readBack = (await tr.say('小赵', 'owners', '整个小区都停了')).join('\n');
    expect(readBack).toContain('地点:全小区\n');
    expect(readBack).toContain('内容:停水了');
  });

  it('takes a building sent after the offer as the yes', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('小钱', 'owners', '停电了 电梯也停了')).join('\n')).toContain('或直接发是哪一栋');
    const readBack = (await tr.say('小钱', 'owners', '3栋')).join('\n');
    expect(readBack).toContain('地点:3栋\n');
  });
});
