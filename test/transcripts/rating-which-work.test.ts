import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Policy 5.6: an unhappy owner's work is reopened and followed up; it must be the work they spoke of. */
describe('an unhappy owner with two pieces of work awaiting a rating', () => {
  it('"还是漏水 没修好" reopens the leak, not the door lock done after it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('王女士', 'owners', '报修 5栋502 门锁坏了 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀门');
    await tr.say('zhang', 'engineering', '完成 R0002 换了锁');
    const out = await tr.say('王女士', 'owners', '还是漏水 没修好');
    expect(out.join('\n')).toContain('R0001 已重新打开');
    expect((await tr.store.getTicket('R0001'))?.status).not.toBe('completed');
    expect((await tr.store.getTicket('R0002'))?.status).toBe('completed');
  });

  it('words that name neither still go to the latest, as before', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '报修 5栋502 厨房水管漏水 随时 13800138000');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('王女士', 'owners', '报修 5栋502 门锁坏了 随时');
    await tr.say('王女士', 'owners', '确认');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀门');
    await tr.say('zhang', 'engineering', '完成 R0002 换了锁');
    expect((await tr.say('王女士', 'owners', '不满意')).join('\n')).toContain('R0002 已重新打开');
  });
});
