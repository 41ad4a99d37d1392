import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/**
 * Seen in play (field14): 张工's 'r0001 已换水龙头' after the number, the part changed being the result, got 没有看到指令
 * and a list of commands; the owner heard nothing. 已换 / 已更换 / 已疏通 after a number are 完成 with those words as the
 * result (rules/vocabulary/commands.yaml after_number.done; policy 5.4), as 'R0001 修好了 …' already was.
 */
describe('the part changed, said after the number', () => {
  it('completes the work with those words as the result', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王先生', 'owners', '报修 5栋2单元502 厨房水龙头坏了 13800138000 随时');
    await tr.say('王先生', 'owners', '确认');
    await tr.say('zhang', 'engineering', '接单 R0001');
    const out = await tr.say('zhang', 'engineering', 'r0001 已换水龙头');
    expect(out).toContain('[engineering] R0001 已完成,已通知业主评价。');
    expect(out.join('\n')).toContain('您的报修 R0001 已处理完毕:已换水龙头');
    expect((await tr.store.getTicket('R0001'))?.result).toBe('已换水龙头');
  });
});
