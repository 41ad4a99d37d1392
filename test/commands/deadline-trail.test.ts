import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** The lines of 查's answer from 时限 up to 记录 (the history itself is the ticket record's own test). */
async function trail(who: string, chat: string, number: string): Promise<string[]> {
  const [reply] = await tr.say(who, chat, `查 ${number}`);
  const lines = reply!.replace(/^\[\w+\] /, '').split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('时限:')), lines.indexOf('记录:'));
}

describe('查 shows the deadline and every move of it: when, who, from → to, why, the clause (docs/timeliness.md D4, D5)', () => {
  it('a repair: the 72 h default, a promise, an appointment, and a move after the deadline that does not count', async () => {
    tr = await Transcript.open({ start: '2026-11-27T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    expect(await trail('zhang', 'engineering', 'R0001')).toEqual(['时限:11月30日 09:00 · 受理后72小时(制度5.2)']);

    await tr.say('zhang', 'engineering', '接单 R0001');
    tr.clock.set('2026-11-27T10:00:00+08:00');
    await tr.say('zhang', 'engineering', '承诺 R0001 11月28日18:00 等厂家配件');
    tr.clock.set('2026-11-28T09:00:00+08:00');
    // The owner's appointment is a repair's deadline (D1), and replaces the promise (D4).
    await tr.say('zhang', 'engineering', '预约 R0001 11月28日14:00 业主下午才在家');
    tr.clock.set('2026-11-28T17:00:00+08:00');
    // Past the appointment: the new time is kept for the work, but never rescues it (D5).
    await tr.say('zhang', 'engineering', '预约 R0001 11月29日10:00');
    expect(await trail('li', 'office', 'R0001')).toEqual([
      '时限:11月28日 16:00 · 业主预约时间(制度4.2.1.1) · 现定 11月29日 12:00',
      '时限变更 3 次:',
      '  11月27日 10:00 张工 承诺,期限 11月30日 09:00→11月28日 18:00 原因:等厂家配件(制度5.2)',
      '  11月28日 09:00 张工 预约,期限 11月28日 18:00→11月28日 16:00 原因:业主下午才在家(制度4.2.1.1)',
      '  11月28日 17:00 张工 预约,期限 11月28日 16:00→11月29日 12:00 原因:未注明(制度4.2.1.1) 已超时后变更,不改变及时性(制度5.3)',
    ]);
  });

  it('a promise more than three days after the request carries its reason (5.2, D2)', async () => {
    tr = await Transcript.open({ start: '2026-11-27T09:00:00+08:00' });
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    expect(await tr.say('zhang', 'engineering', '承诺 R0001 12月2日18:00')).toEqual(['[engineering] 承诺时间距业主报事已超过3天,请注明原因(制度5.2)']);
    await tr.say('zhang', 'engineering', '承诺 R0001 12月2日18:00 厂家周三才到货');
    expect(await trail('zhang', 'dm', 'R0001')).toEqual([
      '时限:12月2日 18:00 · 告知业主的解决时间(制度5.2)',
      '时限变更 1 次:',
      '  11月27日 09:00 张工 承诺,期限 11月30日 09:00→12月2日 18:00 原因:厂家周三才到货(制度5.2)',
    ]);
  });
});
