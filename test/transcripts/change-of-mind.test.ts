import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Owners changing their mind at the read-back (4.1.1 复述清楚) and just after the record (5.3 件件有回音). */
describe('changes of mind', () => {
  it('"说错了 是下午" after 明天上午 is tomorrow afternoon, not this afternoon; "说错了 是周六" names its own day', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主21', 'owners', '报修 9栋1单元301 客厅插座没电 明天上午');
    const part = await tr.say('业主21', 'owners', '说错了 是下午');
    expect(part.at(-1)).toContain('时间:11月28日 14:00–18:00');
    const clock = await tr.say('业主21', 'owners', '时间改成3点');
    expect(clock.at(-1)).toContain('时间:11月28日 15:00');
    const day = await tr.say('业主21', 'owners', '说错了 是周六');
    expect(day.at(-1)).toContain('时间:11月28日 09:00–18:00');
  });

  it('"算了不用了" just after the record is answered: the owner is asked to confirm the cancel with the number', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('业主21', 'owners', '报修 9栋1单元302 客厅插座没电 明天下午 13800001111');
    await tr.say('业主21', 'owners', '确认');
    const out = await tr.say('业主21', 'owners', '算了不用了');
    expect(out.join('\n')).toContain('取消 R0001');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
  });
});
