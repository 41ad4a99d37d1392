import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): an owner asked for the visit time answered '@回音 我的单子现在啥情况' and was read back
 * with 时间:随时 (现在 taken for "come now"), a time never given; another, with R0001 recorded, asked '@回音 查一下我的'
 * and got the command list. Policy 4.2.1.1 (跟踪): the owner asking about their work hears where it stands.
 */
describe('an owner asking about their report', () => {
  it('while the time is asked: told nothing is recorded yet and what is missing, no time taken', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    expect((await tr.say('王先生', 'owners', '5栋1单元302 阳台推拉门关不上了', { mention: true })).join('\n')).toContain('什么时间方便师傅上门');
    const asked = (await tr.say('王先生', 'owners', '我的单子现在啥情况', { mention: true })).join('\n');
    expect(asked).toContain('还没有登记:还差师傅上门的时间');
    expect(asked).not.toContain('时间:随时');
    // "now" as the answer still means as soon as possible.
    expect((await tr.say('王先生', 'owners', '现在就可以', { mention: true })).join('\n')).toContain('时间:随时');
  });

  it('with work recorded: 查一下我的 gives its progress', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('张阿姨', 'owners', '电梯又坏了 2栋的', { mention: true });
    expect((await tr.say('张阿姨', 'owners', '确认')).join('\n')).toContain('R0001');
    const asked = (await tr.say('张阿姨', 'owners', '查一下我的', { mention: true })).join('\n');
    expect(asked).toContain('R0001 报修 · 待受理');
  });
});
