import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field12): '@回音 现在3栋大堂的灯全不亮' was read back with 内容:现 灯全不亮, and '@回音 现在5栋2单元电梯关人了'
 * reached the responders and leadership as 内容:现 电梯关人了: the 在 that leads to a place ("在3栋大堂") was cut from the
 * end of 现在 (实在, 正在 the same). Policy 4.1.1 (记清楚).
 */
describe('在 ending a word before the place stays', () => {
  it('现在 / 实在 are not cut to 现 / 实; 在 leading to the place still goes', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const said = async (who: string, text: string) => (await tr.say(who, 'owners', text, { mention: true })).join('\n');
    expect(await said('王女士', '现在3栋大堂的灯全不亮')).toContain('内容:现在 灯全不亮\n');
    expect(await said('李先生', '实在3栋大堂的灯全不亮 太黑了')).toContain('内容:实在 灯全不亮 太黑了\n');
    expect(await said('赵女士', '路灯不亮 在5栋门口')).toContain('内容:路灯不亮\n');
    await said('孙先生', '现在5栋2单元电梯关人了');
    expect((await tr.store.getTicket('R0001'))?.description).not.toMatch(/^现 /);
  });
});
