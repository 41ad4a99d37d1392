import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (npm start, a private chat): "算了 不用修了 我自己找人修好了" was asked 需要取消 R0001 吗?, and the owner's
 * "是的" was answered 不客气: R0001 stayed open and the engineer would still have gone to the door. The owner's yes to
 * the question now cancels what it asked about (policy 4.2.1.1 跟踪; the unit hears, as for 取消 R0001).
 */
describe('a yes to 需要取消 R0001 吗?', () => {
  it('cancels it in a private chat, and the engineers hear', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('冯女士', 'dm', '报修 6栋1单元1601 热水器不出热水了 随时 13700001111');
    await tr.say('冯女士', 'dm', '确认');
    expect((await tr.say('冯女士', 'dm', '算了 不用修了 我自己找人修好了')).join('\n')).toContain('确定的话回复「确定」或「取消 R0001」');
    const out = (await tr.say('冯女士', 'dm', '是的')).join('\n');
    expect(out).toContain('已取消 R0001');
    expect(out).toContain('[engineering]');
    expect(out).not.toContain('不客气');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('closed');
  });

  it('in the group only a deliberate yes counts; talk to the neighbours lets the question go', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('冯女士', 'owners', '报修 6栋1单元1601 热水器不出热水了 随时 13700001111');
    await tr.say('冯女士', 'owners', '确认');
    await tr.say('冯女士', 'owners', '算了 不用修了 我自己找人修好了');
    // "嗯" is said to neighbours all day: not a yes to a cancel here, and the question is gone after it.
    await tr.say('冯女士', 'owners', '嗯');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
    await tr.say('冯女士', 'owners', '确定');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
    // Asked again, 确定 cancels.
    await tr.say('冯女士', 'owners', '算了 不用修了');
    expect((await tr.say('冯女士', 'owners', '确定')).join('\n')).toContain('已取消 R0001');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('closed');
  });
});
