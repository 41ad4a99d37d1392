import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Seen in play: the office head typed "导出台账" in the office chat and met silence; 台账 and 导出 alone were known. */
describe('the ledgers asked for in chat', () => {
  it('"导出台账" sends the head to the web console, by private chat', async () => {
    tr = await Transcript.open();
    const answer = (await tr.say('li', 'office', '导出台账')).join('\n');
    expect(answer).toContain('台账和报表在网页后台');
    expect(answer).toContain('请私聊我发送「后台」');
  });
});
