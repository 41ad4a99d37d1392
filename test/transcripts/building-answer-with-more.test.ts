import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): '@回音 电梯又停了' was asked 请问是哪一栋的电梯?, and the answer '3栋电梯又停了 爬了十八楼' was read
 * back with 内容:电梯又停了, 爬了十八楼 lost. The matter said again with the building is the matter, once, with what it adds
 * (policy 4.1.1 记清楚); a building alone changes nothing in 内容.
 */
describe('the answer to which building holds more than the building', () => {
  it('keeps the matter once, with what was added', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('小王', 'owners', '电梯又停了', { mention: true })).join('\n')).toContain('请问是哪一栋的电梯?');
    const readBack = (await tr.say('小王', 'owners', '3栋电梯又停了 爬了十八楼')).join('\n');
    expect(readBack).toContain('地点:3栋电梯\n');
    expect(readBack).toContain('内容:电梯又停了 爬了十八楼\n');
  });

  it('adds what is new, without the building', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('小赵', 'owners', '电梯坏了', { mention: true });
    const readBack = (await tr.say('小赵', 'owners', '3栋 门一直开着关不上')).join('\n');
    expect(readBack).toContain('地点:3栋电梯\n');
    expect(readBack).toContain('内容:电梯坏了;门一直开着关不上\n');
  });

  it('a building alone leaves 内容 as it was', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('小李', 'owners', '电梯又停了', { mention: true });
    const readBack = (await tr.say('小李', 'owners', '就是5号楼的')).join('\n');
    expect(readBack).toContain('地点:5号楼电梯\n');
    expect(readBack).toContain('内容:电梯又停了\n');
  });
});
