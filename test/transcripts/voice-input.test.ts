import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Messages from voice input (policy 4.1.1 听清楚: take what the message holds, ask only what is missing). */
describe('voice input', () => {
  it('a room and a phone in Chinese digits are read: no question for what was just said, and the phone masked in the group', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = await tr.say('业主8', 'owners', '喂 你好 我要报修 我家那个热水器不出热水了 住在七栋二单元一零零三 电话幺三八幺二三四五六七八 随时', { mention: true });
    expect(out.at(-1)).toContain('地点:7栋2单元1003\n');
    expect(out.at(-1)).toContain('电话:138****5678');
    expect(out.at(-1)).not.toContain('幺三八');
    // The opening words (我要报修, request_openers) say nothing about the problem.
    expect(out.at(-1)).toContain('内容:我家那个热水器不出热水了\n');
  });

  it('a run-on with 的 before the room ("六栋三单元的九零二") is the room; the time said after it is the visit', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主3', 'owners', '喂你好我想报个修啊就是我们家那个卫生间的灯不亮了然后开关按了也没反应我是那个六栋三单元的九零二明天晚上七点以后在家');
    const out = await tr.say('业主3', 'owners', '登记');
    expect(out.at(-1)).toContain('地点:6栋3单元902\n');
    expect(out.at(-1)).toContain('内容:我们家那个卫生间的灯不亮了');
    expect(out.at(-1)).toContain('时间:11月28日 19:00');
  });

  it('a gas stove that will not light (打不着火) is a repair, not a fire', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = await tr.say('业主2', 'owners', '报修 厨房燃气灶打不着火');
    expect(out.join('\n')).not.toContain('【紧急】');
    expect(out.at(-1)).toContain('请问是哪个房间');
  });
});
