/**
 * Buttons and mentions are fields of the outgoing message (issue 15, item 4): the rating buttons come with the
 * completion notice because the command says so, not because its text holds a phrase; whoever a group message is for
 * travels as `mention`, so WeChat can @-mention them for real without reading "@name" back out of the text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage, OutgoingMessage } from '../../src/messages.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

let seq = 0;
async function send(who: string, chat: string, text: string): Promise<OutgoingMessage[]> {
  const staff = tr.config.staff.find((s) => s.platform === 'console' && s.id === who);
  const message: IncomingMessage = {
    id: `s${++seq}`,
    chat: { platform: 'console', id: chat, kind: 'group' },
    sender: { id: staff ? staff.id : `owner-${who}`, displayName: staff?.name ?? who },
    text,
    mentionsBot: false,
    at: tr.clock.now(),
    attachments: [],
  };
  return tr.bot.handle(message);
}

describe('structured output: buttons and mentions are fields, not text', () => {
  it('the completion notice to the owner carries the rating buttons and the owner as mention; staff replies carry neither', async () => {
    tr = await Transcript.open();
    const readBack = await send('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 明天上午');
    expect(readBack[0]?.mention).toEqual({ id: 'owner-王女士', name: '王女士' });
    expect(readBack[0]?.text.startsWith('@王女士 ')).toBe(true);
    await send('王女士', 'owners', '确认');
    await send('zhang', 'engineering', '接单 R0001');
    const done = await send('zhang', 'engineering', '完成 R0001 换了角阀');
    const toOwner = done.find((o) => o.chat.id === 'owners')!;
    expect(toOwner.mention).toEqual({ id: 'owner-王女士', name: '王女士' });
    expect(toOwner.quickReplies?.map((q) => q.text)).toEqual(['满意', '基本满意', '不满意']);
    const toStaff = done.find((o) => o.chat.id === 'engineering')!;
    expect(toStaff.mention).toBeUndefined();
    expect(toStaff.quickReplies).toBeUndefined();
  });

  it('a staff reply (回复) that happens to quote the rating sentence gets no buttons', async () => {
    tr = await Transcript.open();
    await send('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 明天上午');
    await send('王女士', 'owners', '确认');
    const out = await send('li', 'office', '回复 R0001 完工后会请为质量、及时、态度打分,先别急');
    const toOwner = out.find((o) => o.chat.id === 'owners')!;
    expect(toOwner.text).toContain('请为质量、及时、态度打分');
    expect(toOwner.quickReplies).toBeUndefined();
  });
});
