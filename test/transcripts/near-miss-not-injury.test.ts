import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field13): '你好 我家空调外机掉下来了 差点砸到人' in a private chat was recorded as the emergency 有人受伤
 * (on 砸到人): 秩序部, the office head and leadership alerted with 【重大】, the owner told 伤势严重请先拨打120, though
 * nobody was hurt. A near miss, or nobody said to be hurt, is no injury (rules/conversation/urgent.yaml injury.none); the
 * fallen unit is taken in as a matter of its own. Someone hit is still the emergency.
 */
describe('a near miss', () => {
  it('is not recorded as someone hurt', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = (await tr.say('孙先生', 'dm', '你好 我家空调外机掉下来了 差点砸到人')).join('\n');
    expect(out).not.toContain('【紧急】');
    expect(out).not.toContain('120');
    expect(await tr.store.listTickets()).toEqual([]);
    const hit = (await tr.say('钱女士', 'dm', '楼上空调外机掉下来了 砸到人了')).join('\n');
    expect(hit).toContain('【紧急】已登记');
  });
});
