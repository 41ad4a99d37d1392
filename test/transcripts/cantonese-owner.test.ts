import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** An owner writing Cantonese, about work in progress (policy 4.2.1.1 跟踪, 5.3 件件有回音). */
describe('Cantonese about a ticket', () => {
  it('"R0001 幾時嚟呀" gets the ticket (it was asked 报修、投诉还是咨询); "唔該晒" gets a word back, not the command list', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('黄生', 'dm', '报修 8座1502 冷气机唔凍 聽日朝早 13922224444');
    await tr.say('黄生', 'dm', '確認');
    const asked = await tr.say('黄生', 'dm', 'R0001 幾時嚟呀');
    expect(asked[0]).toContain('R0001 报修');
    expect(asked[0]).not.toContain('请问这是');
    const thanks = await tr.say('黄生', 'dm', '唔該晒');
    expect(thanks.join('\n')).not.toContain('可以这样找我');
    expect(thanks).toHaveLength(1);
  });

  it('"師傅仲未嚟" chases the work, and "唔使嚟喇 好返咗" asks to confirm the cancel', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('黄生', 'dm', '报修 8座1502 冷气机唔凍 聽日朝早 13922224444');
    await tr.say('黄生', 'dm', '確認');
    // Both got the command list before.
    const chased = await tr.say('黄生', 'dm', '師傅仲未嚟');
    expect(chased).toContain('[engineering] 【催单】业主催促 R0001(第1次):冷气机唔凍\n业主说:師傅仲未嚟');
    const cancel = await tr.say('黄生', 'dm', '唔使嚟喇 好返咗');
    expect(cancel[0]).toContain('需要取消 R0001');
  });
});
