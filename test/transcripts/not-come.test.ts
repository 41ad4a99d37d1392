import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play: "投诉 维修师傅说好今天来 到现在都没来" was read back and recorded as 内容:维修师傅说好今天来 到现在都没:
 * the 来 that a visit time leaves behind ("明天下午来") was cut from the end of the complaint too. After a no (没, 不)
 * or a who (人, 谁) it is what the owner complains of (policy 4.1.1 记清楚).
 */
describe('a complaint that someone did not come', () => {
  it('keeps its last word', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const readBack = (await tr.say('李先生', 'owners', '投诉 维修师傅说好今天来 到现在都没来')).join('\n');
    expect(readBack).toContain('内容:维修师傅说好今天来 到现在都没来\n');
    await tr.say('李先生', 'owners', '确认');
    expect((await tr.store.getTicket('C0001'))?.description).toBe('维修师傅说好今天来 到现在都没来');
    expect((await tr.say('王女士', 'owners', '投诉 报修三天了 一直没人过来')).join('\n')).toContain('内容:报修三天了 一直没人过来\n');
    // What a visit time leaves is still cut: "明天下午来" is the time.
    await tr.say('陈女士', 'owners', '报修 5栋502 空调不制冷 明天下午来');
    expect((await tr.say('陈女士', 'owners', '不用')).join('\n')).toContain('内容:空调不制冷\n');
  });
});
