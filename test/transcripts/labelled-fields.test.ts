import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Policy 4.1.1: the record says the problem; the room and the phone are fields of their own, however they are typed. */
describe('fields typed with their labels', () => {
  it('"报修 内容:马桶堵了 地点:5栋502 时间:随时" is read field by field, with no label left in the description', async () => {
    tr = await Transcript.open();
    const readBack = (await tr.say('王女士', 'owners', '报修 内容:马桶堵了 地点:5栋502 时间:随时')).at(-1);
    expect(readBack).toContain('地点:5栋502\n');
    expect(readBack).toContain('内容:马桶堵了\n');
    expect(readBack).toContain('时间:随时\n');
  });

  it('"内容:我家6栋301马桶又堵了 电话…" at the read-back is tidied as a request is: the room and the phone become theirs', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋502 马桶堵了 随时');
    const readBack = (await tr.say('王女士', 'owners', '内容:我家6栋301马桶又堵了 电话13800138000')).at(-1);
    expect(readBack).toContain('内容:马桶又堵了\n');
    expect(readBack).toContain('地点:6栋301\n');
    expect(readBack).toContain('电话:138****8000');
    await tr.say('王女士', 'owners', '确认');
    expect((await tr.store.getTicket('R0001'))?.description).toBe('马桶又堵了');
  });
});

describe('a labelled answer to a question', () => {
  it('"内容:马桶堵了" answering 请简单说一下… is the description, not a change of one', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋502');
    const next = (await tr.say('王女士', 'owners', '内容:我家马桶堵了')).at(-1);
    expect(next).not.toContain('已改为');
    expect(next).toContain('请问什么时间方便师傅上门');
    expect((await tr.say('王女士', 'owners', '随时')).at(-1)).toContain('内容:我家马桶堵了\n');
  });
});
