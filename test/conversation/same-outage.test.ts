import { afterEach, describe, expect, it } from 'vitest';
import { Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

describe('one outage, many owners (policy 4.3.2.4; seen in play: every "我家也没水了" got an offer)', () => {
  it('a second report of the same outage is told its number and goes into its history; another building or kind is its own', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    // A building is place enough for an outage: it was asked 哪个房间 and 确认 met 还差房号.
    const first = await tr.say('孙女士', 'owners', '5栋停水了 什么时候来水啊', { mention: true });
    expect(first[0]).toContain('地点:5栋');
    expect((await tr.say('孙女士', 'owners', '确认')).join('\n')).toContain('【新协助处理】C0001  条款 4.3.2.4');

    // Neighbours in the group, without @: told the number, no offer, no second ticket.
    const also = await tr.say('刘先生', 'owners', '好像是的 我家也没水了');
    expect(also).toEqual([expect.stringMatching(/^\[owners\] @刘先生 11月27日 \d\d:\d\d 已有业主报告停水\(C0001\),管理处正在跟进\(制度4\.3\.2\.4\)/)]);
    expect(await tr.say('王大爷', 'owners', '五栋2单元也没水')).toHaveLength(1);
    // Said again by someone already told: nothing more in the group.
    expect(await tr.say('刘先生', 'owners', '我家也没水了')).toEqual([]);
    const ticket = await tr.store.getTicket('C0001');
    const reports = ticket!.history.filter((e) => e.type === 'relayed' && e.by.kind === 'owner').map((e) => `${e.by.name}:${'text' in e ? e.text : ''}`);
    expect(reports).toEqual(['刘先生:也报告停水:好像是的 我家也没水了', '王大爷:也报告停水:五栋2单元也没水']);
    expect(await tr.store.listTickets()).toHaveLength(1);

    // Another building, or another kind of outage, is not this one.
    expect((await tr.say('赵先生', 'owners', '8栋也停水了', { mention: true }))[0]).toContain('地点:8栋');
    expect((await tr.say('钱女士', 'owners', '5栋停电了', { mention: true }))[0]).toContain('请核对');
    // Six hours on, a report of 停水 is a new matter again.
    tr.clock.advance(7 * 3_600_000);
    expect((await tr.say('周先生', 'owners', '5栋又停水了', { mention: true })).join('\n')).not.toContain('已有业主报告');
  });

  it('a phone battery or an outage that is closed is no join', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('孙女士', 'owners', '5栋停电了', { mention: true });
    await tr.say('孙女士', 'owners', '确认');
    expect((await tr.say('刘先生', 'owners', '手机没电了', { mention: true })).join('\n')).not.toContain('已有业主报告');
    await tr.say('li', 'office', '完成 C0001 供电局已恢复供电');
    expect((await tr.say('王大爷', 'owners', '5栋停电了', { mention: true })).join('\n')).not.toContain('已有业主报告');
  });

  it('the owners who joined hear when it is taken, what the office tells them and when it is over (seen in play: only the first reporter did)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('孙女士', 'owners', '5栋停电了', { mention: true });
    await tr.say('孙女士', 'owners', '确认');
    await tr.say('刘先生', 'owners', '我家也停电了');
    const taken = (await tr.say('li', 'office', '接单 C0001')).join('\n');
    expect(taken).toContain('@孙女士 您的投诉 C0001 已由');
    expect(taken).toContain('@刘先生 您报告的停电 C0001 已由');
    const told = (await tr.say('li', 'office', '回复 C0001 供电局说下午3点前恢复')).join('\n');
    expect(told).toContain('@孙女士 【C0001 回复】供电局说下午3点前恢复');
    expect(told).toContain('@刘先生 【您报告的停电 C0001 进展】供电局说下午3点前恢复');
    const over = (await tr.say('li', 'office', '完成 C0001 已恢复供电')).join('\n');
    expect(over).toContain('@刘先生 您报告的停电 C0001 已处理完毕:已恢复供电');
    // The first reporter alone is asked to rate.
    expect(over.match(/打分/g)).toHaveLength(1);
  });

  it('进度 C0001 with a sentence shows the record and says the sentence was not sent, with the command that sends it', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('孙女士', 'owners', '5栋停电了', { mention: true });
    await tr.say('孙女士', 'owners', '确认');
    const shown = await tr.say('li', 'office', '进度 C0001 供电局说下午3点前恢复');
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('「供电局说下午3点前恢复」没有发给业主;要告诉业主,请发「回复 C0001 供电局说下午3点前恢复」');
    expect((await tr.say('li', 'office', '查 C0001')).join('\n')).not.toContain('没有发给业主');
  });
});
