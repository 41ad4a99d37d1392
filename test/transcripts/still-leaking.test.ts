import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (lead, 2026-12-07): after 完成 R0001 换了阀芯, the owner answered '师傅人挺好 但是水还是有点漏'. It was read
 * 基本满意, R0001 closed, and the leak went to the head as a remark: nobody was sent back. The fault still there means
 * the work is not done (policy 5.2 跟踪验证, 5.6): R0001 is reopened for the engineers, whatever is said of the person.
 */
describe('praise for the engineer, but the fault is still there', () => {
  it('reopens the work', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('刘阿姨', 'owners', '报修 8栋2单元601 厨房水龙头漏水 随时 13900001111');
    await tr.say('刘阿姨', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 换了阀芯');
    const said = (await tr.say('刘阿姨', 'owners', '师傅人挺好 但是水还是有点漏')).join('\n');
    expect(said).toContain('R0001 已重新打开');
    expect(said).toContain('[engineering] 【业主不满意】R0001');
    expect(said).not.toContain('基本满意');
    expect((await tr.say('zhang', 'engineering', '我的单')).join('\n')).toContain('R0001');
  });
});
