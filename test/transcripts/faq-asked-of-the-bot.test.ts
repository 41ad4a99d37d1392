import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Seen in play: '@回音 我要交物业费' was asked 报修、投诉还是咨询 although the estate's FAQ answers 物业费. */
describe('something the FAQ answers, said to the bot without a question shape', () => {
  it('is answered as a consultation at once (policy 5.1); words the FAQ does not know are still asked about', async () => {
    tr = await Transcript.open({ classify: 'shipped', start: '2026-12-07T06:00:00Z' });
    const paid = (await tr.say('周先生', 'owners', '我要交物业费', { mention: true })).join('\n');
    expect(paid).toContain('可在管理处或微信缴纳');
    expect(paid).toContain('已登记,编号 S0001');
    expect((await tr.say('吴先生', 'owners', '物业能不能帮忙把楼道里的自行车清一下', { mention: true })).join('\n')).not.toContain('微信缴纳');
  });
});
