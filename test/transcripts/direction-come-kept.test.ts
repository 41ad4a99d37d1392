import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12): '@回音 快递柜坏了 取不出来' was read back with 内容:快递柜坏了 取不出, and '门锁坏了 钥匙拔不出来
 * 随时' with 钥匙拔不出: the 来 a visit time leaves behind ("明天下午来") was cut from the end of a verb's direction too
 * (出来, 上来, 起来 …), and the engineers read half a sentence (policy 4.1.1 记清楚).
 */
describe('来 ending a direction (出来, 上来, 起来) stays in 内容', () => {
  it('keeps 取不出来, 拔不出来, 返上来, 翘起来; a visit time\'s 来 is still cut', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const said = async (who: string, text: string) => (await tr.say(who, 'owners', text, { mention: true })).join('\n');
    expect(await said('王女士', '5栋502 门锁坏了 钥匙拔不出来 随时')).toContain('内容:门锁坏了 钥匙拔不出来\n');
    expect(await said('李先生', '5栋601 卫生间地漏的水返上来 随时')).toContain('内容:卫生间地漏的水返上来\n');
    expect(await said('赵女士', '3栋201 客厅地板翘起来 随时')).toContain('内容:客厅地板翘起来\n');
    expect(await said('孙先生', '2栋302 空调不制冷 明天下午来')).toMatch(/内容:空调不制冷\n/);
  });
});
