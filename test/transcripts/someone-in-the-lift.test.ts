import { afterEach, describe, expect, it } from 'vitest';
import { parseUrgentRules, urgentMatcher } from '../../src/conversation/urgent.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "@回音 10栋电梯卡在5楼了 里面有个老人 快来人!!" was read back as a routine repair to confirm while an old
 * man waited in a stuck lift. Who is in there is said in many ways; rules/conversation/urgent.yaml spells them with one
 * '/…/' word, and a lift with someone smoking in it stays what it is.
 */
describe('someone in the lift, in the words owners use', () => {
  it('"里面有个老人" in a stuck lift is recorded as an emergency at once, no read-back', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const alarm = (await tr.say('老王', 'owners', '10栋电梯卡在5楼了 里面有个老人 快来人!!', { mention: true })).join('\n');
    expect(alarm).toContain('【紧急】已登记 R0001');
    expect(alarm).toContain('[engineering] 【紧急】R0001 电梯困人');
    expect(alarm).not.toContain('请核对');
    const child = (await tr.say('小李', 'owners', '3栋的电梯停了 里头还有个小朋友 怎么办', { mention: true })).join('\n');
    expect(child).toContain('【紧急】已登记 R0002');
  });

  it('a lift with someone smoking in it, or an advert inside, is no emergency', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const smoke = (await tr.say('老王', 'owners', '电梯里面有人抽烟 能不能管管', { mention: true })).join('\n');
    expect(smoke).not.toContain('【紧急】');
    const advert = (await tr.say('小李', 'owners', '电梯里面有个广告屏坏了', { mention: true })).join('\n');
    expect(advert).not.toContain('【紧急】');
  });

  it('a "/…/" word spells its words; one that spells no short list is refused, naming file, kind and field', () => {
    const kinds = parseUrgentRules('urgent.yaml', "urgent:\n  - { id: lift, name: 电梯困人, any: ['/里(面|头)有(个)?(老人|小孩)/'] }\n");
    expect(kinds[0]!.any).toContain('里头有个小孩');
    expect(kinds[0]!.any).toHaveLength(8);
    expect(urgentMatcher(kinds)('电梯停了 里面有老人')?.word).toBe('里面有老人');
    expect(() => parseUrgentRules('urgent.yaml', "urgent:\n  - { id: lift, name: 电梯困人, any: ['/里面.*人/'] }\n")).toThrow(
      /urgent.yaml: urgent\[0\] "lift" field any: \/里面\.\*人\/ does not spell out a short list/,
    );
  });
});
