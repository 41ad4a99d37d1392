import { afterEach, describe, expect, it } from 'vitest';
import { digestMessages } from '../../src/reports/digest.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const digest = async () => (await digestMessages({ store: tr.store, config: tr.config, clock: tr.clock })).map((m) => m.text).join('\n');

/**
 * Seen in play (npm start, /time +1d): a repair and a complaint nobody had taken for a whole day drew one 【无人接单】
 * each at 60 minutes, and the 18:00 digest then said 在办 2 · 超时 0 … 目前无需特别关注的工单. Work nobody has
 * accepted past the head's hour (reminders.firstResponseHeadMinutes, policy 5.2 首次响应) is what the head must see.
 */
describe('the digest lists work nobody has accepted', () => {
  it('past the head’s hour, with how long it has waited; accepted work and fresh work are not listed', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-11-27T09:00:00+08:00' });
    await tr.say('钱先生', 'owners', '报修 11栋2单元502 洗手盆漏水 13800138000 随时');
    await tr.say('钱先生', 'owners', '确认');
    await tr.say('孙阿姨', 'owners', '报修 9栋1单元301 空调不制冷 13912345678 随时');
    await tr.say('孙阿姨', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0002');
    tr.clock.set('2026-11-27T17:30:00+08:00');
    await tr.say('周女士', 'owners', '报修 3栋101 门锁坏了 13700137000 随时');
    await tr.say('周女士', 'owners', '确认');
    tr.clock.set('2026-11-27T18:00:00+08:00');
    const text = await digest();
    expect(text).toContain('无人接单(1):\n  R0001 11栋2单元502 洗手盆漏水 · 工程班 · 已等9小时');
    expect(text).not.toContain('R0002 9栋');
    expect(text).not.toContain('目前无需特别关注');
    expect(text.split('\n').filter((l) => l.includes('R0003'))).toEqual([]);
  });
});
