import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Seen in play: a Cantonese-writing owner's "啱" (right) at the read-back was asked to reply 确认. */
describe('written Cantonese at the read-back', () => {
  it('"啱" and "係呀" confirm; "唔啱" does not', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    await tr.say('梁生', 'owners', '@回音 報修 3棟2單元1201 廁所水龍頭漏水 聽日下晝得閒 13000130003', { mention: true });
    expect((await tr.say('梁生', 'owners', '啱')).join('\n')).toContain('已登记,编号 R0001');
    await tr.say('何太', 'owners', '报修 7座803 冷气唔凍 聽日上晝 13100131000', { mention: true });
    expect((await tr.say('何太', 'owners', '係呀')).join('\n')).toContain('已登记,编号 R0002');
    await tr.say('陈生', 'owners', '报修 5栋1单元305 门锁坏了 明天上午 13200132000', { mention: true });
    expect((await tr.say('陈生', 'owners', '唔啱')).join('\n')).not.toContain('已登记');
  });
});
