import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../src/clock.ts';
import { BUILTIN_RULES } from '../../src/config/load.ts';
import { loadUrgentRules, parseUrgentFile, parseUrgentRules, urgentMatcher } from '../../src/conversation/urgent.ts';
import { coreServices } from '../../app/compose.ts';
import { ReminderScan } from '../../src/jobs/reminder-scan.ts';
import { ledgerTable } from '../../src/reports/ledger-export.ts';
import { render, Transcript } from '../helpers/transcript.ts';

let tr: Transcript;
afterEach(async () => {
  await tr?.close();
});

const scan = async () => (await new ReminderScan({ config: tr.config, store: tr.store, clock: tr.clock, ...coreServices(tr.config, tr.store, tr.clock) }).scan()).map(render);

describe('emergencies are recorded at once and alert everyone (issue 16 §1, policy 3.1)', () => {
  it('a lift entrapment: recorded without the read-back, 【紧急】 to engineering, office head and managers, the owner told help is coming', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    const out = await tr.say('王女士', 'owners', '3栋电梯卡在5楼了,里面有人困住了!快来人', { mention: true });
    // The owner's answer comes first and says help is on the way, with the 24-hour number, before any question.
    expect(out[0]).toMatch(/^\[owners\] @王女士 【紧急】已登记 R0001,已同时通知工程班、秩序部、管理处主任和公司领导,工程班、秩序部马上派人赶到。/);
    expect(out[0]).toContain('24小时值班电话:0755-8888 1001(24小时)');
    expect(out[0]).toContain('请直接回复能打通的电话');
    expect(out[0]).not.toContain('请问什么时间');
    expect(out[0]).not.toContain('请核对');
    const chats = out.slice(1).map((l) => /^\[(\w+)\]/.exec(l)?.[1]);
    // No office_head chat in the sample config: the head reads the office chat. The guards answer the lift's intercom
    // and meet the rescuers (policy 4.2.1; seen in play: they never heard of an entrapment).
    expect(chats).toEqual(['engineering', 'security', 'office', 'managers']);
    for (const line of out.slice(1)) expect(line).toMatch(/【紧急】R0001 电梯困人/);
    const ticket = await tr.store.getTicket('R0001');
    expect(ticket).toMatchObject({ status: 'open', urgent: '电梯困人', major: true, location: { kind: 'public', place: '3栋电梯' } });
    expect(ticket?.history.map((e) => e.type)).toEqual(['created', 'notified', 'notified', 'notified', 'notified']);

    // Then what was missing: the owner's next message goes to the people on their way.
    const more = await tr.say('王女士', 'owners', '3栋2单元东边那部,我电话13800138000');
    expect(more[0]).toBe('[owners] @王女士 收到,已转给现场人员(R0001)。');
    expect(more[1]).toMatch(/^\[engineering\] 【紧急补充】R0001 电梯困人:3栋2单元东边那部/);
    // Where exactly goes on the record too, with the first place beside it (field trial: it stayed "3栋电梯").
    expect((await tr.store.getTicket('R0001'))?.location).toEqual({ kind: 'public', place: '3栋2单元东边那部(3栋电梯)', text: '3栋2单元东边那部(3栋电梯)' });
  });

  it('every message while help is on its way reaches the responders until the work is done; a new request is itself (field trial)', async () => {
    tr = await Transcript.open();
    await tr.say('钱先生', 'owners', '电梯困人了 快来人', { mention: true });
    expect((await tr.say('钱先生', 'owners', '2栋1单元 东边那部电梯'))[1]).toBe('[engineering] 【紧急补充】R0001 电梯困人:2栋1单元 东边那部电梯');
    expect((await tr.store.getTicket('R0001'))?.location).toMatchObject({ kind: 'public', place: '2栋1单元 东边那部电梯' });
    // The field trial: this second message met silence, and the engineer rushed on without knowing.
    const out = await tr.say('钱先生', 'owners', '人已经出来了,谢谢');
    expect(out[0]).toBe('[owners] @钱先生 收到,已转给现场人员(R0001)。');
    expect(out[1]).toBe('[engineering] 【紧急补充】R0001 电梯困人:人已经出来了,谢谢');
    expect((await tr.store.getTicket('R0001'))?.history.filter((e) => e.type === 'relayed').map((e) => 'text' in e && e.text)).toEqual([
      '2栋1单元 东边那部电梯',
      '人已经出来了,谢谢',
    ]);
    // A new request from the same owner is not swallowed into the emergency.
    const request = await tr.say('钱先生', 'owners', '报修 2栋1单元301 阳台灯不亮 随时');
    expect(request[0]).toContain('请核对');
    await tr.say('钱先生', 'owners', '取消');
    // Once the work is done, the owner's words are ordinary again.
    await tr.say('zhang', 'engineering', '接单 R0001');
    await tr.say('zhang', 'engineering', '完成 R0001 电梯复位,人已安全');
    expect((await tr.say('钱先生', 'owners', '今天天气不错')).join('\n')).not.toContain('紧急补充');
  });

  it('what the owner says next is relayed even when nothing was missing (seen in play: it drew an offer instead)', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 厨房水管漏水 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    const first = await tr.say('王女士', 'owners', '电梯关人了');
    expect(first[0]).not.toContain('请直接回复');
    const more = await tr.say('王女士', 'owners', '3栋东边那部');
    expect(more).toEqual(['[owners] @王女士 收到,已转给现场人员(R0002)。', '[engineering] 【紧急补充】R0002 电梯困人:3栋东边那部',
      '[security] 【紧急补充】R0002 电梯困人:3栋东边那部',
    ]);
    expect((await tr.store.getTicket('R0002'))?.location).toMatchObject({ place: '3栋东边那部(电梯)' });
  });

  it('确认 after an emergency is not relayed; 地点改成… corrects the place on the record and tells the responders (seen in play)', async () => {
    tr = await Transcript.open();
    await tr.say('业主F', 'owners', '救命 电梯困人了 9栋2单元电梯 我妈在里面', { mention: true });
    expect(await tr.say('业主F', 'owners', '确认')).toEqual(['[owners] @业主F R0001 已经登记,不用确认,现场人员已在路上。有新情况请直接在这里说。']);
    const moved = await tr.say('业主F', 'owners', '地点改成9栋1单元电梯');
    expect(moved).toEqual(['[owners] @业主F 已把地点改为 9栋1单元电梯,已告诉现场人员(R0001)。', '[engineering] 【紧急更正】R0001 电梯困人:地点改为 9栋1单元电梯',
      '[security] 【紧急更正】R0001 电梯困人:地点改为 9栋1单元电梯',
    ]);
    expect((await tr.store.getTicket('R0001'))?.location).toMatchObject({ place: '9栋1单元电梯' });
    // Still following the emergency: what comes next is relayed as before.
    expect((await tr.say('业主F', 'owners', '门开了一点 人还在里面'))[1]).toBe('[engineering] 【紧急补充】R0001 电梯困人:门开了一点 人还在里面');
  });

  it('a question the FAQ answers while help is on its way is answered, not relayed; the follow-up stays open (seen in play)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    await tr.say('王女士', 'owners', '3栋电梯关人了');
    const asked = await tr.say('王女士', 'owners', '物业费怎么交');
    expect(asked[0]).toContain('住宅物业费为每月每平方米2.5元');
    expect(asked.join('\n')).not.toContain('紧急补充');
    expect(await tr.say('王女士', 'owners', '人已经出来了')).toEqual(['[owners] @王女士 收到,已转给现场人员(R0001)。', '[engineering] 【紧急补充】R0001 电梯困人:人已经出来了',
      '[security] 【紧急补充】R0001 电梯困人:人已经出来了',
    ]);
  });

  it('the landline an owner answers with goes on the record: in full to the engineer in private, masked in the unit chat', async () => {
    tr = await Transcript.open();
    await tr.say('李阿姨', 'owners', '电梯困人了,我孙子困在里面', { mention: true });
    const more = await tr.say('李阿姨', 'owners', '我家座机 0755-26651234');
    expect(more[0]).toBe('[owners] @李阿姨 收到,已转给现场人员(R0001)。');
    expect(more[1]).toContain('0755-****1234');
    expect(more[1]).toContain('私聊我发「查 R0001」看完整号码');
    expect(more.join('\n')).not.toContain('26651234');
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBe('0755-26651234');
    const inPrivate = (await tr.say('zhang', 'dm', '查 R0001'))[0]!;
    expect(inPrivate).toContain('业主:李阿姨 0755-26651234');
    // Minutes, not the three days of an ordinary repair, are what the engineer must see first.
    expect(inPrivate).toMatch(/紧急时钟:已报 0 分钟,无人接单;5 分钟再催工程班/);
    const inGroup = (await tr.say('zhang', 'engineering', '查 R0001'))[0]!;
    expect(inGroup).toContain('业主:李阿姨 0755-****1234');
    // The same number again is not recorded twice.
    await tr.say('李阿姨', 'owners', '快点啊 0755 2665 1234');
    expect((await tr.store.getTicket('R0001'))?.history.filter((e) => e.type === 'amended')).toHaveLength(1);
  });

  it('a second owner reporting the same emergency (same building, or saying so) joins the first ticket instead of alerting leadership again', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '3栋电梯有人被困!', { mention: true });
    const second = await tr.say('刘先生', 'owners', '3号楼电梯困人了快来人');
    // The second reporter hears the number and that the engineers are on their way (on-call engineer: one event, one ticket).
    expect(second[0]).toBe('[owners] @刘先生 这件紧急情况已有人报告,工单 R0001,工程班、秩序部已在赶往现场,您说的已转给现场人员;有新情况请直接在这里说。');
    expect(second.filter((l) => l.startsWith('[managers]'))).toEqual([]);
    expect(second[1]).toBe('[engineering] 【紧急补充】R0001 电梯困人:刘先生:3号楼电梯困人了快来人');
    // Seen in play: a third owner chasing the same lift in other words got 需要我帮您登记吗.
    expect((await tr.say('陈阿姨', 'owners', '3栋那部电梯还关着人呢 快点'))[0]).toContain('这件紧急情况已有人报告');
    // No place, but the owner says it is the one already reported.
    expect((await tr.say('孙先生', 'owners', '就是刚才那部电梯 里面有人出不来'))[0]).toContain('这件紧急情况已有人报告');
    expect(await tr.store.listTickets()).toHaveLength(1);
  });

  it('two owners reporting one lift without naming a place make one ticket; the second is on it, follows it, and a building other than the one named later is its own (field trial)', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '电梯困人了 快来');
    // The field trial: a second ticket, whose notice named the first and the close command.
    const second = await tr.say('刘先生', 'owners', '有人被困住了 按警铃没人应');
    expect(second[0]).toBe('[owners] @刘先生 这件紧急情况已有人报告,工单 R0001,工程班、秩序部已在赶往现场,您说的已转给现场人员;有新情况请直接在这里说。');
    expect(second.slice(1)).toEqual([
      '[engineering] 【紧急补充】R0001 电梯困人:刘先生:有人被困住了 按警铃没人应',
      '[security] 【紧急补充】R0001 电梯困人:刘先生:有人被困住了 按警铃没人应',
    ]);
    // The second reporter is on the record, may follow the ticket, and what they say next reaches the engineers.
    expect((await tr.store.getTicket('R0001'))?.history.findLast((e) => e.type === 'relayed')?.by).toMatchObject({ kind: 'owner', name: '刘先生' });
    expect((await tr.say('刘先生', 'owners', '查询 R0001'))[0]).toContain('R0001 报修');
    expect(await tr.say('刘先生', 'owners', '还没人来 我电话13900000001')).toEqual([
      '[owners] @刘先生 收到,已转给现场人员(R0001)。',
      '[engineering] 【紧急补充】R0001 电梯困人:刘先生:还没人来 我电话139****0001',
      '[security] 【紧急补充】R0001 电梯困人:刘先生:还没人来 我电话139****0001',
    ]);
    // Their number is not put on the first owner's record; nor may they call the ticket off.
    expect((await tr.store.getTicket('R0001'))?.owner.phone).toBeUndefined();
    expect((await tr.say('刘先生', 'owners', '取消 R0001'))[0]).not.toContain('已取消');
    // Where it is, from a third owner: the ticket learns the building, and a lift in another building is its own.
    await tr.say('陈阿姨', 'owners', '5栋电梯困人了');
    expect((await tr.store.getTicket('R0001'))?.location).toMatchObject({ place: '5栋电梯' });
    expect((await tr.say('钱先生', 'owners', '3栋电梯困人了'))[0]).toContain('【紧急】已登记 R0002');
    expect((await tr.store.getTicket('R0001'))?.status).toBe('open');
    // Everyone who reported it hears when it is taken and when it is done; only the first owner is asked to rate.
    const taken = await tr.say('zhang', 'engineering', '接单 R0001');
    // The two who joined it in the owners' group hear it in one message naming both (not one copy each).
    expect(taken).toContain('[owners] @刘先生 @陈阿姨 您报告的紧急情况 R0001 已由 张工 受理。');
    expect(taken.filter((l) => l.includes('受理'))).toHaveLength(3);
    const done = await tr.say('zhang', 'engineering', '完成 R0001 人已救出 电梯已停用待修');
    expect(done).toContain('[owners] @刘先生 @陈阿姨 您报告的紧急情况 R0001 已处理完毕:人已救出 电梯已停用待修');
    expect(done.filter((l) => l.includes('请为质量'))).toHaveLength(1);
    // Past the window in rules/conversation/urgent.yaml (same_event.minutes), an open report without a place no longer
    // takes in new ones: within it, it does.
    expect((await tr.say('孙先生', 'owners', '电梯困人了'))[0]).toContain('【紧急】已登记 R0003');
    tr.clock.advance(29 * MINUTE);
    expect((await tr.say('周先生', 'owners', '电梯里有人出不来'))[0]).toContain('工单 R0003');
    tr.clock.advance(2 * MINUTE);
    expect((await tr.say('何先生', 'owners', '电梯里有人出不来'))[0]).toContain('【紧急】已登记 R0004');
    // Someone hurt is join_unplaced: false: a second person hurt somewhere is a second patient, unless said to be the same.
    await tr.say('周女士', 'owners', '有人晕倒了 快来');
    expect((await tr.say('吴先生', 'owners', '花园里有人摔伤了'))[0]).toContain('【紧急】已登记 S0002');
    expect((await tr.say('郑先生', 'owners', '就是刚才那个晕倒的 在3栋门口'))[0]).toContain('这件紧急情况已有人报告,工单 S0001');
  });

  it('another building, "也", no place, or a second person hurt is a ticket of its own, naming the earlier one (field trial)', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '3栋电梯有人被困!', { mention: true });
    // The field trial: this joined R0001, and the people stuck in building 5 waited for nobody.
    const other = await tr.say('陈阿姨', 'owners', '我们5栋这部电梯也关人了');
    expect(other[0]).toMatch(/^\[owners\] @陈阿姨 【紧急】已登记 R0002,/);
    expect(other.filter((l) => l.startsWith('[managers]'))).toHaveLength(1);
    // The responders learn of the earlier one, and how to close a duplicate.
    expect(other.find((l) => l.startsWith('[engineering]'))).toContain(
      '30分钟内另有同类紧急 R0001(3栋电梯),地点不同或未说明,已另开 R0002;如是同一件事:关闭 R0002 重复 R0001',
    );
    // 另一部 at the same building says another lift; a report with no place is not taken for either.
    expect((await tr.say('钱先生', 'owners', '3栋另一部电梯也困人了'))[0]).toContain('已登记 R0003');
    const unplaced = await tr.say('孙先生', 'owners', '电梯困人了');
    expect(unplaced[0]).toContain('已登记 R0004');
    expect(unplaced.find((l) => l.startsWith('[engineering]'))).toContain('30分钟内另有同类紧急 R0001(3栋电梯)、R0002(5栋电梯)、R0003(3栋电梯)');
    // 也 alone at the same building is the same event: smoke in the stairwell of the building on fire.
    await tr.say('何先生', 'owners', '7栋着火了');
    expect((await tr.say('吕女士', 'owners', '7栋楼道也冒烟了'))[0]).toContain('这件紧急情况已有人报告');
    // Two people hurt in two places are two tickets, each with its own responders.
    await tr.say('周女士', 'owners', '有人在2栋大堂摔倒了起不来');
    await tr.say('吴先生', 'owners', '花园里有个老人晕倒了');
    expect((await tr.store.listTickets()).filter((t) => t.urgent === '有人受伤').map((t) => t.location?.text)).toEqual(['2栋大堂', '花园']);
    // Two flats in one building are two places: a break-in in each is two tickets; the same flat again joins.
    await tr.say('郑先生', 'owners', '5栋2单元502 家里进小偷了');
    await tr.say('冯女士', 'owners', '5栋1单元101 家里进小偷了');
    expect((await tr.say('卫先生', 'owners', '5栋2单元502 进小偷了 人还在里面'))[0]).toContain('这件紧急情况已有人报告');
    expect((await tr.store.listTickets()).filter((t) => t.urgent === '治安事件').map((t) => t.location?.text)).toEqual(['5栋2单元502', '5栋1单元101']);
    // The office closes a duplicate with the words the notice gave.
    expect((await tr.say('li', 'office', '关闭 R0004 重复 R0001'))[0]).toContain('R0004');
    expect((await tr.store.getTicket('R0004'))?.status).toBe('closed');
    // "Same" words with a building join the one at that building, not simply the latest (R0003).
    expect((await tr.say('秦女士', 'owners', '就是刚才5栋那部电梯 里面有人出不来'))[1]).toMatch(/^\[engineering\] 【紧急补充】R0002 /);
    // An earlier report is named in the hint (seen in play: "R0001" alone): by its building, which is on its record
    // ("8栋着火了" had no 地点 line, seen in play).
    await tr.say('沈先生', 'owners', '4栋有煤气味');
    expect((await tr.store.getTicket('R0005'))?.location).toEqual({ kind: 'public', place: '4栋', text: '4栋' });
    expect((await tr.say('韩女士', 'owners', '6栋也有煤气味')).find((l) => l.startsWith('[engineering]'))).toContain('30分钟内另有同类紧急 R0005(4栋)');
    // The brief's own case: the owner's words say it is another lift, with no building named.
    expect((await tr.say('褚先生', 'owners', '我们这部电梯也关人了'))[0]).toContain('【紧急】已登记 R0007');
  });

  it('gas, smoke, flooding, electric shock and injuries are emergencies too; a drill or a fee question is not', async () => {
    tr = await Transcript.open();
    const reports = ['厨房一股煤气味,怎么办', '楼道里冒烟了', '地下室水管爆了,满地都是水', '小孩在花园被电到了', '有人在大堂摔倒了起不来'];
    for (const [i, text] of reports.entries()) {
      const out = await tr.say(`业主${i}`, 'owners', text, { mention: true });
      expect(out[0], text).toContain('【紧急】已登记');
    }
    // Fires and injuries are incidents for the duty log (S…), the rest repairs (R…): compared as a set.
    expect((await tr.store.listTickets()).map((t) => t.urgent).sort()).toEqual(['燃气泄漏', '火情/冒烟', '水淹/爆管', '触电/漏电', '有人受伤'].sort());
    const drill = await tr.say('孙先生', 'owners', '下周消防演习会不会冒烟?', { mention: true });
    expect(drill.join('\n')).not.toContain('【紧急】');
    // A fear is not an emergency: a broken lamp in the rain, a fire door that would not open "万一着火".
    for (const text of ['院子里那盏庭院灯的灯罩掉了 下雨天怕漏电 麻烦看看', '顶楼消防门的推杠锁坏了 推不开 万一着火咋办']) {
      expect((await tr.say('孙先生', 'owners', text)).join('\n'), text).not.toContain('【紧急】');
    }
    // Written in traditional characters, it is the same emergency.
    tr.clock.advance(31 * 60_000);
    expect((await tr.say('周先生', 'owners', '2栋電梯困人呀 快啲嚟'))[0]).toContain('【紧急】已登记');
    expect((await tr.say('吴女士', 'owners', '3棟樓道著火了'))[0]).toContain('【紧急】已登记');
  });

  it('a lift with someone stuck in it, in other words, is an emergency; a thing left in a lift is not (field trial)', async () => {
    tr = await Transcript.open();
    // Seen in play: "我孙子在里面" drew only 需要我帮您登记吗 (the family words were missing).
    const reports = ['电梯关人了', '电梯里有人出不来', '电梯坏了 我妈在里面', '电梯停在两层中间 里面有人喊', '3栋电梯卡在12楼了 我孙子在里面!!', '电梯不动了 我女儿在里头'];
    for (const [i, text] of reports.entries()) {
      // The field trial: each of these got no answer at all.
      expect((await tr.say(`业主${i}`, 'owners', text))[0], text).toContain('【紧急】已登记');
      tr.clock.advance(31 * 60_000); // past the window in which a second report joins the first ticket
    }
    expect((await tr.store.listTickets()).map((t) => t.urgent)).toEqual(reports.map(() => '电梯困人'));
    for (const text of ['电梯里有人抽烟', '快递箱忘在电梯里了 东西都在里面', '电梯里面贴的广告太多']) {
      expect((await tr.say('孙先生', 'owners', text)).join('\n'), text).not.toContain('【紧急】');
    }
  });

  it('someone shut in a lift (被关) is an emergency; the lift shut down is not (seen in play)', async () => {
    tr = await Transcript.open();
    // Seen in play: "9栋电梯里有人被关了 快来" was asked 报修、投诉还是咨询.
    const reports = ['9栋电梯里有人被关了 快来', '我被关电梯里了', '电梯把人关里面了', '我妈被关在3栋电梯里'];
    for (const [i, text] of reports.entries()) {
      expect((await tr.say(`业主${i}`, 'owners', text, { mention: true }))[0], text).toContain('【紧急】已登记');
      tr.clock.advance(31 * 60_000);
    }
    for (const text of ['3栋电梯被关了 怎么回事', '晚上电梯关了吗', '电梯门关不上']) {
      expect((await tr.say('孙先生', 'owners', text, { mention: true })).join('\n'), text).not.toContain('【紧急】');
    }
  });

  it('a lift stopped with people inside, a person falling and a fight going on are emergencies; a thing falling and a past fight are not (seen in play)', async () => {
    tr = await Transcript.open();
    const reports: [string, string][] = [
      ['电梯停了 里面有人', '电梯困人'],
      ['5栋电梯突然往下掉 里面有人', '电梯困人'],
      ['有人从楼上掉下来了', '有人受伤'],
      ['楼下有人打架 打得很凶', '治安事件'],
      ['6栋门口两个人打起来了', '治安事件'],
    ];
    for (const [i, [text]] of reports.entries()) {
      expect((await tr.say(`业主${i}`, 'owners', text, { mention: true }))[0], text).toContain('【紧急】已登记');
      tr.clock.advance(31 * 60_000);
    }
    expect((await tr.store.listTickets()).map((t) => t.urgent)).toEqual(reports.map(([, kind]) => kind));
    for (const text of ['电梯里面有人抽烟', '花盆从楼上掉下来了 差点砸到车', '昨天楼下有人打架 物业也不管']) {
      expect((await tr.say('孙先生', 'owners', text, { mention: true })).join('\n'), text).not.toContain('【紧急】');
    }
  });

  it('a fall, a trapped child, a bite, gas heard leaking, sewage and a break-in are emergencies; a flat tyre is not (field trial)', async () => {
    tr = await Transcript.open();
    const reports: Array<[string, string]> = [
      ['有人从楼上摔下来了', '有人受伤'],
      ['小孩头卡在栏杆里了', '有人受伤'],
      ['大狗把小孩咬了', '有人受伤'],
      ['天然气管道在漏气 嘶嘶响', '燃气泄漏'],
      ['下水道反水 整个卫生间都是污水', '水淹/爆管'],
      ['家里进小偷了', '治安事件'],
      // Seen in play: this drew 需要我帮您登记吗 (only 撬门 was known).
      ['有人撬我家门 6栋2单元301 快来人', '治安事件'],
    ];
    for (const [i, [text]] of reports.entries()) {
      expect((await tr.say(`业主${i}`, 'owners', text))[0], text).toContain('【紧急】已登记');
      tr.clock.advance(31 * 60_000); // past the window in which a report of the same kind joins the first ticket
    }
    expect((await tr.store.listTickets()).map((t) => t.urgent)).toEqual(reports.map(([, kind]) => kind));
    expect((await tr.say('孙先生', 'owners', '自行车轮胎漏气了', { mention: true })).join('\n')).not.toContain('【紧急】');
  });

  it('a break-in goes to security (秩序部) as an incident for the duty log, not a 报修 for 工程班; the owner hears who is coming (field trial)', async () => {
    tr = await Transcript.open();
    const out = await tr.say('王女士', 'owners', '家里进小偷了 还拿着刀 5栋2单元502');
    expect(out[0]).toMatch(/^\[owners\] @王女士 【紧急】已登记 S0001,已同时通知秩序部、管理处主任和公司领导,秩序部马上派人赶到。/);
    expect(out[0]).toContain('请先注意自身安全,不要与对方冲突;情况紧急请马上拨打110。');
    // Not the engineers: the guards, the office head (in the office chat) and leadership.
    expect(out.slice(1).map((l) => /^\[(\w+)\]/.exec(l)?.[1])).toEqual(['security', 'office', 'managers']);
    expect(out[1]).toMatch(/^\[security\] 【紧急】S0001 治安事件:秩序部请立即赶到现场,业主已被告知秩序部马上有人到。\n【新突发事件】S0001【重大】  条款 4.2.1/);
    // Policy 3.1 / 4.2.1: the duty log, the unit it concerns; no repair notice.
    expect(await tr.store.getTicket('S0001')).toMatchObject({ category: 'incident', clause: '4.2.1', unit: 'security', urgent: '治安事件', major: true });
    // What the owner says next reaches the guards; the guard takes it and the owner hears his name.
    expect(await tr.say('王女士', 'owners', '人往东门跑了')).toEqual([
      '[owners] @王女士 收到,已转给现场人员(S0001)。',
      '[security] 【紧急补充】S0001 治安事件:人往东门跑了',
    ]);
    // Given to the guard by the office head: his notice offers what he does at an emergency, not a visit to book.
    const given = await tr.say('li', 'office', '派单 S0001 王队长');
    expect(given.find((l) => l.startsWith('[security]'))).toContain('可用指令:回复 S0001 内容 · 完成 S0001 结果');
    expect(given).toContain('[owners] @王女士 您的紧急求助 S0001 已由 王队长 受理,会尽快联系您。');
    // A lift is still the engineers' repair (4.2.1.1); the guards are told too, to help (4.2.1).
    const lift = await tr.say('刘先生', 'owners', '3栋电梯关人了');
    expect(lift[0]).toContain('已同时通知工程班、秩序部、管理处主任和公司领导,工程班、秩序部马上派人赶到。');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ category: 'repair', clause: '4.2.1.1', unit: 'engineering' });
  });

  it('a fire sends security and engineering; someone hurt sends security; without a security chat the office is told (field trial)', async () => {
    tr = await Transcript.open();
    const fire = await tr.say('王女士', 'owners', '3栋楼道里冒烟了');
    expect(fire[0]).toContain('已同时通知秩序部、工程班、管理处主任和公司领导,秩序部、工程班马上派人赶到。');
    expect(fire.slice(1).map((l) => /^\[(\w+)\]/.exec(l)?.[1])).toEqual(['security', 'engineering', 'office', 'managers']);
    // Engineering helps and is told who holds it, and what it may do there.
    expect(fire[2]).toContain('请配合秩序部处理,工单由秩序部负责;可用指令:接单 S0001(协助) · 回复 S0001 内容 · 完成 S0001 本部门做了什么 · 查 S0001');
    expect(fire[1]).toContain('可用指令:接单 S0001');
    expect(await tr.say('wang', 'security', '接单 S0001')).toContain('[owners] @王女士 您的紧急求助 S0001 已由 王队长 受理,会尽快联系您。');
    // The engineers helping tell the owner what they did, though the guards hold it.
    expect((await tr.say('zhang', 'engineering', '回复 S0001 3栋已断电'))).toContain('[owners] @王女士 【S0001 回复】3栋已断电 —— 张工');
    // What the owner adds reaches both units on their way.
    expect(await tr.say('王女士', 'owners', '是4楼东户 门口有电动车')).toEqual([
      '[owners] @王女士 收到,已转给现场人员(S0001)。',
      '[security] 【紧急补充】S0001 火情/冒烟:是4楼东户 门口有电动车',
      '[engineering] 【紧急补充】S0001 火情/冒烟:是4楼东户 门口有电动车',
    ]);
    expect(await tr.store.getTicket('S0001')).toMatchObject({ category: 'incident', unit: 'security', urgent: '火情/冒烟' });
    const hurt = await tr.say('刘先生', 'owners', '有人在大堂摔倒了起不来');
    expect(hurt[0]).toContain('秩序部马上派人赶到');
    expect(await tr.store.getTicket('S0002')).toMatchObject({ category: 'incident', unit: 'security', urgent: '有人受伤' });
    // Unaccepted for 5 minutes: the guards are chased, not the engineers.
    tr.clock.advance(5 * MINUTE);
    expect((await scan()).filter((l) => l.includes('S0002'))).toEqual([expect.stringMatching(/^\[security\] 【紧急】S0002 有人受伤 已5分钟无人接单!/)]);
    await tr.close();

    tr = await Transcript.open({ configure: (c) => ({ ...c, chats: c.chats.filter((chat) => chat.role !== 'security') }) });
    const noChat = await tr.say('王女士', 'owners', '有人撬门 5栋2单元502');
    expect(noChat[0]).toContain('秩序部马上派人赶到');
    // The office reads it (once, though it is also the office head's chat) and sends someone.
    expect(noChat.slice(1).map((l) => /^\[(\w+)\]/.exec(l)?.[1])).toEqual(['office', 'managers']);
  });

  it('a unit helping at an emergency (工程班 at a fire) may 接单 and 完成 its part; the holder keeps the ticket and its 完成 ends it (field trial)', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '3栋楼道里冒烟了');
    // The field trial: 接单 and 完成 from the engineers were "不在您负责的范围内".
    expect(await tr.say('zhang', 'engineering', '接单 S0001')).toEqual([
      '[engineering] 已记录:工程班 张工 协助处理 S0001(由秩序部负责)。本部门做完请发「完成 S0001 做了什么」。',
      '[owners] @王女士 您的紧急求助 S0001:工程班 张工 已在协助处理。',
      '[security] 【协助】S0001 火情/冒烟:工程班 张工 已接单协助,工单仍由秩序部负责。',
    ]);
    // The ticket still waits for the guards: no handler, still open, and their clock still runs.
    expect(await tr.store.getTicket('S0001')).toMatchObject({ status: 'open', unit: 'security' });
    expect((await tr.store.getTicket('S0001'))?.handler).toBeUndefined();
    expect((await tr.say('zhang', 'engineering', '接单 S0001'))[0]).toContain('已在协助 S0001,不用再接单');
    expect(await tr.say('wang', 'security', '接单 S0001')).toContain('[owners] @王女士 您的紧急求助 S0001 已由 王队长 受理,会尽快联系您。');
    // The engineers' part done: recorded, the guards told; the owner is not told the fire is over.
    expect(await tr.say('zhang', 'engineering', '完成 S0001 3栋已断电 消防泵已开')).toEqual([
      '[engineering] 已记录 工程班在 S0001 的部分已完成,已告知秩序部;整单由秩序部完成。',
      '[security] 【协助完成】S0001 火情/冒烟:工程班 张工:3栋已断电 消防泵已开\n全部处理完请发「完成 S0001 结果」。',
    ]);
    const held = await tr.store.getTicket('S0001');
    expect(held).toMatchObject({ status: 'accepted', handler: { name: '王队长' } });
    expect(held?.history.filter((e) => e.type === 'assisted').map((e) => e.type === 'assisted' && [e.unit, e.part, e.result])).toEqual([
      ['engineering', 'on_it', undefined],
      ['engineering', 'done', '3栋已断电 消防泵已开'],
    ]);
    expect((await tr.say('zhang', 'engineering', '查 S0001'))[0]).toContain('工程班协助完成:3栋已断电 消防泵已开');
    // The holder's 完成 still ends the work.
    await tr.say('wang', 'security', '完成 S0001 明火已扑灭 无人受伤');
    expect((await tr.store.getTicket('S0001'))?.status).toBe('completed');
    expect((await tr.say('zhang', 'engineering', '接单 S0001'))[0]).toContain('不能协助');
    // Units not sent, and strangers, are refused as before: the guards on a burst pipe, an owner in the engineers' chat.
    // (A gas leak now alerts the guards too: policy 4.2.1.)
    await tr.say('刘先生', 'owners', '3栋地下室水管爆了 满地都是水');
    expect(await tr.say('wang', 'security', '接单 R0001')).toEqual(['[security] 工单 R0001 由工程班负责,不在您负责的范围内;需要转交或协助请找主任或管理处。']);
    expect(await tr.say('wang', 'security', '完成 R0001 好了')).toEqual(['[security] 工单 R0001 由工程班负责,不在您负责的范围内;需要转交或协助请找主任或管理处。']);
    expect((await tr.say('路人', 'engineering', '接单 S0002'))[0]).toContain('仅限工作人员');
  });

  it('定性 of a repair as 突发事件 keeps its number, moves it to the duty log only, and tells 秩序部, which takes it with that number (field trial)', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '报修 5栋2单元502 门口楼道有人泼了油漆 13800138000 随时');
    await tr.say('王女士', 'owners', '确认');
    const out = await tr.say('li', 'office', '定性 R0001 突发事件');
    // The field trial: the answer alone, and 秩序部, now responsible, heard nothing.
    expect(out[0]).toBe('[office] R0001 已定性为突发事件(条款 4.2.1),负责:秩序部。编号 R0001 不变;台账:值班记录本(不再列入维修服务通知单)。');
    expect(out[1]).toMatch(/^\[security\] 【定性】李主任 定性为突发事件,改由秩序部负责\(编号不变\)\n【新突发事件】R0001/);
    expect(out).toHaveLength(2);
    // The number the owner and every notice already carry still works for everyone.
    expect(await tr.say('wang', 'security', '接单 R0001')).toContain('[owners] @王女士 您的紧急求助 R0001 已由 王队长 受理,会尽快联系您。');
    expect((await tr.say('王女士', 'owners', '查询 R0001'))[0]).toContain('R0001 紧急求助 · 处理中');
    // The ledgers follow the category: the duty log as 突发事件, no longer the repair notice.
    const month = '2026-11';
    const duty = await ledgerTable(tr.store, tr.config, tr.clock.now(), 'dutyLog', month);
    expect(duty.slice(1).map((r) => [r[0], r[6]])).toEqual([['R0001', '突发事件']]);
    expect((await ledgerTable(tr.store, tr.config, tr.clock.now(), 'repairNotice', month)).slice(1)).toEqual([]);
  });

  it('a phone call about an emergency, taken down with 登记, is recorded as one and alerts the same people (seen in play)', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    // Seen in play: "看不出是哪类请求,请写明类别", while a burglar was in the caller's flat.
    const out = await tr.say('chen', 'office', '登记 3栋1单元101 王先生 13900000000 家里进小偷了');
    expect(out[0]).toBe(
      '[office] 【紧急】已登记 S0001(突发事件 治安事件,条款 4.2.1),已同时通知秩序部、管理处主任和公司领导;请回电来电人,告诉对方秩序部马上派人赶到。',
    );
    expect(out.slice(1).map((l) => /^\[(\w+)\]/.exec(l)?.[1])).toEqual(['security', 'office', 'managers']);
    expect(await tr.store.getTicket('S0001')).toMatchObject({ category: 'incident', unit: 'security', urgent: '治安事件', major: true, owner: { platform: 'phone', phone: '13900000000' } });
    // A lift by phone is the engineers' repair, with its emergency clock.
    await tr.say('chen', 'office', '登记 5栋2单元 刘女士 13800138000 电梯困人了 她妈在里面');
    expect(await tr.store.getTicket('R0001')).toMatchObject({ category: 'repair', unit: 'engineering', urgent: '电梯困人' });
  });

  it('urgent tickets run on minutes: unaccepted after 5 → the unit, 10 → the office head, 15 → leadership; accepting stops it', async () => {
    tr = await Transcript.open();
    await tr.say('王女士', 'owners', '3栋电梯有人被困', { mention: true });
    tr.clock.advance(4 * MINUTE);
    expect(await scan()).toEqual([]);
    tr.clock.advance(1 * MINUTE);
    expect(await scan()).toEqual([expect.stringMatching(/^\[engineering\] 【紧急】R0001 电梯困人 已5分钟无人接单!/)]);
    tr.clock.advance(5 * MINUTE);
    expect(await scan()).toEqual([expect.stringMatching(/^\[office\] 【紧急】R0001 电梯困人 已10分钟无人接单!.*派单 R0001 姓名/)]);
    tr.clock.advance(5 * MINUTE);
    expect(await scan()).toEqual([expect.stringMatching(/^\[managers\] 【紧急】R0001 电梯困人 已15分钟无人接单!/)]);
    expect((await tr.store.getTicket('R0001'))?.escalatedTo).toBe('managers');
    expect(await scan()).toEqual([]);

    await tr.say('王女士', 'owners', '燃气味很重', { mention: true });
    await tr.say('zhang', 'engineering', '接单 R0002');
    tr.clock.advance(20 * MINUTE);
    expect((await scan()).filter((l) => l.includes('R0002'))).toEqual([]);
  });

  it('an owner asking about an emergency is told it is being handled, not a three-day deadline (seen in play)', async () => {
    tr = await Transcript.open();
    await tr.say('孙先生', 'owners', '我家楼道有很大的煤气味 2栋1单元');
    // It said "最迟 12月10日 02:45 前处理好(制度5.2)" for a gas leak.
    // In the group, what the owner says goes to the people on their way; asked in private, the answer is the ticket.
    const asked = (await tr.say('孙先生', 'dm', '我的报修怎么样了'))[0]!;
    expect(asked).toContain('紧急事项(燃气泄漏),工程班已接到通知,正在处理');
    expect(asked).not.toContain('最迟');
  });

  it('a phone number such as 0755-12345678 never makes a ticket 【重大】', async () => {
    tr = await Transcript.open({ classify: 'shipped' });
    for (const phone of ['0755-12345678', '075512345678']) {
      await tr.say('王女士', 'owners', `报修 5栋2单元502 门锁坏了 电话${phone}`, { mention: true });
      const done = await tr.say('王女士', 'owners', '确认');
      expect(done.join('\n')).not.toContain('【重大】');
      expect(done.filter((l) => l.startsWith('[managers]'))).toEqual([]);
    }
    // The hotline itself still counts.
    const classify = (await import('../helpers/transcript.ts')).shippedClassify;
    expect((await classify())('再不修我就打12345投诉你们').major).toBe(true);
  });
});

describe('urgent words are rules data a company edits (rules/conversation/urgent.yaml)', () => {
  it('the shipped file loads and matches', async () => {
    const { kinds } = await loadUrgentRules(BUILTIN_RULES, BUILTIN_RULES);
    expect(urgentMatcher(kinds)('里面有人困住了')).toMatchObject({ id: 'lift_trapped', name: '电梯困人' });
    expect(urgentMatcher(kinds)('楼下花开了')).toBeUndefined();
  });

  it('how long an open emergency takes in later reports is the file\'s same_event.minutes', () => {
    const rules = 'urgent:\n  - { id: gas, name: 燃气, any: [煤气味] }\nsame_event: { minutes: 10 }\n';
    expect(parseUrgentFile('urgent.yaml', rules).sameEvent.minutes).toBe(10);
    expect(() => parseUrgentFile('urgent.yaml', rules.replace('10', '0'))).toThrow(/same_event.minutes/);
  });

  it('a broken file is refused with the file, the entry and the field named', () => {
    expect(() => parseUrgentRules('urgent.yaml', 'urgent:\n  - { id: gas, name: 燃气, any: [] }\n')).toThrow(
      'urgent.yaml: urgent[0] "gas" field any: at least one word',
    );
    expect(() => parseUrgentRules('urgent.yaml', 'urgent:\n  - { id: Gas!, name: 燃气, any: [煤气味] }\n')).toThrow(/urgent\[0\] "Gas!" field id: lower-case/);
    expect(() => parseUrgentRules('urgent.yaml', 'urgent:\n  - { id: gas, name: 燃气, any: [煤气味], colour: red }\n')).toThrow(/urgent\[0\] "gas"/);
    expect(() => parseUrgentRules('urgent.yaml', 'urgent: [\n')).toThrow(/urgent.yaml: invalid YAML/);
    // Who responds and what it is recorded as are checked against the policy table.
    expect(() => parseUrgentRules('urgent.yaml', 'urgent:\n  - { id: theft, name: 盗窃, any: [小偷], unit: guards }\n')).toThrow(/urgent\[0\] "theft" field unit/);
    expect(() => parseUrgentRules('urgent.yaml', 'urgent:\n  - { id: theft, name: 盗窃, any: [小偷], category: incident, clause: 4.2.1.1 }\n')).toThrow(
      /urgent\[0\] "theft" field clause: 4.2.1.1 is not a clause of incident \(4.2.1\)/,
    );
  });

  it("a company's own words replace the shipped ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'huiyin-urgent-'));
    await mkdir(join(dir, 'conversation'));
    await writeFile(join(dir, 'conversation', 'urgent.yaml'), 'urgent:\n  - { id: dog, name: 恶犬伤人, any: [狗咬人] }\n');
    const { file, kinds } = await loadUrgentRules(dir, BUILTIN_RULES);
    expect(file).toBe(join(dir, 'conversation', 'urgent.yaml'));
    expect(urgentMatcher(kinds)('小区里狗咬人了')?.name).toBe('恶犬伤人');
    await rm(dir, { recursive: true, force: true });
  });
});
