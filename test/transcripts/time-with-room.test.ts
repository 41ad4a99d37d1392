import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): '@回音 厨房水龙头坏了', asked for the room, answered '6栋1单元401 周六上午'; the room was
 * taken and 请问什么时间方便师傅上门 asked again, the time lost (四清楚: ask only what is missing). The same for a paid
 * service's '7栋302 随时都行'.
 */
describe('the time said with the room', () => {
  it('is the visit time of a repair', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T08:00:00+08:00' });
    expect((await tr.say('吴阿姨', 'owners', '厨房水龙头坏了', { mention: true })).join('\n')).toContain('哪个房间');
    const readBack = (await tr.say('吴阿姨', 'owners', '6栋1单元401 周六上午')).join('\n');
    expect(readBack).toContain('地点:6栋1单元401');
    expect(readBack).toContain('时间:12月12日 09:00–12:00');
    expect(readBack).not.toContain('什么时间方便');
  });

  it('and 随时 said with the room of a paid service', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-08T08:00:00+08:00' });
    await tr.say('钱先生', 'owners', '想请人来家里清洗油烟机 多少钱', { mention: true });
    const readBack = (await tr.say('钱先生', 'owners', '7栋302 随时都行')).join('\n');
    expect(readBack).toContain('类别:有偿服务');
    expect(readBack).toContain('时间:随时');
  });
});
