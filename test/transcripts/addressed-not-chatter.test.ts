import { afterEach, describe, expect, it } from 'vitest';
import { classifyWith } from '../../src/conversation/classify-fn.ts';
import type { Classification } from '../../src/classifier/types.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** What the classifier returns when the hand rules placed a repair and the learned gate then vetoed it as chatter. */
function vetoed(text: string): Classification {
  return {
    label: 'other', clause: null, unit: null, confidence: 0.86, major: false, majorReasons: [], negated: [], normalised: text,
    scores: { repair: 5 },
    evidence: [
      { rule: 'learned.gate', clause: null, label: 'other', matched: ['家热'], weight: 0.86 },
      { rule: 'repair.fault', clause: '4.2.1.1', label: 'repair', matched: ['热水器', '坏了'], weight: 3 },
    ],
    learned: { request: 0.14, kind: 'repair', kindProbability: 0.98, decided: 'veto', gateWords: [], kindWords: [] },
  } as unknown as Classification;
}

describe('words addressed to the bot are not talk between neighbours (seen in play: a private "你好 我家热水器坏了" was asked 报修、投诉还是咨询 five times)', () => {
  it('under a veto, the core keeps what the hand rules said for an addressed message', () => {
    const classify = classifyWith({ classify: vetoed });
    expect(classify('你好 我家热水器坏了')).toMatchObject({ label: 'other', addressedAs: { label: 'repair', clause: '4.2.1.1', unit: 'engineering' } });
  });

  it('in a private chat and with @ it is taken in as a repair; unaddressed in the group it stays unanswered', async () => {
    tr = await Transcript.open({ classify: (text) => classifyWith({ classify: vetoed })(text) });
    const asked = (await tr.say('吴先生', 'dm', '你好 我家热水器坏了')).join('\n');
    expect(asked).toContain('请问是哪个房间');
    expect(asked).not.toContain('报修(要修东西)');
    expect((await tr.say('钱先生', 'owners', '我家热水器坏了 5栋101', { mention: true })).join('\n')).toContain('请问什么时间方便师傅上门');
    expect(await tr.say('孙女士', 'owners', '我家热水器坏了 好烦')).toEqual([]);
  });

  it('with the shipped rules, the private request is recorded end to end', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('吴先生', 'dm', '你好 我家热水器坏了');
    await tr.say('吴先生', 'dm', '12栋2单元1801');
    await tr.say('吴先生', 'dm', '随时');
    await tr.say('吴先生', 'dm', '不用');
    expect((await tr.say('吴先生', 'dm', '确认')).join('\n')).toContain('【新报修】R0001');
  });
});
