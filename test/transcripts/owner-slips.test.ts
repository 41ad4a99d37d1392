import { afterEach, describe, expect, it } from 'vitest';
import type { ClassifyFn } from '../../src/core/bot.ts';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

/** Owners' slips met in console play (policy 4.1.1: ask only what is missing, repeat back, record what was meant). */
describe('owners fixing what they said, and dropping it', () => {
  it('"不对 是802" at the time question changes the room number and keeps the building and unit', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('小王', 'owners', '报修 12动2单元803卫生间花洒坏了');
    const fixed = await tr.say('小王', 'owners', '不对 是802');
    expect(fixed.at(-1)).toContain('地点已改为:12栋2单元802');
    expect(fixed.at(-1)).toContain('请问什么时间方便师傅上门');
    expect((await tr.say('小王', 'owners', '明天晚上7点以后')).at(-1)).toContain('地点:12栋2单元802\n');
  });

  it('at the read-back, "不是803 是802" and "房号改成1202" change the flat in the same building and unit', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('小李', 'dm', '报修 5栋2单元803 厨房水龙头坏了 随时');
    expect((await tr.say('小李', 'dm', '不是803 是802')).at(-1)).toContain('地点:5栋2单元802\n');
    expect((await tr.say('小李', 'dm', '房号改成1202')).at(-1)).toContain('地点:5栋2单元1202\n');
  });

  it('"算了不用了" at the time question drops the request; "不用了谢谢" at the read-back too', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('周姐', 'owners', '报修 6栋301 空调漏水');
    expect(await tr.say('周姐', 'owners', '算了不用了')).toEqual(['[owners] @周姐 已取消,本次内容没有登记。需要时随时找我。']);
    await tr.say('周姐', 'owners', '报修 6栋301 空调漏水 随时');
    await tr.say('周姐', 'owners', '13800138000');
    expect((await tr.say('周姐', 'owners', '不用了谢谢')).at(-1)).toContain('已取消');
    expect(await tr.store.listTickets()).toHaveLength(0);
  });

  it('a greeting run into the matter ("你好我家厨房…") is not part of the record', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = await tr.say('陈阿姨', 'owners', '你好我家厨房的水龙头一直滴水关不紧 8栋1单元1703 明天上午都在家', { mention: true });
    expect(out.at(-1)).toContain('内容:厨房的水龙头一直滴水关不紧\n');
  });
});

describe('the kind question answered with the details', () => {
  // The classifier cannot place the words (a stand-in: this is about the conversation, not the rules).
  const unsure: ClassifyFn = () => ({ label: 'other', clause: null, unit: null, major: false, confidence: 0.3 });

  it('a phone, or a flat and a time, after 报修、投诉还是咨询 is kept and the kind asked again; 报修 then reads it all back', async () => {
    tr = await Transcript.open({ classify: unsure });
    expect((await tr.say('李伯', 'owners', '我屋企个厕所塞咗啊 3座1402', { mention: true })).at(-1)).toContain('报修(要修东西)');
    const phone = await tr.say('李伯', 'owners', '+86 138 2222 3333');
    expect(phone.at(-1)).toContain('请问这是:报修');
    expect(phone.join('\n')).not.toContain('13822223333');
    const time = await tr.say('李伯', 'owners', '听日下昼得闲');
    expect(time.at(-1)).toContain('请问这是:报修');
    const readBack = await tr.say('李伯', 'owners', '报修');
    expect(readBack.at(-1)).toContain('地点:3栋1402\n');
    expect(readBack.at(-1)).toContain('电话:138****3333');
    expect(readBack.at(-1)).toContain('时间:11月28日 14:00');
  });
});
