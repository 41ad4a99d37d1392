import { afterEach, describe, expect, it } from 'vitest';
import { digestMessages } from '../../src/reports/digest.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const digest = async () => (await digestMessages({ store: tr.store, config: tr.config, clock: tr.clock })).map((m) => `[${m.chat.id}] ${m.text}`);

describe('the 18:00 digest of a day with nothing in it (policy 5.3, 5.5)', () => {
  it('is one line: nothing new, nothing in hand, nothing overdue', async () => {
    tr = await Transcript.open({ start: '2026-11-27T09:00:00+08:00' });
    tr.clock.set('2026-11-27T18:00:00+08:00');
    expect(await digest()).toEqual(['[managers] 【阳光家园 日报 11月27日 截至18:00】今日无新报事,无在办、无逾期。']);
    // Sent in the morning, it is of the day that ended.
    tr.clock.set('2026-11-28T08:00:00+08:00');
    expect(await digest()).toEqual(['[managers] 【阳光家园 日报 11月27日】昨日无新报事,无在办、无逾期。']);
  });

  it('a day with nothing new but work still in hand is the full digest', async () => {
    tr = await Transcript.open({ start: '2026-11-27T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    tr.clock.set('2026-11-28T18:00:00+08:00');
    const [text] = await digest();
    expect(text).toContain('今日新增 0 件\n在办 1 · ');
    expect(text).toContain('月累计及时率');
  });

  it('a day whose work was done and rated is one line too; nothing waits for anyone', async () => {
    tr = await Transcript.open({ start: '2026-11-27T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了角阀');
    await tr.say('王女士', 'owners', '满意');
    tr.clock.set('2026-11-28T18:00:00+08:00');
    expect(await digest()).toEqual(['[managers] 【阳光家园 日报 11月28日 截至18:00】今日无新报事,无在办、无逾期。']);
  });
});
